"""Suite "ecbplus": cross-document event coreference on ECB+, scored with B-cubed.

Gold: within each topic, event mentions (``ACTION_*`` and ``NEG_ACTION_*``) linked by a
``CROSS_DOC_COREF`` instance or an ``INTRA_DOC_COREF`` chain form one cluster; every other
event mention is a singleton. B-cubed precision, recall and F1 are averaged over all event
mentions of all topics.

Systems compared (each clusters within a topic only):
- ``singletons``: every mention alone (B-cubed precision 1 by construction);
- ``lemma``: mentions whose head lemma is the same are one event (the strong ECB+ baseline);
- ``lemma+docs``: documents are first grouped into stories by what the pipeline finds in
  them (the participants, places and dates spaCy's entity recogniser marks, plus content
  lemmas, TF-IDF weighted, average-link), then same-lemma mentions within a story are one
  event. This is the store's de-duplication idea: same kind of event, same participants,
  place and time;
- ``lemma+docs+context``: as above, but across documents two same-lemma mentions join only
  when their sentences share at least two participants, places, dates or other content nouns.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from .report import Report, Table

MentionKey = tuple[str, str]  # (doc_id, m_id)
METHODS = ("singletons", "lemma", "lemma+docs", "lemma+docs+context")
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "DATE", "EVENT"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "NUM"})
ENTITY_WEIGHT = 3.0  # who, where and when say more about which event than common words
STORY_THRESHOLD = 0.1  # average cosine similarity at which two document groups merge
MIN_SHARED_CONTEXT = 2  # context words two same-lemma mentions must share to corefer


def is_event(mention: dict[str, Any]) -> bool:
    return mention["type"].startswith(("ACTION", "NEG_ACTION"))


def load_documents(paths: Sequence[str], limit: int | None) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in paths:
        try:
            with Path(path).open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        docs.append(json.loads(line))
        except (OSError, json.JSONDecodeError) as exc:
            raise EvaluationError(f"cannot read ECB+ file {path}: {exc}") from exc
    if not docs or "mentions" not in docs[0]:
        raise EvaluationError("no ECB+ documents found; give ecbplus_*.jsonl files")
    return docs[:limit] if limit else docs


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, item: Any) -> Any:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: Any, b: Any) -> None:
        self.parent[self.find(a)] = self.find(b)


def gold_clusters(docs: Iterable[dict[str, Any]]) -> dict[MentionKey, Any]:
    """Gold cluster id for every event mention."""
    sets = _UnionFind()
    for doc in docs:
        events = {m["m_id"] for m in doc["mentions"] if is_event(m)}
        for m_id in events:
            sets.find((doc["doc_id"], m_id))
        for rel in doc["relations"]:
            chain = (("x", doc["topic"], rel["note"]) if rel["type"] == "CROSS_DOC_COREF"
                     else ("i", doc["doc_id"], rel["r_id"]))
            for source in rel["sources"]:
                if source in events:
                    sets.union((doc["doc_id"], source), chain)
    return {key: sets.find(key) for key in list(sets.parent) if len(key) == 2}


def b_cubed(predicted: dict[MentionKey, Any], gold: dict[MentionKey, Any]) -> tuple[float, ...]:
    """B-cubed precision, recall and F1 over the gold mentions."""
    pred_members: dict[Any, set[MentionKey]] = defaultdict(set)
    gold_members: dict[Any, set[MentionKey]] = defaultdict(set)
    for key in gold:
        pred_members[predicted[key]].add(key)
        gold_members[gold[key]].add(key)
    precision = recall = 0.0
    for key in gold:
        overlap = len(pred_members[predicted[key]] & gold_members[gold[key]])
        precision += overlap / len(pred_members[predicted[key]])
        recall += overlap / len(gold_members[gold[key]])
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# --- what the pipeline's parser gives us ---------------------------------------------------

def parse_documents(docs: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
    """spaCy parses of every sentence, keeping ECB+'s tokenisation."""
    from spacy.tokens import Doc

    from ..nlp.spacy_stage import load_spacy

    nlp = load_spacy()
    inputs = [Doc(nlp.vocab, words=sentence or ["."]) for doc in docs
              for sentence in doc["sentences"]]
    parsed = iter(nlp.pipe(inputs, batch_size=64))
    return {doc["doc_id"]: [next(parsed) for _ in doc["sentences"]] for doc in docs}


def head_lemma(sentence: Any, tokens: list[int]) -> str:
    """The lemma of the mention's syntactic head (the token whose head lies outside it)."""
    inside = [sentence[i] for i in tokens if i < len(sentence)]
    if not inside:
        return ""
    span = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in span or t.head.i == t.i]
    return (heads[0] if heads else inside[-1]).lemma_.lower()


def document_terms(sentences: list[Any]) -> Counter[str]:
    """Participants, places, dates (entities) and content lemmas of one document."""
    terms: Counter[str] = Counter()
    for sentence in sentences:
        for ent in sentence.ents:
            if ent.label_ in ENTITY_LABELS:
                terms["E:" + ent.text.lower()] += ENTITY_WEIGHT
        for token in sentence:
            if token.pos_ in CONTENT_POS and not token.is_stop and token.is_alpha:
                terms["L:" + token.lemma_.lower()] += 1
    return terms


# --- clustering ---------------------------------------------------------------------------

