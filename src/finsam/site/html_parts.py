"""The one module that puts HTML together: text is escaped by construction, never by choice.

Every HTML fragment of the site is a :class:`markupsafe.Markup`. It comes from one of two
places only:

* :func:`html` here, whose template must be a string literal of the code (constant markup)
  and whose arguments are escaped unless they are ``Markup`` already;
* :func:`finsam.site.render.markdown_html`, for applicant Markdown that markdown-it-py has
  rendered and nh3 has cleaned.

Everything else that reaches a page is a plain ``str`` and is escaped on the way in: by
:func:`html`, :func:`join` and the builders below. Functions that return HTML return
``Markup``, and the page and table builders take ``Markup`` where they expect HTML, so that
mypy rejects a ``str`` (an f-string, say) where HTML belongs. ``tests/test_site_escaping.py``
checks that nothing in ``finsam.site`` builds HTML another way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, LiteralString, NamedTuple

from markupsafe import Markup, escape

from finsam.budget_report import Table, cell

__all__ = [
    "CONTENTS", "Heading", "Markup", "Part", "a", "budget_table", "h2", "h3", "html", "join",
    "mailto", "page", "plain_text", "scroll_region", "slug", "table", "text", "wrap_tables",
]  # fmt: skip


def _escaped(value: object) -> object:
    """An argument as html() inserts it: numbers as they are (a format such as {:.1f} needs
    the number, and no number holds markup), everything else escaped unless it is Markup."""
    if type(value) is int or type(value) is float:
        return value
    return escape(value)


def html(template: LiteralString, /, *args: object, **kwargs: object) -> Markup:
    """Constant markup from the code with every argument escaped (``Markup`` arguments are
    inserted as they are). The only place where a template becomes markup.

    Each argument is escaped first and the template filled with str.format: the same result
    as markupsafe's Markup.format, at a third of its cost (a page of a thousand insatser makes
    some hundred thousand fragments)."""
    filled = template.format(
        *map(_escaped, args), **{key: _escaped(value) for key, value in kwargs.items()}
    )
    return Markup(filled)  # noqa: S704  (a literal of the code, with escaped arguments)


def text(value: object) -> Markup:
    """A value as HTML text: everything escaped, quotes included."""
    return escape("" if value is None else value)


_BLOCK_TAG = re.compile(
    r"(?=<\/?(?:p|div|li|ul|ol|dl|dt|dd|pre|h[1-6]|table|tr|td|th|br|blockquote|section)\b)",
    re.IGNORECASE,
)


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment as plain text: tags left out, entities read, white space
    collapsed. The way back from markup, for outlets that show text only (the search)."""
    # A block ends a word as a browser shows it: "<p>filter</p><p>Deltar" is two words.
    spaced = _BLOCK_TAG.sub(" ", fragment)
    words = Markup(spaced).striptags()  # noqa: S704  (read, never output as markup)
    return " ".join(words.split())


def join(parts: Iterable[str], separator: LiteralString = "") -> Markup:
    """Fragments one after another; the ones that are plain text get escaped."""
    return html(separator).join(parts)


def table(
    caption: str,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric_from: int = 1,
    searchable: bool = True,
) -> Markup:
    """A table with a caption and header cells; the first cell of a row is its header. Cells
    that are ``Markup`` (links) are inserted as they are, all others are escaped."""
    head = join(
        (
            html('<th scope="col" class="belopp">{}</th>', cell)
            if index >= numeric_from
            else html('<th scope="col">{}</th>', cell)
            for index, cell in enumerate(header)
        ),
        " ",
    )
    # A space between cells and rows: the site's search reads the text, and "Älvby kommunArbets-
    # förmedlingen" would be one word to it.
    body = join(
        (
            html(
                "<tr>{}</tr>",
                join(
                    (
                        html('<th scope="row">{}</th>', cell)
                        if index == 0
                        else html('<td class="belopp">{}</td>', cell)
                        if index >= numeric_from
                        else html("<td>{}</td>", cell)
                        for index, cell in enumerate(row)
                    ),
                    " ",
                ),
            )
            for row in rows
        ),
        " ",
    )
    return scroll_region(
        caption,
        html(
            '<table class="finsam-tabell"><caption>{}</caption> <thead><tr>{}</tr></thead> '
            "<tbody>{}</tbody></table>",
            caption,
            head,
            body,
        ),
        searchable,
    )


