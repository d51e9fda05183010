"""Training examples and the fit of the learned event check (``events/learned.py``).

Every example is an event the rules coded, read as ``event_features``, with a label: 1 when
the event is real and of the right type, 0 when it is not. Labels come from

- ACLED notes outside the evaluation sample: events of a type ACLED's own type accepts (1);
- the synthetic PLOVER stories: events of the story's type (1);
- BBC business, sport, tech and entertainment stories: every event (0, non-political text);
- the tune halves of running-news (matched to gold of its type: 1; spurious or of another
  type: 0) and non-political (an alarm type, which no ``legit_events`` entry is: 0);
- trigger contexts labelled by hand (``train/data/event_filter_labels.jsonl``: real news
  from the Guardian, BBC politics and Reuters samples, each event judged 1 or 0).

The check halves of the evaluation sets are never read here. The fit is a deterministic
L2-regularised logistic regression by full-batch gradient descent (numpy).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..document import Document, Event
from ..evaluate import acled, non_political, running_news
from ..evaluate.halves import half_of, split_bit
from ..pipeline import make_document
from ..resources import data_path, load_data, read_structured

LABELS_FILE = "event_filter_labels.jsonl"
BBC_NON_POLITICAL = ("business", "sport", "tech", "entertainment")


@dataclass
class Example:
    source: str
    doc_id: str
    trigger_start: int
    event_type: str
    trigger: str
    sentence: str
    label: int | None
    features: list[str]
    marked: str = ""  # the sentence with its trigger marked (input of the embedding variant)

    @property
    def key(self) -> str:
        return f"{self.doc_id}:{self.trigger_start}:{self.event_type}"


def code(docs: list[Document]) -> list[Document]:
    from ..api import code_documents

    return list(code_documents(docs))


def _example(source: str, doc: Document, event: Event, label: int | None) -> Example:
    from ..events.learned import event_features
    from .compare import marked_sentence

    return Example(source, doc.id, event.evidence.trigger_start, event.event_type,
                   event.evidence.trigger, event.evidence.text, label, event_features(doc, event),
                   marked_sentence(event))


def _asserted(doc: Document) -> list[Event]:
    return [e for e in doc.events if not e.negated and not e.hypothetical]


def _every_nth(rows: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    step = max(1, len(rows) // count)
    return rows[::step][:count]


def acled_extra(shared: Path, count: int) -> Iterator[Example]:
    """ACLED notes outside the evaluation sample: events of an accepted type are real."""
    rows = read_structured(shared / "data/acled/acled_notes_dev.jsonl")
    sampled = {r["event_id_cnty"] for r in acled.sample(rows)}
    rest = [r for r in rows if r.get("notes") and acled.acceptable_types(r)
            and r["event_id_cnty"] not in sampled]
    chosen = _every_nth(rest, count)
    docs = code([make_document(r["notes"], id=r["event_id_cnty"]) for r in chosen])
    for record, doc in zip(chosen, docs, strict=True):
        accepted = acled.acceptable_types(record)
        for event in _asserted(doc):
            if event.event_type in accepted:
                yield _example("acled", doc, event, 1)


def synthetic(shared: Path, count: int) -> Iterator[Example]:
    """Synthetic PLOVER stories: an event of the story's own type is real."""
    rows = _every_nth(read_structured(shared / "data/plover_synthetic/ngec_synthetic_events.jsonl"), count)
    docs = code([make_document(r["text"], id=r["id"]) for r in rows])
    for record, doc in zip(rows, docs, strict=True):
        for event in _asserted(doc):
            if event.event_type == record["event_type"]:
                yield _example("synthetic", doc, event, 1)


def bbc_rows(shared: Path, categories: Iterable[str], per_category: int) -> list[dict[str, Any]]:
    rows = read_structured(shared / "data/news/bbc_news.jsonl")
    return [r for c in categories for r in _every_nth([r for r in rows if r["category"] == c],
                                                      per_category)]


def bbc_non_political(shared: Path, per_category: int) -> Iterator[Example]:
    """BBC business, sport, tech and entertainment: no event there is a political one."""
    rows = bbc_rows(shared, BBC_NON_POLITICAL, per_category)
    docs = code([make_document(r["text"], id=r["id"], title=r.get("title")) for r in rows])
    for doc in docs:
        for event in _asserted(doc):
            yield _example("bbc", doc, event, 0)


