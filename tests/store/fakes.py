"""Cheap coded Documents built by hand, so store tests need no spaCy."""

from __future__ import annotations

from communique.document import Actor, Document, Entity, Event, Evidence, Place, Quote, Speaker

COUNTRY_NAMES = {"CHN": "Wang Yi", "RUS": "Sergei Lavrov", "USA": "Antony Blinken",
                 "UKR": "Dmytro Kuleba"}


def actor(code: str, sector: str = "GOV") -> Actor:
    return Actor(text=COUNTRY_NAMES.get(code, code), name=COUNTRY_NAMES.get(code, code),
                 code=code, sector=sector)


def make_event(event_type: str = "CONSULT", src: str = "CHN", dst: str | None = "RUS",
               date: str | None = "2023-09-18", place: str | None = "Moscow",
               country: str | None = "RUS", cameo: str = "040", goldstein: float = 1.0,
               plover_score: float = 2.5, quad: int = 1, **flags: bool) -> Event:
    return Event(
        event_type=event_type, cameo=cameo, goldstein=goldstein, plover_score=plover_score,
        quad=quad, evidence=Evidence(text="They met.", start=0, end=9, trigger="met"),
        actor=[actor(src)], recipient=[actor(dst)] if dst else [], date=date,
        date_precision="day" if date and len(date) == 10 else "month",
        location={"name": place, "country": country, "lat": 55.75, "lon": 37.62} if place else None,
        **flags)


def make_doc(doc_id: str, *events: Event, text: str | None = None, source: str = "Xinhua",
             published: str = "2023-09-19") -> Document:
    text = text or f"Article {doc_id}: Wang Yi met Sergei Lavrov in Moscow. \"Good talks,\" he said."
    doc = Document(text=text, id=doc_id, title=f"Title {doc_id}", published=published,
                   source=source, url=f"https://example.org/{doc_id}")
    doc.entities = [Entity("Wang Yi", "PERSON", 0, 7, "Wang Yi", actor("CHN"))]
    doc.places = [Place("Moscow", 10, 16, "Moscow", "RUS", 55.75, 37.62, 524901, "city")]
    doc.quotes = [Quote("Good talks", 20, 30, True, "said",
                        Speaker("he", 33, 35, "Wang Yi", actor("CHN")))]
    doc.events = list(events)
    for i, event in enumerate(doc.events):
        event.id = event.id or f"{doc_id}-ev{i}"
    return doc
