"""Fake coded Documents for the web tests (built directly: no spaCy), and an in-memory
store implementing the store interface the API reads, for fast unit tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from communique.document import (
    Actor,
    Document,
    Event,
    EventMention,
    Evidence,
    Place,
    Quote,
    Speaker,
)

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
PLACES = {"Moscow": ("RUS", 55.75, 37.62), "Beijing": ("CHN", 39.9, 116.4),
          "Kyiv": ("UKR", 50.45, 30.52)}


def _actor(code: str, name: str, sector: str = "GOV") -> Actor:
    return Actor(text=name, name=name, code=code, sector=sector)


def _event(text: str, trigger: str, etype: str, cameo: str, goldstein: float, actor: Actor,
           recipient: Actor, day: str, place: str | None) -> Event:
    start = text.index(trigger)
    sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
    stop = text.find(". ", start)
    sentence_end = len(text) if stop < 0 else stop + 1
    location = None
    if place:
        country, lat, lon = PLACES[place]
        location = {"name": place, "country": country, "lat": lat, "lon": lon}
    return Event(event_type=etype, cameo=cameo, goldstein=goldstein, plover_score=goldstein / 2,
                 quad=1 if goldstein > 0 else 4, actor=[actor], recipient=[recipient], date=day,
                 date_precision="day", location=location,
                 evidence=Evidence(text=text[sentence_start:sentence_end], start=sentence_start,
                                   end=sentence_end, trigger=trigger),
                 confidence=0.8)


def diplomacy_doc(n: int, day: date) -> Document:
    """An article where CHN meets RUS (cooperation) or RUS threatens UKR (conflict)."""
    if n % 3 == 2:
        text = (f"Russia threatened Ukraine with new strikes on {day:%B %d} (report {n}). "
                "Officials in Kyiv said the threat was serious.")
        event = _event(text, "threatened", "THREATEN", "138", -7.0, _actor("RUS", "Russia"),
                       _actor("UKR", "Ukraine"), day.isoformat(), "Kyiv")
    else:
        (a, a_name), (b, b_name) = (("CHN", "China"), ("RUS", "Russia"))[:: 1 if n % 2 == 0 else -1]
        text = f"{a_name} met {b_name} in Beijing for talks on {day:%B %d} (report {n})."
        event = _event(text, "met", "CONSULT", "042", 1.9 + n % 3, _actor(a, a_name),
                       _actor(b, b_name), day.isoformat(), "Beijing")
    doc = Document(text=text, id=f"doc-{n:03d}", title=f"Report {n}", published=day.isoformat(),
                   source="Testwire")
    event.id = f"ev-{n:03d}"
    doc.events = [event]
    doc.places = [Place(text="Beijing", start=0, end=0, name="Beijing", country="CHN",
                        lat=39.9, lon=116.4)]
    return doc


def hostile_doc() -> Document:
    """An article whose text, title, names and quote carry script and onerror payloads."""
    text = (f"Sergei Lavrov met Wang Yi {HOSTILE} in Moscow. {HOSTILE} "
            f'"We will cooperate {HOSTILE}," said Lavrov.')
    event = _event(text, "met", "CONSULT", "042", 3.0, _actor("RUS", f"Lavrov {HOSTILE}"),
                   _actor("CHN", "Wang Yi"), "2023-09-18", "Moscow")
    event.id = "ev-hostile"
    again = text.index('"We')  # a second mention of the talks, itself hostile
    event.mentions = [event.own_mention(), EventMention(
        Evidence(text=text[again:], start=again, end=len(text), trigger="cooperate"))]
    doc = Document(text=text, id="doc-hostile", title=f"Talks {HOSTILE}", published="2023-09-19",
                   source=f"Wire {HOSTILE}", url="javascript:window.__pwned=1")
    doc.events = [event]
    q_start = text.index('"We') + 1
    q_end = text.index(',"', q_start)
    speaker_at = text.rindex("Lavrov")
    doc.quotes = [Quote(text=text[q_start:q_end], start=q_start, end=q_end, direct=True, cue="said",
                        speaker=Speaker(text="Lavrov", start=speaker_at, end=speaker_at + 6,
                                        name=f"Sergei Lavrov {HOSTILE}",
                                        actor=_actor("RUS", "Sergei Lavrov")))]
    return doc


def sample_documents(count: int = 24) -> list[Document]:
    start = date(2023, 9, 1)
    return [diplomacy_doc(n, start + timedelta(days=n // 2)) for n in range(count)] + [hostile_doc()]


class MemoryStore:
    """The store interface the API uses, over coded documents held in memory."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = {d.id: d.to_dict() for d in docs}
        self.closed = False

    def _rows(self) -> list[dict[str, Any]]:
        rows = []
        for doc in self.docs.values():
            for event in doc["events"]:
                rows.append({**event, "article_id": doc["id"], "published": doc["published"],
                             "source": doc["source"], "title": doc["title"]})
        return sorted(rows, key=lambda e: (e["date"] or "", e["id"]))

    def _filtered(self, actor=None, recipient=None, event_type=None, quad=None, since=None,
                  until=None):
        from communique.actors.typed import actor_refs  # the real validation of typed actors

        actor = ",".join(r.code for r in actor_refs(actor, "actor"))
        recipient = ",".join(r.code for r in actor_refs(recipient, "recipient"))

        def keep(e: dict[str, Any]) -> bool:
            return ((not actor or actor.upper() in [a["code"] for a in e["actor"]])
                    and (not quad or str(e["quad"]) in quad.split(","))
                    and (not recipient or recipient.upper() in [a["code"] for a in e["recipient"]])
                    and (not event_type or e["event_type"] in event_type.upper().split(","))
                    and (not since or (e["date"] or "") >= since)
                    and (not until or (e["date"] or "9999") <= until))
        return [e for e in self._rows() if keep(e)]

    def events(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        return self._filtered(**filters)[offset: offset + limit]

    def stories(self, *, limit: int = 100, offset: int = 0, min_articles: int = 1,
                **filters: Any) -> list[dict[str, Any]]:
        rows = [{**e, "num_mentions": 1, "num_articles": 1, "num_sources": 1,
                 "mentions": [{"event_id": e["id"], "article_id": e["article_id"]}]}
                for e in self._filtered(**filters)]
        return rows[offset: offset + limit] if min_articles <= 1 else []

    def count_events(self, **filters: Any) -> int:
        return len(self._filtered(**filters))

    def count_stories(self, *, min_articles: int = 1, **filters: Any) -> int:
        return len(self._filtered(**filters)) if min_articles <= 1 else 0

    def event(self, event_id: str) -> dict[str, Any] | None:
        for e in self._rows():
            if e["id"] == event_id:
                doc = self.docs[e["article_id"]]
                article = {k: doc[k] for k in ("id", "title", "published", "source", "url", "text")}
                return {**e, "article": article}
        return None

    def article(self, article_id: str) -> dict[str, Any] | None:
        return self.docs.get(article_id)

    def dyad(self, a: str, b: str, *, since=None, until=None) -> dict[str, Any]:
        a, b = a.upper(), b.upper()
        daily: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for direction, (x, y) in (("a->b", (a, b)), ("b->a", (b, a))):
            for e in self._filtered(actor=x, recipient=y, since=since, until=until):
                daily.setdefault((e["date"], direction), []).append(e)
        rows = [{"date": d, "direction": k, "count": len(v),
                 "mean_goldstein": sum(e["goldstein"] for e in v) / len(v),
                 "mean_plover_score": sum(e["plover_score"] for e in v) / len(v)}
                for (d, k), v in sorted(daily.items())]
        weekly = [{**r, "week": r["date"]} for r in rows]
        return {"a": a, "b": b, "daily": rows, "weekly": weekly}

    def _actor_counts(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for e in self._rows():
            for a in e["actor"] + e["recipient"]:
                counts[a["code"]] = counts.get(a["code"], 0) + 1
        return sorted(counts.items(), key=lambda kv: -kv[1])

    def actors(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        ranked = self._actor_counts()[offset: offset + limit]
        return [{"code": c, "sector": None, "cameo": c, "name": c, "events": n} for c, n in ranked]

    def count_actors(self) -> int:
        return len(self._actor_counts())

    def _quotes(self, speaker: str | None) -> list[dict[str, Any]]:
        rows = [{**q, "article_id": d["id"]} for d in self.docs.values() for q in d["quotes"]]
        if speaker:
            rows = [q for q in rows if speaker.lower() in (q["speaker"] or {}).get("name", "").lower()]
        return rows

    def quotes(self, *, speaker: str | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
        return self._quotes(speaker)[offset: offset + limit]

    def count_quotes(self, *, speaker: str | None = None) -> int:
        return len(self._quotes(speaker))

    def stats(self) -> dict[str, Any]:
        return {"articles": len(self.docs), "events": len(self._rows()),
                "quotes": sum(len(d["quotes"]) for d in self.docs.values())}

    def updates(self) -> dict[str, Any]:
        return {"last_id": 0, "last_ingested_at": None, "feeds": []}

    def close(self) -> None:
        self.closed = True