def _tune(records: list[dict[str, Any]], id_of: Any) -> list[dict[str, Any]]:
    bit = split_bit([id_of(r) for r in records])
    return [r for r in records if half_of(id_of(r), bit) == "tune"]


def running_news_tune(shared: Path) -> Iterator[Example]:
    """Running-news tune half: a prediction matched to gold of its type is real, others not."""
    records = _tune(running_news.load_records([str(shared / "data/running_news/running_news_dev.jsonl")]),
                    lambda r: r.get("id"))
    for record, doc in zip(records, running_news.code_records(records), strict=True):
        predicted = running_news.asserted(doc.events)
        gold, _ = running_news.gold_events(record)
        matching = running_news.match(predicted, gold)
        for p, g in matching.pairs:
            yield _example("running-news", doc, predicted[p], int(predicted[p].event_type == gold[g].event_type))
        for p in matching.spurious:
            yield _example("running-news", doc, predicted[p], 0)


def non_political_tune(shared: Path) -> Iterator[Example]:
    """Non-political tune half: an alarm-type event (none is legitimate there) is not real."""
    records = _tune(non_political.load_records([str(shared / "data/running_news/non_political_dev.jsonl")]),
                    lambda r: r.get("id"))
    alarms = non_political.alarm_types()
    for doc in running_news.code_records(records):
        for event in _asserted(doc):
            if event.event_type in alarms:
                yield _example("non-political", doc, event, 0)


def label_pool(shared: Path, per_source: int) -> Iterator[Example]:
    """Unlabelled events of real news (Guardian world, BBC politics, Reuters) for hand labels."""
    guardian = _every_nth(read_structured(shared / "data/news/guardian_world_sample.jsonl"), per_source)
    docs = [make_document(r["text"][:3000], id=r["id"]) for r in guardian]
    docs += [make_document(r["text"], id=r["id"], title=r.get("title"))
             for r in bbc_rows(shared, ("politics",), per_source)]
    reuters = [r for r in read_structured(shared / "data/news/reuters21578.jsonl") if r.get("body")]
    docs += [make_document(r["body"], id=f"reuters-{r['newid']}", title=r.get("title"))
             for r in _every_nth(reuters, per_source)]
    for doc in code(docs):
        for event in _asserted(doc):
            yield _example("pool", doc, event, None)


def ecbplus_text(record: dict[str, Any]) -> str:
    """An ECB+ document's text, its tokens joined by spaces (the set keeps no raw text)."""
    return "\n".join(" ".join(tokens) for tokens in record["sentences"])


def ecbplus_pool(shared: Path, per_topic: int) -> Iterator[Example]:
    """Unlabelled events of ECB+ news (accidents, disasters, crime, sport, celebrities, war)
    for hand labels: the set is not one the event check is measured on."""
    rows = read_structured(shared / "data/ecbplus/ecbplus_dev_odd_topics.jsonl")
    topics = sorted({r["topic"] for r in rows}, key=int)
    chosen = [r for t in topics for r in [r for r in rows if r["topic"] == t][:per_topic]]
    docs = code([make_document(ecbplus_text(r), id=f"ecb-{r['doc_id']}") for r in chosen])
    for doc in docs:
        for event in _asserted(doc):
            yield _example("pool", doc, event, None)


def _is_disaster_report(text: str) -> bool:
    settings = load_data("train", "event_filter.yaml")
    words = frozenset(settings["disaster_words"])
    found = [w for w in re.findall(r"[a-z]+", text[:settings["disaster_chars"]].lower()) if w in words]
    return len(found) >= settings["disaster_min_words"]


def disaster_pool(shared: Path) -> Iterator[Example]:
    """Unlabelled events of Reuters and BBC stories that report a disaster or an accident."""
    reuters = read_structured(shared / "data/news/reuters21578.jsonl")
    docs = [make_document(r["body"], id=f"reuters-{r['newid']}", title=r.get("title"))
            for r in reuters if r.get("body") and _is_disaster_report(r["body"])]
    docs += [make_document(r["text"], id=r["id"], title=r.get("title"))
             for r in read_structured(shared / "data/news/bbc_news.jsonl")
             if _is_disaster_report(r["text"])]
    for doc in code(docs):
        for event in _asserted(doc):
            yield _example("pool", doc, event, None)


def hand_labels(path: Path | None = None) -> dict[str, int]:
    """The hand-labelled trigger contexts, by example key."""
    rows = read_structured(path or data_path("train", LABELS_FILE))
    return {f"{r['doc_id']}:{r['trigger_start']}:{r['event_type']}": int(r["label"]) for r in rows}


