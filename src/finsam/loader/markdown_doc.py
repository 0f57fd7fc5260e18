"""ansokan.md: YAML front matter between --- lines, then sections under level-2 headings.

Only the block structure that decides where a level-2 heading starts matters here, so the
body is scanned line by line instead of being parsed in full. The scanner follows CommonMark
for everything that can hide or fake a heading (fenced and indented code, HTML blocks and
comments, setext underlines); tests/test_markdown_sections.py compares it with markdown-it-py
on generated documents, so the two agree on every heading.

``heading_lines`` is the one source of truth for where sections start: ``sections`` is built
on it, and every reader of ansokan.md and the reports (the check, the site, the semantic diff)
gets its sections from ``sections``.

Why not markdown-it-py, which the site already uses (measured 2026-11, markdown-it-py as
pinned, CPython 3, one shared core):

* importing ``markdown_it`` and building ``MarkdownIt("commonmark")`` costs 29-33 ms on top
  of everything a check imports anyway, and the first ``parse`` another 2.5-4 ms (rule
  compilation), so 33-40 ms in all; the whole pre-commit check of one file takes
  ~150-200 ms and may grow by at most ~30 ms;
* parsing a typical ansokan.md body (applications/2022-avstampet, 14 KB) takes 2.0 ms with
  markdown-it (1.6 ms with only the block rules enabled) against 0.33 ms with the scanner;
* a 1 MB body takes 170-350 ms with markdown-it (block rules only or not; it depends on
  the text) against 33-61 ms with the scanner.

So the scanner stays; the import cost alone is over budget. Measured with
``python -X importtime -c "import markdown_it"`` and ``timeit`` over ``MarkdownIt.parse`` and
``heading_lines``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from finsam.findings import Finding
from finsam.loader.format_rules import FRONT_MATTER

_FENCE = re.compile(r"---[ \t]*\Z")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_ATX_H2 = re.compile(r" {0,3}##(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*\Z")
_ATX_ANY = re.compile(r" {0,3}#{1,6}(?:[ \t]|\Z)")
_CODE_FENCE = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)\Z")
_SETEXT_H2 = re.compile(r" {0,3}-+[ \t]*\Z")
_SETEXT_H1 = re.compile(r" {0,3}=+[ \t]*\Z")
_THEMATIC = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})\Z")
_LIST_ITEM = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]|\Z)")
_BLOCKQUOTE = re.compile(r" {0,3}>")
# HTML blocks of CommonMark kinds 1-5 end at a marker; kinds 6-7 end at a blank line.
_HTML_START_END = (
    (
        re.compile(r" {0,3}<(?:script|pre|style|textarea)(?:\s|>|\Z)", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r" {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r" {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
)
_HTML_BLOCK_6_SOURCE = (
    r" {0,3}</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|"
    r"colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|"
    r"frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    r"noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    r"thead|title|tr|track|ul)(?:\s|/?>|\Z)"
)
_HTML_BLOCK_7_SOURCE = (
    r" {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'"
    r"|\"[^\"]*\"))?)*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*\Z"
)
_STARTS_WITH_TAG = re.compile(r" {0,3}<")


@cache
def _html_block(kind: int) -> re.Pattern[str]:
    """HTML block patterns are long; compile them only for bodies that contain HTML."""
    if kind == 6:
        return re.compile(_HTML_BLOCK_6_SOURCE, re.I)
    return re.compile(_HTML_BLOCK_7_SOURCE)


def _html_block_6(expanded: str) -> bool:
    return bool(_STARTS_WITH_TAG.match(expanded) and _html_block(6).match(expanded))


def _html_block_7(expanded: str) -> bool:
    return bool(_STARTS_WITH_TAG.match(expanded) and _html_block(7).match(expanded))


class Section(NamedTuple):
    """One ``## heading`` and the Markdown below it up to the next one."""

    heading: str
    line: int  # the heading's line in the file
    text: str  # the raw Markdown content, without the heading line
    text_line: int  # the file line where ``text`` starts

    @property
    def is_empty(self) -> bool:
        """True when nothing but whitespace and HTML comments (guidance) remains."""
        return not _COMMENT.sub("", self.text).strip()


