"""Markdown written into a Word document, as GitHub shows it (CommonMark with tables and
strikethrough): headings, paragraphs with bold and italic, lists and tables become Word's own
headings, runs, list styles and tables. HTML in the text stays text, as on the site."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocumentObject
from markdown_it import MarkdownIt
from markdown_it.token import Token


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def add_markdown(document: DocumentObject, text: str, heading_level: int = 3) -> None:
    """``text`` appended to ``document``; a Markdown heading of level n becomes a Word heading
    of level ``heading_level`` + n - 3 (so ### under a section's Heading 2 is Heading 3)."""
    tokens = _parser().parse(text)
    lists: list[str] = []  # the open lists' styles, innermost last
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = max(1, min(9, heading_level + int(token.tag[1]) - 3))
            heading = document.add_heading("", level=level)
            _inline(heading, tokens[index + 1])
            index += 3
            continue
        if kind == "bullet_list_open":
            lists.append("List Bullet")
        elif kind == "ordered_list_open":
            lists.append("List Number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "paragraph_open":
            style = lists[-1] if lists else None
            paragraph = document.add_paragraph(style=style)
            _inline(paragraph, tokens[index + 1])
            index += 3
            continue
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").split("\n"):
                document.add_paragraph(line)
        elif kind == "table_open":
            index = _table(document, tokens, index)
            continue
        index += 1


def _inline(paragraph: Any, token: Token) -> None:
    bold = italic = strike = False
    for child in token.children or ():
        kind = child.type
        if kind == "strong_open" or kind == "strong_close":
            bold = kind == "strong_open"
        elif kind == "em_open" or kind == "em_close":
            italic = kind == "em_open"
        elif kind == "s_open" or kind == "s_close":
            strike = kind == "s_open"
        elif kind in ("text", "code_inline", "html_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold or None
            run.italic = italic or None
            run.font.strike = strike or None
        elif kind in ("softbreak", "hardbreak"):
            paragraph.add_run(" " if kind == "softbreak" else "\n")


def _table(document: DocumentObject, tokens: Sequence[Token], index: int) -> int:
    """The table that starts at tokens[index]; the index after it."""
    rows: list[list[Token]] = []
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(token)
        index += 1
    if rows:
        width = max(len(r) for r in rows)
        table = document.add_table(rows=len(rows), cols=width)
        table.style = document.styles["Table Grid"]
        for row, cells in zip(table.rows, rows, strict=True):
            for cell, token in zip(row.cells, cells, strict=False):
                _inline(cell.paragraphs[0], token)
    return index + 1
