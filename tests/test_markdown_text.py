"""Plain text in Markdown outlets (pull-request summaries, guidance) renders exactly as written."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from finsam.markdown_text import literal

HOSTILE = [
    "Stöd *för* _unga_ | 2025",
    "[klicka](javascript:alert(1)) <script>x</script> &amp; &lt;",
    "`kod` # rubrik ~~struken~~ ![bild](x.png) {: .klass}",
    "1. inte en lista",
    "- inte heller",
    "> inget citat",
    "AT&T \\ backslash \"q\" 'q'",
]


class _Text(HTMLParser):
    """The text of the paragraph or of the table's body cell, and every tag met."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.inside = tag in ("p", "td")

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.parts.append(data)


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("where", ["paragraph", "table cell"])
def test_text_renders_as_written(text: str, where: str) -> None:
    markdown = literal(text) if where == "paragraph" else f"| a |\n| --- |\n| {literal(text)} |\n"
    parser = _Text()
    parser.feed(MarkdownIt("commonmark").enable("table").render(markdown))
    assert "".join(parser.parts).strip() == text
    allowed = {"p"} if where == "paragraph" else {"table", "thead", "tbody", "tr", "th", "td"}
    assert set(parser.tags) <= allowed