def scroll_region(label: str, content: Markup, searchable: bool = True) -> Markup:
    """Content that may be wider than a phone's screen (a table), in a region of its own that
    scrolls sideways, is named and can be reached and scrolled with the keyboard (WCAG 1.4.10,
    2.1.1): the page itself never scrolls sideways. A region that is not ``searchable`` is left
    out of the site's search (a list of insatser that each have a page of their own)."""
    if not searchable:
        return html(
            '<div class="finsam-rulla" role="region" tabindex="0" aria-label="{}" '
            "data-search-exclude>{}</div> ",
            label,
            content,
        )
    return html(
        '<div class="finsam-rulla" role="region" tabindex="0" aria-label="{}">{}</div> ',
        label,
        content,
    )


def wrap_tables(fragment: str) -> str:
    """Every plain table of rendered Markdown (``<table>`` as Python-Markdown, markdown-it-py
    and nh3 write it) in a scroll region of its own."""
    opening = str(
        html('<div class="finsam-rulla" role="region" tabindex="0" aria-label="Tabell"><table>')
    )
    return fragment.replace(str(html("<table>")), opening).replace(
        str(html("</table>")), str(html("</table></div>"))
    )


def budget_table(source: Table) -> Markup:
    head = join(
        (
            html('<th scope="col" class="belopp">{}</th>', column)
            if index
            else html('<th scope="col">{}</th>', column)
            for index, column in enumerate(source.columns)
        ),
        " ",
    )
    body = join(
        (
            html(
                '<tr{}><th scope="row">{}</th> {}</tr>',
                html(' class="summa"') if line.total else "",
                line.label,
                join((html('<td class="belopp">{}</td>', cell(v)) for v in line.values), " "),
            )
            for line in source.lines
        ),
        " ",
    )
    return scroll_region(
        source.title,
        html(
            '<table class="finsam-tabell"><caption>{}</caption> <thead><tr>{}</tr></thead> '
            "<tbody>{}</tbody></table>",
            source.title,
            head,
            body,
        ),
    )


def a(href: str, label: str) -> Markup:
    return html('<a href="{}">{}</a>', href, label)


def mailto(address: str) -> Markup:
    """An e-mail address as a link that opens the visitor's e-mail program."""
    return a(f"mailto:{address}", address)


# Line breaks inside the page's single HTML block (from text in YAML, say) would end the block
# for Python-Markdown; as character references they mean the same to a browser.
_LINE_BREAK = re.compile(r"\r\n?|\n")


class Heading(NamedTuple):
    """A section heading of a generated page; page() gives it its id and lists it in the
    table of contents."""

    level: int  # 2 or 3
    title: str


def h2(title: str) -> Heading:
    return Heading(2, title)


def h3(title: str) -> Heading:
    return Heading(3, title)


class _Contents:
    """Where page() lists the page's sections ("På den här sidan"), once their ids are known."""


CONTENTS = _Contents()
Part = Markup | Heading | _Contents  # what a page's body is made of
_YEAR = re.compile(r"\d{4}\Z")


def slug(title: str) -> str:
    """An id for a heading: 'Mål och målgrupp' -> 'mal-och-malgrupp', '2025' -> 'ar-2025'."""
    folded = unicodedata.normalize("NFKD", title.lower())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-") or "avsnitt"
    if _YEAR.match(words):
        return f"ar-{words}"
    return f"avsnitt-{words}" if words[0].isdigit() else words


