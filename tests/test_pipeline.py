"""``Pipeline.pipe`` takes article text, JSON Lines-shaped dicts and Documents."""

from __future__ import annotations

from communique import make_document


def test_pipe_takes_text_dicts_and_documents(pipeline):
    items = ["Police arrested 12 protesters in Lima on Monday.",
             {"id": "d1", "text": "Russia threatened Ukraine with new strikes.",
              "date": "Tue, 12 Mar 2024 09:30:00 GMT", "source": "Wire"},
             make_document("China and Russia signed a trade agreement.", id="doc"),
             {"id": "no-text"}, 42]
    docs = list(pipeline.pipe(items))
    assert [d.id for d in docs][1:4] == ["d1", "doc", "no-text"]
    assert docs[0].error is None and docs[0].events
    assert docs[1].published == "2024-03-12" and docs[1].source == "Wire"
    assert docs[2].error is None
    assert docs[3].error.code == "missing_text" and docs[4].error.code == "bad_record"
