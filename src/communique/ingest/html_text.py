"""Visible text of an HTML page with the standard library's parser (no nesting limit).

Used only when trafilatura finds no main text, e.g. in pathologically nested pages.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

HIDDEN_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "section",
        "article",
        "blockquote",
        "header",
        "footer",
    }
)


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Paragraphs of visible text, blank-line separated, whitespace tidied."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    paragraphs = (
        re.sub(r"[ \t\r\f\v\n]+", " ", p).strip() for p in "".join(parser.parts).split("\n\n")
    )
    return "\n\n".join(p for p in paragraphs if p)