def _heading(level: int, anchor: str, title: str) -> Markup:
    if level == 1:
        return html('<h1 id="{}">{}</h1>', anchor, title)
    if level == 2:
        return html('<h2 id="{}">{}</h2>', anchor, title)
    return html('<h3 id="{}">{}</h3>', anchor, title)


def page(
    title: str,
    body: Iterable[Part],
    description: str = "",
    searchable: bool = True,
    scripts: Sequence[str] = (),
    hide: Sequence[str] = (),
) -> str:
    """A generated Markdown page: front matter with the title, then one raw HTML block on one
    line, so no Markdown extension ever processes its content (a title such as
    ``[x](javascript:alert(1))`` or ``*fet*`` stays text).

    One block, not one per part: Python-Markdown's HTML block reader rescans the rest of the
    page at the end of every top-level block, which is quadratic in the number of blocks (an
    application with 30,000 sections took more than 30 CPU seconds to build).

    Each Heading gets an id of its own on the page. The toc extension cannot see into the
    block, so the table of contents travels in the front matter (``finsam_toc``, read by the
    site's plugin), and CONTENTS becomes a list of links to the sections."""
    parts: list[Part] = [Heading(1, title), *body]
    used: dict[str, int] = {}
    anchors: list[tuple[int, str, str]] = []  # (level, id, title)
    for part in parts:
        if isinstance(part, Heading):
            base = slug(part.title)
            used[base] = used.get(base, 0) + 1
            anchors.append(
                (part.level, base if used[base] == 1 else f"{base}-{used[base]}", part.title)
            )
    sections = html(
        '<nav class="finsam-innehall" aria-labelledby="pa-sidan">'
        '<p class="finsam-innehall__rubrik" id="pa-sidan">På den här sidan</p><ul>{}</ul></nav>',
        join(html('<li><a href="#{}">{}</a></li>', a, t) for level, a, t in anchors if level == 2),
    )
    made = iter(anchors)
    blocks = [
        sections
        if isinstance(part, _Contents)
        else _heading(*next(made))
        if isinstance(part, Heading)
        else part
        for part in parts
    ]
    # The theme prints the title unescaped in places, so it is stored as escaped HTML.
    front = ["---", f"title: {json.dumps(str(text(title)), ensure_ascii=False)}"]
    if description:
        front.append(f"description: {json.dumps(str(text(description)), ensure_ascii=False)}")
    front.append(f"finsam_toc: {json.dumps(_toc(anchors), ensure_ascii=False)}")
    if not searchable:  # the page has an entry of its own in the search (finsam.site.search)
        front.append("search: {exclude: true}")
    if scripts:
        front.append(f"finsam_skript: {json.dumps(list(scripts))}")
    if hide:
        front.append(f"hide: {json.dumps(list(hide))}")
    front.append("---")
    content = html(
        '<div class="finsam-sida">{}</div>', join(html("<div>{}</div>", b) for b in blocks)
    )
    return "\n".join(front) + "\n\n" + _LINE_BREAK.sub("&#10;", str(content)) + "\n"


def page_parts(text: str) -> tuple[str, str] | None:
    """A page made by page() as its front matter over a one-word body, and its HTML: the
    site's plugin puts the HTML in place itself, so that Python-Markdown need not read through
    a page that holds no Markdown (a third of the build's time at a thousand insatser)."""
    head, separator, body = text.partition("\n---\n\n")
    if not separator or not body.startswith(str(html('<div class="finsam-sida">'))):
        return None
    return head + separator + "finsam\n", body


def _toc(anchors: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """The headings as MkDocs' toc extension gives them: level, id, the title as HTML and the
    headings below each."""
    root: dict[str, Any] = {"level": 0, "children": []}
    stack = [root]
    for level, anchor, title in anchors:
        token = {"level": level, "id": anchor, "name": str(text(title)), "children": []}
        while stack[-1]["level"] >= level:
            stack.pop()
        stack[-1]["children"].append(token)
        stack.append(token)
    return list(root["children"])