class FrontMatter(NamedTuple):
    yaml_text: str
    yaml_line: int  # file line of the first YAML line
    body: str
    body_line: int  # file line of the first body line


def facts_name(text_name: str) -> str:
    """The file beside a text document that may hold its facts: ansokan.md → ansokan.yaml."""
    return text_name.removesuffix(".md") + ".yaml"


def has_front_matter(text: str) -> bool:
    """Whether a text begins as front matter does (a first line of ---)."""
    return bool(_FENCE.match(text.split("\n", 1)[0]))


def split_front_matter(text: str, rel: str) -> tuple[FrontMatter | None, list[Finding]]:
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return None, [
            FRONT_MATTER.finding(
                rel,
                1,
                1,
                "Filen börjar inte med front matter (en rad med ---), och det finns ingen fil "
                f"{facts_name(rel.rsplit('/', 1)[-1])} med uppgifterna bredvid.",
                f"Skriv uppgifterna i {facts_name(rel.rsplit('/', 1)[-1])} bredvid texten, eller "
                "överst i filen mellan två rader med bara ---. "
                "Utgå från mallen som `finsam ny ansokan` skapar.",
            )
        ]
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            return FrontMatter(
                yaml_text="\n".join(lines[1:index]) + "\n",
                yaml_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            ), []
    return None, [
        FRONT_MATTER.finding(
            rel,
            1,
            1,
            "Front matter avslutas aldrig: raden med --- efter uppgifterna saknas.",
            "Lägg till en rad med bara --- mellan uppgifterna (YAML) och den första rubriken.",
        )
    ]


def normalize_heading(text: str) -> str:
    """Compare headings leniently: case, spacing and a trailing colon do not matter.

    Unicode forms do not matter either, but that is loader.text's doing: every text arrives in
    NFC, the template's headings as well as the application's."""
    text = text.strip().rstrip(":").strip()
    return " ".join(text.split()).casefold()


def _blank(line: str) -> bool:
    return not line.strip()


def _content_indent(expanded: str) -> int:
    """Where a list item's content starts (0 for a block quote)."""
    item = _LIST_ITEM.match(expanded)
    if item is None:
        return 0
    rest = expanded[item.end() :]
    spaces = len(rest) - len(rest.lstrip(" "))
    # The marker's own trailing space is part of item.end(); 1-4 more spaces count too.
    return item.end() + (spaces if rest.strip() and spaces < 4 else 0)


def _opens_paragraph(expanded: str, content_indent: int) -> bool:
    """Whether a container line's content is paragraph text (which lazy lines may continue)."""
    if content_indent:
        content = expanded[content_indent:]
    else:
        content = re.sub(r"^(?: {0,3}>[ ]?)+", "", expanded)  # block quote markers
    return (
        bool(content.strip())
        and not _interrupts(content)
        and not (_LIST_ITEM.match(content) or _BLOCKQUOTE.match(content))
    )


def _interrupts(expanded: str) -> bool:
    """Block starts that end a paragraph (and so a list item's lazy continuation)."""
    return bool(
        _ATX_ANY.match(expanded)
        or _CODE_FENCE.match(expanded)
        or _THEMATIC.match(expanded)
        or any(start.match(expanded) for start, _ in _HTML_START_END)
        or _html_block_6(expanded)
    )


