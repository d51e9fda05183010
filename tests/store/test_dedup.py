"""De-duplication rules: which event mentions report one real event."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from communique.store.dedup import EventKey, cluster, same_event


def key(event_type="CONSULT", day=18, actors=("CHN",), recipients=("RUS",), country="RUS",
        place="Moscow", **flags) -> EventKey:
    when = date(2023, 9, day) if day else None
    return EventKey(event_type, when, when, frozenset(actors), frozenset(recipients), country,
                    place, **flags)


def test_same_type_actors_place_and_close_dates_merge():
    assert same_event(key(), key(day=19))
    assert not same_event(key(), key(day=21))  # more than a day apart
    assert not same_event(key(), key(event_type="ACCUSE"))
    assert not same_event(key(), key(actors=("USA",)))
    assert not same_event(key(), key(country="CHN", place="Beijing"))


def test_missing_place_or_recipient_does_not_block_a_merge():
    assert same_event(key(), key(country=None, place=None))
    assert same_event(key(event_type="SUPPORT"), key(event_type="SUPPORT", recipients=()))


def test_symmetric_types_match_in_either_direction_others_do_not():
    assert same_event(key(), key(actors=("RUS",), recipients=("CHN",)))
    assert not same_event(key("ACCUSE"), key("ACCUSE", actors=("RUS",), recipients=("CHN",)))


def test_flags_and_missing_evidence_keep_events_apart():
    assert not same_event(key(), key(hypothetical=True))
    assert not same_event(key(day=None), key(day=None))
    assert not same_event(key(actors=()), key(actors=()))


def test_cluster_groups_in_arrival_order():
    keys = [key(), key(event_type="ACCUSE"), key(day=19), key(actors=("USA",))]
    labels = cluster(keys)
    assert labels[0] == labels[2] and len(set(labels)) == 3


@given(st.lists(st.tuples(st.sampled_from(["CONSULT", "ACCUSE"]), st.integers(1, 28),
                          st.sampled_from(["CHN", "RUS", "USA"])), max_size=12))
def test_same_event_is_symmetric_and_clusters_are_consistent(items):
    keys = [key(t, d, actors=(a,)) for t, d, a in items]
    for a in keys:
        for b in keys:
            assert same_event(a, b) == same_event(b, a)
    labels = cluster(keys)
    for i, label in enumerate(labels):
        assert label <= i
