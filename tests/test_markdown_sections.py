"""The section scanner finds exactly the top-level level-2 headings a CommonMark parser finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from finsam.loader.markdown_doc import heading_lines, sections

LINES = [
    "## Bakgrund och behov",
    "##  Syfte ##",
    "##",
    "## Mål:",
    "   ## Indraget",
    "    ## Kod",
    "Vanlig text",
    "mer text",
    "Årets mål: ## inget rubrikmärke",
    "x<div>",
    "",
    "",
    "---",
    "***",
    "===",
    "# Titel",
    "### Underrubrik",
    "```",
    "```python",
    "~~~",
    "````",
    "- punkt",
    "  ## I punkten",
    "1. numrerad",
    "> citat",
    "<!-- kommentar",
    "-->",
    "<!-- hel kommentar -->",
    "<div>",
    "</div>",
    "<span>x</span>",
    "\t## Tabb",
    "Rubrik i setext",
    "-----",
    "* * *",
    "+ plus",
]


def reference(body: str) -> list[tuple[str, int]]:
    tokens = MarkdownIt("commonmark").parse(body)
    return [
        (" ".join(tokens[i + 1].content.split()), token.map[0])
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0 and token.map
    ]


def scanned(body: str) -> list[tuple[str, int]]:
    return [(" ".join(text.split()), start) for text, start, _ in heading_lines(body.split("\n"))]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14))
def test_scanner_agrees_with_markdown_it(lines: list[str]) -> None:
    body = "\n".join(lines)
    assert scanned(body) == reference(body)


def test_sections_carry_text_and_file_lines() -> None:
    body = "\n## Bakgrund\n\nText.\n\n```\n## inte en rubrik\n```\n\nSyfte\n-----\n<!-- x -->\n"
    found = sections(body, body_line=10)
    assert [(s.heading, s.line, s.text_line) for s in found] == [
        ("Bakgrund", 11, 12),
        ("Syfte", 19, 21),
    ]
    assert not found[0].is_empty
    assert found[1].is_empty