def _tfidf(term_counts: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    df: Counter[str] = Counter()
    for counts in term_counts.values():
        df.update(counts.keys())
    n = len(term_counts)
    vectors = {}
    for doc_id, counts in term_counts.items():
        vec = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[doc_id] = {t: v / norm for t, v in vec.items()}
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def story_groups(vectors: dict[str, dict[str, float]], threshold: float) -> dict[str, int]:
    """Average-link agglomerative clustering of documents, stopping below ``threshold``."""
    ids = sorted(vectors)
    sim = {(a, b): _cosine(vectors[a], vectors[b]) for i, a in enumerate(ids) for b in ids[i + 1:]}
    groups = [[doc_id] for doc_id in ids]

    def link(x: list[str], y: list[str]) -> float:
        return sum(sim[min(a, b), max(a, b)] for a in x for b in y) / (len(x) * len(y))

    while len(groups) > 1:
        score, i, j = max((link(groups[i], groups[j]), i, j)
                          for i in range(len(groups)) for j in range(i + 1, len(groups)))
        if score < threshold:
            break
        groups[i] += groups.pop(j)
    return {doc_id: n for n, group in enumerate(groups) for doc_id in group}


def predict(docs: Sequence[dict[str, Any]], parses: dict[str, list[Any]], method: str,
            threshold: float = STORY_THRESHOLD) -> dict[MentionKey, Any]:
    """Predicted cluster id for every event mention under ``method``."""
    story: dict[str, Any] = {}
    if method == "lemma+docs":
        by_topic: dict[str, dict[str, Counter[str]]] = defaultdict(dict)
        for doc in docs:
            by_topic[doc["topic"]][doc["doc_id"]] = document_terms(parses[doc["doc_id"]])
        for topic, terms in by_topic.items():
            for doc_id, group in story_groups(_tfidf(terms), threshold).items():
                story[doc_id] = (topic, group)
    predicted: dict[MentionKey, Any] = {}
    if method == "lemma+docs+context":
        return _context_merge(docs, parses, predict(docs, parses, "lemma+docs", threshold))
    for doc in docs:
        for mention in filter(is_event, doc["mentions"]):
            key = (doc["doc_id"], mention["m_id"])
            if method == "singletons":
                predicted[key] = key
                continue
            lemma = head_lemma(parses[doc["doc_id"]][mention["sent"]], mention["tok"])
            scope = story.get(doc["doc_id"], doc["topic"])
            predicted[key] = (scope, lemma or key)
    return predicted


def sentence_terms(sentence: Any, skip: set[int]) -> frozenset[str]:
    """Who, where, when and what else a mention's sentence names (its context)."""
    terms = {ent.text.lower() for ent in sentence.ents if ent.label_ in ENTITY_LABELS}
    terms |= {t.lemma_.lower() for t in sentence if t.pos_ in {"NOUN", "PROPN", "NUM"}
              and not t.is_stop and t.is_alpha and t.i not in skip}
    return frozenset(terms)


def _context_merge(docs: Sequence[dict[str, Any]], parses: dict[str, list[Any]],
                   buckets: dict[MentionKey, Any]) -> dict[MentionKey, Any]:
    """Split same-lemma buckets: two mentions join only when their sentences share at
    least MIN_SHARED_CONTEXT participants, places, dates or other content nouns."""
    context = {(d["doc_id"], m["m_id"]): sentence_terms(parses[d["doc_id"]][m["sent"]],
                                                        set(m["tok"]))
               for d in docs for m in d["mentions"] if is_event(m)}
    members: dict[Any, list[MentionKey]] = defaultdict(list)
    for key, bucket in buckets.items():
        members[bucket].append(key)
    sets = _UnionFind()
    for keys in members.values():
        for i, a in enumerate(keys):
            sets.find(a)
            for b in keys[i + 1:]:
                if len(context[a] & context[b]) >= MIN_SHARED_CONTEXT:
                    sets.union(a, b)
    return {key: sets.find(key) for key in buckets}


def _misses(docs: Sequence[dict[str, Any]], predicted: dict[MentionKey, Any],
            gold: dict[MentionKey, Any]) -> list[dict[str, Any]]:
    """Gold chains the method split, with the text of each mention and its predicted cluster."""
    texts = {(d["doc_id"], m["m_id"]): m["text"] for d in docs for m in d["mentions"]}
    chains: dict[Any, list[MentionKey]] = defaultdict(list)
    for key, chain in gold.items():
        chains[chain].append(key)
    misses = []
    for chain, keys in chains.items():
        clusters = {str(predicted[k]) for k in keys}
        if len(keys) > 1 and len(clusters) > 1:
            misses.append({"chain": str(chain), "mentions": [
                {"doc": k[0], "text": texts[k], "predicted": str(predicted[k])} for k in keys]})
    return misses


def run(paths: list[str], *, limit: int | None = None, **_: Any) -> Report:
    """Score singletons, the lemma baseline and lemma+docs on ECB+ files."""
    docs = load_documents(paths, limit)
    gold = gold_clusters(docs)
    parses = parse_documents(docs)
    report = Report("ecbplus")
    rows = []
    results = {}
    for method in METHODS:
        predicted = predict(docs, parses, method)
        precision, recall, f1 = b_cubed(predicted, gold)
        results[method] = predicted
        rows.append([method, round(precision, 4), round(recall, 4), round(f1, 4)])
        report.summary[f"{method}_b3_f1"] = round(f1, 4)
    report.summary.update(documents=len(docs), topics=len({d["topic"] for d in docs}),
                          event_mentions=len(gold), gold_clusters=len(set(gold.values())))
    report.tables.append(Table("B-cubed over event mentions, within topic",
                               ["method", "precision", "recall", "f1"], rows))
    report.misses = _misses(docs, results[METHODS[-1]], gold)
    return report
