"""Generic and habitual mentions are no events (sentences written here)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "The rebels have been fighting the government since 1998.",
    "Armed groups have repeatedly attacked army bases in the north.",
    "Such attacks have claimed hundreds of lives in the region.",
    "The militia is attacking villages across the province.",
])
def test_generic_or_habitual_mentions_are_dropped(code_text, text: str) -> None:
    doc = code_text(text, published="2024-05-08")
    assert [e.event_type for e in doc.events if e.event_type == "ASSAULT"] == []


@pytest.mark.parametrize("text", [
    "Rebels attacked an army base in the north on Sunday.",
    "Drone attacks have killed eight militant leaders since July.",
    "Thousands of people are protesting outside parliament.",
])
def test_single_acts_and_counts_stay(code_text, text: str) -> None:
    doc = code_text(text, published="2024-05-08")
    assert doc.events