def write_examples(examples: Iterable[Example], path: Path) -> Counter:
    counts: Counter = Counter()
    with path.open("w", encoding="utf-8") as handle:
        for example in examples:
            counts[(example.source, example.label)] += 1
            handle.write(json.dumps(asdict(example)) + "\n")
    return counts


def read_examples(path: Path) -> list[Example]:
    with path.open(encoding="utf-8") as handle:
        return [Example(**json.loads(line)) for line in handle]


@dataclass
class FitSettings:
    """How the fit weighs examples and regularises: hand labels and each source by share."""

    l2: float = 1.0
    steps: int = 400
    rate: float = 0.05
    min_count: int = 2
    source_share: dict[str, float] | None = None


DEFAULT_SHARES = {"hand": 3.0, "bbc": 2.0, "acled": 1.0, "synthetic": 1.0, "running-news": 3.0,
                  "non-political": 1.0}


def adam_step(w: Any, m: Any, v: Any, grad: Any, step: int, rate: float) -> None:
    """One Adam update of the weights ``w`` (its moments ``m``, ``v``), in place."""
    import numpy as np

    m *= 0.9
    m += 0.1 * grad
    v *= 0.999
    v += 0.001 * grad ** 2
    w -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)


def example_weights(examples: list[Example], shares: dict[str, float]) -> Any:
    import numpy as np

    counts = Counter(e.source for e in examples)
    return np.array([shares.get(e.source, 1.0) / counts[e.source] for e in examples]) * len(examples)


def fit(examples: list[Example], settings: FitSettings | None = None) -> dict[str, float]:
    """Feature weights of an L2-regularised logistic regression (full-batch Adam, seeded by
    nothing: the same examples give the same weights)."""
    import numpy as np

    settings = settings or FitSettings()
    df = Counter(f for e in examples for f in set(e.features))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= settings.min_count))}
    rows, cols = [], []
    for r, example in enumerate(examples):
        for f in set(example.features):
            if f in vocab:
                rows.append(r)
                cols.append(vocab[f])
    rows_a, cols_a = np.array(rows), np.array(cols)
    y = np.array([e.label for e in examples], dtype=float)
    sw = example_weights(examples, settings.source_share or DEFAULT_SHARES)
    w, m, v = np.zeros(len(vocab)), np.zeros(len(vocab)), np.zeros(len(vocab))
    for step in range(1, settings.steps + 1):
        z = np.bincount(rows_a, weights=w[cols_a], minlength=len(examples))
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(cols_a, weights=((p - y) * sw)[rows_a], minlength=len(vocab))
        grad = grad / len(examples) + settings.l2 * w / len(examples)
        adam_step(w, m, v, grad, step, settings.rate)
    return {f: round(float(w[i]), 5) for f, i in vocab.items() if abs(w[i]) >= 1e-4}


def build_examples(shared: Path) -> list[Example]:
    """Every labelled example of the training sources, coded now by the rule pipeline; an
    event labelled by hand keeps its hand label wherever else it turns up."""
    sizes = load_data("train", "event_filter.yaml")["sizes"]
    labels = hand_labels()
    pools = [label_pool(shared, sizes["pool_per_source"]), ecbplus_pool(shared, sizes["ecbplus_per_topic"]),
             disaster_pool(shared)]
    hand = {}
    for example in (e for pool in pools for e in pool):
        if example.key in labels:
            example.label, example.source = labels[example.key], "hand"
            hand[example.key] = example
    sources = (acled_extra(shared, sizes["acled"]), synthetic(shared, sizes["synthetic"]),
               bbc_non_political(shared, sizes["bbc_per_category"]), running_news_tune(shared),
               non_political_tune(shared))
    rest = [e for source in sources for e in source if e.key not in hand]
    return list(hand.values()) + rest


def train(examples: list[Example]) -> Any:
    """The fitted model with the threshold and settings of ``train/data/event_filter.yaml``."""
    from ..events.learned import EventFilterModel

    raw = load_data("train", "event_filter.yaml")
    settings = FitSettings(**raw["fit"])
    meta = {"examples": len(examples), "by_source": dict(Counter(e.source for e in examples)),
            "hand_labels_found": sum(e.source == "hand" for e in examples), "fit": raw["fit"]}
    return EventFilterModel(fit(examples, settings), float(raw["threshold"]), meta)
