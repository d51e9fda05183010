"""Web-page furniture: buttons, links, labels, headings inside the body, cut-off tails."""

from __future__ import annotations

import pytest

from communique.config import Config
from communique.ingest.page import page_line_kind
from communique.ingest.structure import StructureStage
from communique.pipeline import make_document


def excluded(text: str) -> dict[str, str]:
    doc = StructureStage(Config())(make_document(text))
    return {doc.text[s:e]: why for s, e, why in doc.excluded if why != "line_break"}


@pytest.mark.parametrize(
    "line",
    ["Share this article", "Read more", "Click here for larger versions", "Skip to Content",
     "Image caption,", "Photos by The Associated Press", "Reuters/Jane Roe", "Sponsored Links",
     "To view this video please enable JavaScript", "Posted: Jun 02, 2013 11:09 AM", "|"],
)
def test_page_lines(line: str) -> None:
    assert page_line_kind(line) == "page"


@pytest.mark.parametrize(
    "line",
    ["Police fired tear gas at the crowd.", "Following the attack, troops were deployed.",
     "Share prices fell sharply on Monday.", "Comments by the minister angered Beijing today."],
)
def test_text_lines_are_not_page_furniture(line: str) -> None:
    assert page_line_kind(line) is None


def test_related_link_is_excluded() -> None:
    text = ("Ministers met in Rome on Monday to discuss the grain deal with their counterparts.\n\n"
            "Chile and Peru to hold border talks in Li...\n\n"
            "The talks ended without a statement from either side.")
    assert excluded(text) == {"Chile and Peru to hold border talks in Li...": "link"}


def test_caption_label_marks_the_next_line() -> None:
    text = ("Rain fell for three days across the region and rivers rose quickly.\n"
            "Image caption,\nSoldiers carry sandbags along the river bank\n"
            "Officials said the water would fall by Friday.")
    found = excluded(text)
    assert found["Soldiers carry sandbags along the river bank"] == "caption"
    assert found["Image caption,"] == "page"


def test_heading_inside_the_body_but_not_the_headline() -> None:
    text = ("Farmers march on the capital\n\n"
            "Thousands of farmers marched on the capital on Tuesday to demand lower fuel prices.\n\n"
            "Talks planned\n\n"
            "The agriculture minister said he would meet their leaders next week.")
    assert excluded(text) == {"Talks planned": "heading"}


def test_a_short_label_under_the_headline_is_a_caption_and_a_dek_stays() -> None:
    text = ("Police to clear road-blocks set by protesters\n\n"
            "Protests in Lima\n\n"
            "The road-blocks set up across the country by demonstrators will be removed, "
            "officials said.")
    assert excluded(text) == {"Protests in Lima": "caption"}
    dek = ("Farmers march on the capital\n\n"
           "Thousands demand lower fuel prices as talks stall\n\n"
           "Thousands of farmers marched on the capital on Tuesday, officials said.")
    assert excluded(dek) == {}


def test_short_cut_off_tail_is_a_fragment_and_a_long_one_stays() -> None:
    short = "The minister arrived in Oslo on Monday.\n\nFurther consultations am"
    assert excluded(short) == {"Further consultations am": "fragment"}
    long = ("The minister arrived in Oslo on Monday.\n\n"
            "She met the king after her talks with the prime minister last Dece")
    assert excluded(long) == {}


def test_line_break_after_a_headline_is_a_sentence_boundary() -> None:
    text = "Rebels seize border town\nRebels seized the town of Kara on Sunday, residents said."
    doc = StructureStage(Config())(make_document(text))
    assert [why for _, _, why in doc.excluded] == ["line_break"]
    doc = communique_process(text)
    assert [s.text for _, s in doc.sentences()][0] == "Rebels seize border town"


def communique_process(text: str):
    from communique import process

    return process(text)
