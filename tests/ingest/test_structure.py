"""The structure stage: datelines, source lines, bylines and captions."""

from __future__ import annotations

import json
from datetime import date
from itertools import islice

import pytest

from communique.config import Config
from communique.errors import TooLargeError
from communique.ingest.dateline import parse_dateline
from communique.ingest.structure import StructureStage, classify
from communique.pipeline import make_document


def structure(text: str, published: str | None = None, **meta: str):
    doc = make_document(text, published=published, **meta)
    return StructureStage(Config())(doc)


@pytest.mark.parametrize(
    ("text", "published", "place", "when", "agency"),
    [
        (
            "MOSCOW, Sept. 18 (Xinhua) -- Wang Yi said.",
            "2023-09-19",
            "Moscow",
            "2023-09-18",
            "Xinhua",
        ),
        (
            "BEIJING, Sept 18 (Reuters) - China said.",
            "2023-09-19",
            "Beijing",
            "2023-09-18",
            "Reuters",
        ),
        ("WASHINGTON, March 6 - The U.S. said.", "1987-03-06", "Washington", "1987-03-06", None),
        (
            "UNITED NATIONS, Jan. 5 (AP) \u2014 The council met.",
            "2024-01-05",
            "United Nations",
            "2024-01-05",
            "AP",
        ),
        (
            "LONDON, Dec 31 (Reuters) - Markets fell.",
            "2024-01-02",
            "London",
            "2023-12-31",
            "Reuters",
        ),
        ("TOKYO, Jan 1 (Kyodo) - Japan said.", "2023-12-31", "Tokyo", "2024-01-01", "Kyodo"),
        (
            "GRAND RAPIDS, MICH., March 20 - Sales rose.",
            "1987-03-20",
            "Grand Rapids",
            "1987-03-20",
            None,
        ),
        ("Kyiv, Ukraine \u2014 Russian forces attacked.", "2023-09-19", "Kyiv", None, None),
        ("WASHINGTON (AP) \u2014 The Latest.", None, "Washington", None, "AP"),
        ("WASHINGTON \u2015 Donald Trump said.", None, "Washington", None, None),
        ("(AFP) - Officials said.", "2023-09-19", None, None, "AFP"),
        (
            "GENEVA, Sept. 18, 2022 (Reuters) - A talk.",
            "2023-09-19",
            "Geneva",
            "2022-09-18",
            "Reuters",
        ),
        ("MOSCOW, Sept. 18 (Xinhua) -- Text.", None, "Moscow", None, "Xinhua"),
        ("Lagos [Nigeria], May 4 (ANI): Two soldiers died.", "2024-05-05", "Lagos",
         "2024-05-04", "ANI"),
    ],
)
def test_datelines(
    text: str, published: str | None, place: str | None, when: str | None, agency: str | None
) -> None:
    doc = structure(text, published)
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.date, doc.dateline.source) == (place, when, agency)
    assert doc.dateline.country is None
    span = doc.text[doc.dateline.start : doc.dateline.end]
    assert (
        span == span.strip() and (doc.dateline.start, doc.dateline.end, "dateline") in doc.excluded
    )
    if agency:
        assert doc.source == agency


@pytest.mark.parametrize(
    "text",
    [
        "Russia - the country said it would.",
        "China and Russia -- two allies -- met.",
        "Wang Yi met Sergei Lavrov on Monday.",
        "The U.S. Senate voted - narrowly - for it.",
        "In March, Xi visited Russia.",
        "US-China talks resumed on Monday.",
        "UN-backed forces - it said - left.",
        "Russia: the country said it would.",
        "Nigeria [Lagos]: a note.",
    ],
)
def test_not_datelines(text: str) -> None:
    assert structure(text, "2023-09-19").dateline is None


def test_dateline_after_a_title_paragraph() -> None:
    doc = structure(
        "Green Party candidate removed by police.\n\nHEMPSTEAD, N.Y., Sept. 26 (UPI) \u2014 "
        "Green Party candidate Jill Stein was escorted.",
        "2016-09-27",
    )
    assert (doc.dateline.place, doc.dateline.date, doc.source) == ("Hempstead", "2016-09-26", "UPI")
    assert doc.meta["dateline_qualifier"] == "N.Y."


