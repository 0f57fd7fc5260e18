"""Turning untrusted applicant text into safe HTML, and values into Swedish text.

Applicant Markdown goes through :func:`markdown_html`, the only place where HTML that was not
built from constant markup becomes ``Markup``; every other value is plain text that the
builders in :mod:`finsam.site.html_parts` escape exactly once. Applicant Markdown is rendered
with markdown-it-py, whose time grows linearly with the input (Python-Markdown is quadratic on
some inputs, such as a long run of ``[``), with raw HTML turned off so that tags from
applicants come out as text. The generated pages embed the result in one raw HTML block on one
line, which MkDocs' Python-Markdown stashes without parsing, so MkDocs' own Markdown
extensions never see applicant text.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from finsam.site.html_parts import html, join, scroll_region, wrap_tables
from finsam.sv import NBSP, kronor

# What applicant Markdown may become: text structure, lists, tables, quotes and plain links.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "hr", "sup", "sub",
    "s", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


# Table alignment from markdown-it's style attribute, as the align attribute nh3 lets through.
_ALIGN = re.compile(r"text-align:(left|center|right)\Z")


# What GitHub turns into a link without <> around it: addresses with a scheme, www. and e-mail.
_AUTOLINK = re.compile(r"(?:https?://|www\.|mailto:|[^\s@]+@[^\s@]+\.)", re.IGNORECASE)


def _github_autolinks(children: list[Token]) -> list[Token]:
    """Only the bare addresses GitHub links: linkify also links a name such as exempel.se."""
    out: list[Token] = []
    index = 0
    while index < len(children):
        token = children[index]
        closing = index + 2
        if (
            token.type == "link_open"
            and token.markup == "linkify"
            and closing < len(children)
            and children[closing].type == "link_close"
            and not _AUTOLINK.match(children[index + 1].content)
        ):
            out.append(children[index + 1])  # the text stays, the link goes
            index = closing + 1
            continue
        out.append(token)
        index += 1
    return out


def _adjust(tokens: list[Token]) -> None:
    """Applicant headings sit below the page's own h1 title and h2 section headings; table
    alignment becomes an ``align`` attribute (a ``style`` attribute never passes nh3); bare
    addresses are links where GitHub makes them links."""
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _github_autolinks(token.children)
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
    # As GitHub shows a pull request's Markdown (GFM): CommonMark with tables, strikethrough
    # and bare addresses as links. Raw HTML is escaped, and nesting is capped.
    return MarkdownIt("commonmark", {"html": False, "linkify": True}).enable(
        ["table", "strikethrough", "linkify"]
    )


def markdown_html(source: str) -> Markup:
    """Applicant Markdown -> sanitized HTML on one line (so it stays one raw HTML block).

    The one place where HTML that is not constant markup becomes ``Markup``: what nh3 lets
    through is safe by its allow-lists above.

    Linear in the length of ``source``: markdown-it-py, nh3 and the replacements below each
    make one pass."""
    parser = _markdown()
    tokens = parser.parse(source or "")
    _adjust(tokens)
    clean = wrap_tables(sanitize(parser.renderer.render(tokens, parser.options, {})))
    # Keep line breaks inside <pre> as entities so the block survives as a single line.
    return Markup(clean.replace("\r", "").replace("\n", "&#10;"))  # noqa: S704  (cleaned by nh3)


def date_sv(value: object) -> str:
    """'2025-07-01' -> '1 juli 2025' (plain text); anything unreadable is shown as it is."""
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return "" if value is None else str(value)
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


def bar_chart(title: str, years: list[int], series: list[tuple[str, list[int], str]]) -> Markup:
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
        html(
            '<title id="{id}-titel">{title}</title><desc id="{id}-besk">{desc}</desc>'
            '<line x1="{left}" y1="{y}" x2="{x2}" y2="{y}" stroke="#333"/>',
            id=ident,
            title=title,
            desc=description,
            left=left,
            y=top + plot_h,
            x2=width - 5,
        )
    ]
    for step in range(5):
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(
            html(
                '<text x="{}" y="{:.1f}" text-anchor="end" font-size="11" fill="#333">{}</text>',
                left - 6,
                y + 4,
                kronor(round(value)),
            )
        )
    for i, year in enumerate(years):
        x0 = left + i * group_w + 8
        for j, (_, values, colour) in enumerate(series):
            h = plot_h * values[i] / peak
            parts.append(
                html(
                    '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>',
                    x0 + j * bar_w,
                    top + plot_h - h,
                    bar_w - 4,
                    h,
                    colour,
                )
            )
        parts.append(
            html(
                '<text x="{:.1f}" y="{}" text-anchor="middle" font-size="12" fill="#333">{}</text>',
                x0 + len(series) * bar_w / 2,
                height - bottom + 18,
                year,
            )
        )
    for j, (name, _, colour) in enumerate(series):
        x = left + j * 180
        parts.append(
            html(
                '<rect x="{x}" y="{ry}" width="12" height="12" fill="{colour}"/>'
                '<text x="{tx}" y="{ty}" font-size="12" fill="#333">{name}</text>',
                x=x,
                ry=height - 14,
                colour=colour,
                tx=x + 16,
                ty=height - 4,
                name=name,
            )
        )
    # Left out of the search: the same figures stand in the table beside every chart. On a
    # narrow screen the chart keeps a readable size and scrolls sideways in a region of its own.
    return scroll_region(
        title,
        html(
            '<svg class="finsam-diagram" viewBox="0 0 {w} {h}" role="img" data-search-exclude '
            'aria-labelledby="{id}-titel {id}-besk" xmlns="http://www.w3.org/2000/svg">'
            "{body}</svg>",
            w=width,
            h=height,
            id=ident,
            body=join(parts),
        ),
    )


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


# Attributes of the theme's own markup that the HTML standard does not allow (the W3C checker
# reports them): Safari's autocorrect, autocomplete on a checkbox, and an empty tabindex.
_THEME_INVALID = re.compile(
    r' autocorrect="off"|(?<=type="checkbox")( id="[^"]*") autocomplete="off"| tabindex=""'
)
_TOC_LABEL = ' for="__toc"'


# The theme's search worker builds a lunr index in the browser on every page view (at a
# thousand insatser, seconds before the first answer). The site's own worker searches the
# index as the build wrote it, so the page's settings name that worker instead.
_THEME_SEARCH_WORKER = re.compile(
    r'(?<="search": ")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(?=")'
)
SEARCH_WORKER = "javascripts/sokmotor.js"  # below docs/


def own_search(page_html: str) -> str:
    """A built page whose search runs in the site's own worker (docs/javascripts/sokmotor.js)."""
    return _THEME_SEARCH_WORKER.sub(lambda m: m.group(1) + SEARCH_WORKER, page_html)


def valid_theme_markup(page_html: str) -> str:
    """A built page with the theme's few invalid attributes left out, so that the page is
    valid HTML: the toggles work the same without them. A page outside the navigation has no
    __toc switch, so its table of contents' title names none."""
    fixed = _THEME_INVALID.sub(lambda m: m.group(1) or "", page_html)
    if 'id="__toc"' not in fixed:
        fixed = fixed.replace(_TOC_LABEL, "")
    return fixed