def heading_lines(lines: list[str]) -> list[tuple[str, int, int]]:
    """Level-2 headings as (text, first line index, index of the line after the heading)."""
    heads: list[tuple[str, int, int]] = []
    fence: tuple[str, int] | None = None  # fence character run and its length
    html_end: re.Pattern[str] | None = None
    html_until_blank = False
    paragraph_start: int | None = None  # first line of the paragraph being read
    container = False  # inside a list item or block quote
    container_blank = False  # ... and a blank line has been seen in it
    content_indent = 0  # a list item's content column; 0 for a block quote
    container_paragraph = False  # the container's last line was paragraph text
    for index, line in enumerate(lines):
        expanded = line.expandtabs(4)
        if container and fence is None and html_end is None and not html_until_blank:
            if _blank(line):
                container_blank = True
                continue
            if not _THEMATIC.match(expanded) and (
                _LIST_ITEM.match(expanded) or _BLOCKQUOTE.match(expanded)
            ):
                container_blank = False
                content_indent = _content_indent(expanded)
                container_paragraph = _opens_paragraph(expanded, content_indent)
                continue
            indent = len(expanded) - len(expanded.lstrip(" "))
            if content_indent and indent >= content_indent:
                container_paragraph = not container_blank and _opens_paragraph(
                    expanded, content_indent
                )
                continue  # the item's own content
            if not container_blank and container_paragraph and not _interrupts(expanded):
                continue  # a lazy continuation line of the item's paragraph
            container = False
        if fence is not None:
            close = _CODE_FENCE.match(expanded)
            if (
                close
                and close.group(2)[0] == fence[0]
                and len(close.group(2)) >= fence[1]
                and (not close.group(3).strip())
            ):
                fence = None
            continue
        if html_end is not None:
            if html_end.search(line):
                html_end = None
            continue
        if html_until_blank:
            html_until_blank = not _blank(line)
            continue
        if line[:1].isalpha():
            # Prose, the most common line: no block starts with a letter, so it is paragraph
            # text (and the regular expressions below need not look at it).
            if paragraph_start is None:
                paragraph_start = index
            continue
        if _blank(line):
            paragraph_start = None
            continue
        indent = len(expanded) - len(expanded.lstrip(" "))
        if indent >= 4 and paragraph_start is None:
            continue  # indented code block
        opening = _CODE_FENCE.match(expanded)
        if opening and not (opening.group(2)[0] == "`" and "`" in opening.group(3)):
            fence = (opening.group(2)[0], len(opening.group(2)))
            paragraph_start = None
            continue
        started_html = False
        for start, end in _HTML_START_END:
            if start.match(expanded):
                if not end.search(line, start.match(expanded).end()):  # type: ignore[union-attr]
                    html_end = end
                started_html = True
                break
        if started_html:
            paragraph_start = None
            continue
        if _html_block_6(expanded) or (paragraph_start is None and _html_block_7(expanded)):
            html_until_blank = True
            paragraph_start = None
            continue
        if paragraph_start is not None and _SETEXT_H2.match(expanded):
            text = " ".join(part.strip() for part in lines[paragraph_start:index])
            heads.append((text, paragraph_start, index + 1))
            paragraph_start = None
            continue
        if paragraph_start is not None and _SETEXT_H1.match(expanded):
            paragraph_start = None
            continue
        atx = _ATX_H2.match(expanded)
        if atx:
            heads.append(((atx.group(1) or "").strip(), index, index + 1))
            paragraph_start = None
            continue
        if _ATX_ANY.match(expanded) or _THEMATIC.match(expanded):
            paragraph_start = None
            continue
        if _LIST_ITEM.match(expanded) or _BLOCKQUOTE.match(expanded):
            # Headings inside a list item or quote are not section headings.
            container, container_blank = True, False
            content_indent = _content_indent(expanded)
            container_paragraph = _opens_paragraph(expanded, content_indent)
            paragraph_start = None
            continue
        if paragraph_start is None:
            paragraph_start = index
    return heads


def sections(body: str, body_line: int) -> list[Section]:
    """Split the body at level-2 headings (ATX or setext), ignoring code and HTML blocks."""
    lines = body.split("\n")
    heads = heading_lines(lines)
    result = []
    for number, (heading, start, after) in enumerate(heads):
        end = heads[number + 1][1] if number + 1 < len(heads) else len(lines)
        result.append(
            Section(
                heading=heading,
                line=body_line + start,
                text="\n".join(lines[after:end]),
                text_line=body_line + after,
            )
        )
    return result