def test_existing_source_is_kept() -> None:
    doc = structure("BEIJING, Sept 18 (Reuters) - Text.", "2023-09-19", source="Guardian")
    assert doc.source == "Guardian" and doc.dateline.source == "Reuters"


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("Xinhua) 13:22, September 19, 2023", "source_line"),
        ("(Xinhua) 13:22, September 19, 2023", "source_line"),
        ("Source: Xinhua| 2023-09-19 13:22:00|Editor: Liu Wei", "source_line"),
        ("Updated 10:05 GMT, 18 September 2023", "source_line"),
        ("By John Smith", "byline"),
        ("By John Smith and Jane Doe, Reuters", "byline"),
        ("(Reporting by Jane Doe in Moscow; Editing by Bob Roe)", "byline"),
        (
            "Chinese Foreign Minister Wang Yi meets with Russian Foreign Minister Sergei Lavrov in "
            "Moscow, Russia, Sept. 18, 2023. (Xinhua/Cao Yang)",
            "caption",
        ),
        (
            "Russian Foreign Minister Sergei Lavrov attends a meeting in Moscow, Russia September 18, "
            "2023. REUTERS/Maxim Shemetov",
            "caption",
        ),
        ("President Joe Biden speaks at the White House. (AP Photo/Evan Vucci)", "caption"),
        ("Protesters gather in the square. (Photo: Anadolu Agency)", "caption"),
        ("Photo taken on Sept. 18, 2023 shows the Kremlin in Moscow. (Xinhua)", "caption"),
        ("Residents flee the town. AFP PHOTO / ARIS MESSINIS", "caption"),
        ("Firefighters inspect a burnt bus in the city centre, 3 March 2019.", "caption"),
        ("Soldiers guard the checkpoint near the border, Sept. 3, 2021.", "caption"),
        ("The two ministers (L) and (R) shake hands before their talks in Hanoi.", "caption"),
        ("Villagers (2nd R) carry sacks of rice at a camp outside the town.", "caption"),
    ],
)
def test_furniture(paragraph: str, kind: str) -> None:
    assert classify(paragraph) == kind


@pytest.mark.parametrize(
    "paragraph",
    [
        "Wang made the remarks while meeting with Russian Foreign Minister Sergei Lavrov.",
        "By the end of the talks, the two sides had agreed on a statement.",
        "The two sides met at 10:30 on Monday and talked for three hours about trade and security.",
        "Lavrov said Russia (a permanent member) would play its role.",
        "The meeting was held on September 19, 2023.",
        "Troops withdrew from the town. The talks resumed in Geneva, 3 March 2019.",
        "Lavrov (left in 2019) said the talks would resume.",
    ],
)
def test_body_paragraphs_are_not_furniture(paragraph: str) -> None:
    assert classify(paragraph) is None


def test_xinhua_example(shared_dir) -> None:
    from communique.ingest.readers import read_path

    doc = next(read_path(shared_dir / "examples" / "xinhua_2023-09-19_wang-yi-lavrov.txt"))
    StructureStage(Config())(doc)
    assert (doc.dateline.place, doc.dateline.date, doc.source) == ("Moscow", "2023-09-18", "Xinhua")
    kinds = [why for _, _, why in doc.excluded]
    assert kinds == ["source_line", "caption", "dateline"]
    assert doc.text[doc.dateline.start : doc.dateline.end] == "MOSCOW, Sept. 18 (Xinhua) --"


def test_reuters_21578_datelines(shared_dir) -> None:
    """A fixed sample of Reuters-21578 datelines: place found and the date within a day."""
    path = shared_dir / "data" / "news" / "reuters21578.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [
            r for r in map(json.loads, islice(handle, 1500)) if r.get("dateline") and r.get("date")
        ]
    right = 0
    for row in rows:
        published = date.fromisoformat(row["date"][:10])
        found = parse_dateline(f"{row['dateline']} {row['body'] or 'x'}", published)
        right += bool(
            found
            and found.place
            and found.date
            and abs((date.fromisoformat(found.date) - published).days) <= 1
        )
    assert right / len(rows) >= 0.95


def test_too_large_article_is_refused() -> None:
    stage = StructureStage(Config(max_article_chars=50))
    with pytest.raises(TooLargeError):
        stage(make_document("word " * 20))


def test_too_large_article_fails_in_the_pipeline() -> None:
    from communique.pipeline import Pipeline

    doc = Pipeline(Config(stages=("structure",), max_article_chars=50))(make_document("word " * 20))
    assert doc.error is not None and doc.error.code == "too_large"


def test_furniture_is_not_coded(xinhua_doc) -> None:
    """No event, quote or entity of the coded example lies in the caption or source line."""
    furniture = [(s, e) for s, e, why in xinhua_doc.excluded]
    spans = [*xinhua_doc.entities, *xinhua_doc.quotes, *(e.evidence for e in xinhua_doc.events)]
    assert furniture
    assert not [x for x in spans if any(x.start < e and s < x.end for s, e in furniture)]
