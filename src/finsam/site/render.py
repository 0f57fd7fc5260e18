"""Turning untrusted applicant text into safe HTML, and values into Swedish text.

Every piece of text that comes from an application goes through :func:`markdown_html` (for
Markdown) or :func:`esc` (for plain values) before it reaches a page, and is escaped exactly
once there. Applicant Markdown is rendered with markdown-it-py, whose time grows linearly with
the input (Python-Markdown is quadratic on some inputs, such as a long run of ``[``), with raw
HTML turned off so that tags from applicants come out as text. The generated pages embed the
result as raw HTML blocks on one line each, which MkDocs' Python-Markdown stashes without
parsing, so MkDocs' own Markdown extensions never see applicant text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from finsam.sv import NBSP, kronor

# What applicant Markdown may become: text structure, lists, tables, quotes and plain links.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "hr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def esc(value: object) -> str:
    """A YAML value as HTML text: everything escaped, quotes included."""
    return html.escape("" if value is None else str(value), quote=True)


# Table alignment from markdown-it's style attribute, as the align attribute nh3 lets through.
_ALIGN = re.compile(r"text-align:(left|center|right)\Z")


def _adjust(tokens: list[Token]) -> None:
    """Applicant headings sit below the page's own h1 title and h2 section headings; table
    alignment becomes an ``align`` attribute (a ``style`` attribute never passes nh3)."""
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{max(int(token.tag[1]), 3)}"
        elif token.type in {"th_open", "td_open"}:
            style = token.attrs.pop("style", None)
            align = _ALIGN.match(str(style)) if style is not None else None
            if align:
                token.attrs["align"] = align.group(1)


def sanitize(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@cache
def _markdown() -> MarkdownIt:
    # CommonMark with tables; raw HTML is escaped, bare URLs stay text, nesting is capped.
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def markdown_html(text: str) -> str:
    """Applicant Markdown -> sanitized HTML on one line (so it stays one raw HTML block).

    Linear in the length of ``text``: markdown-it-py, nh3 and the replacements below each
    make one pass."""
    parser = _markdown()
    tokens = parser.parse(text or "")
    _adjust(tokens)
    clean = sanitize(parser.renderer.render(tokens, parser.options, {}))
    # Keep line breaks inside <pre> as entities so the block survives as a single line.
    return clean.replace("\r", "").replace("\n", "&#10;")


def date_sv(value: object) -> str:
    """'2025-07-01' -> '1 juli 2025'; anything unreadable is shown escaped as it is."""
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return esc(value)
    return f"{day.day}{NBSP}{MONTHS[day.month - 1]} {day.year}"


def period_sv(start: object, end: object) -> str:
    return f"{date_sv(start)} – {date_sv(end)}"


def kr(value: int) -> str:
    return kronor(value)


def _nice_ceiling(value: int) -> int:
    """The smallest 1, 2, 2.5 or 5 times a power of ten that is at least ``value``: round axis
    ticks when divided in four."""
    if value <= 0:
        return 1
    magnitude: int = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return int(step * magnitude)
    return 10 * magnitude


def bar_chart(title: str, years: list[int], series: list[tuple[str, list[int], str]]) -> str:
    """A grouped bar chart as inline SVG, with a title and a description for screen readers.

    ``series`` is (name, one value per year, fill colour). The colours must keep a 3:1 contrast
    with the white background (WCAG 1.4.11).
    """
    width, height, left, bottom, top = 640, 260, 110, 40, 20
    peak = _nice_ceiling(max((v for _, values, _ in series for v in values), default=0))
    plot_h = height - bottom - top
    group_w = (width - left - 10) / max(len(years), 1)
    bar_w = min(48.0, (group_w - 16) / max(len(series), 1))
    ident = "diagram-" + re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    description = "; ".join(
        f"{year}: " + ", ".join(f"{name} {kr(values[i])}" for name, values, _ in series)
        for i, year in enumerate(years)
    )
    parts = [
        f'<svg class="finsam-diagram" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-titel {ident}-besk" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-titel">{esc(title)}</title>',
        f'<desc id="{ident}-besk">{esc(description)}</desc>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 5}" y2="{top + plot_h}" stroke="#333"/>',
    ]
    for step in range(5):
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        label = kronor(round(value))
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#333">{esc(label)}</text>'
        )
    for i, year in enumerate(years):
        x0 = left + i * group_w + 8
        for j, (_, values, colour) in enumerate(series):
            h = plot_h * values[i] / peak
            parts.append(
                f'<rect x="{x0 + j * bar_w:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 4:.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{x0 + len(series) * bar_w / 2:.1f}" y="{height - bottom + 18}" '
            f'text-anchor="middle" font-size="12" fill="#333">{year}</text>'
        )
    for j, (name, _, colour) in enumerate(series):
        x = left + j * 180
        parts.append(f'<rect x="{x}" y="{height - 14}" width="12" height="12" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + 16}" y="{height - 4}" font-size="12" fill="#333">{esc(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def compact(page_html: str) -> str:
    """A built page without indentation and optional markup: Material's templates are
    generous with white space, and every page of a large förbund pays for it."""
    import minify_html

    return str(
        minify_html.minify(
            page_html,
            keep_closing_tags=True,
            keep_html_and_head_opening_tags=True,
            minify_css=False,
            minify_js=False,
        )
    )
