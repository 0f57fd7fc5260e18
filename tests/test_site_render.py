"""Applicant text on the site: rendered in time linear in its length (markdown-it-py, never
Python-Markdown), and escaped exactly once in every outlet (pages, RSS, JSON)."""

from __future__ import annotations

import html
import json
import shutil
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from finsam.model.forbund import load_forbund
from finsam.site.pages import generate
from finsam.site.render import markdown_html
from tests.site_helpers import TESTS, build, site_repo

KOMPLETT = TESTS / "cases" / "valid" / "komplett"
FIRST_SECTION = "Många i målgruppen har kontakt med flera myndigheter samtidigt."
TITLE = '<img src=x onerror=alert(1)> & AT&T "q"'
SECTION = 'AT&T "q" <b>fet</b> & <script>alert(1)</script>'


def _repo(root: Path, section: str = FIRST_SECTION, title: str = "") -> Path:
    """The site's sources and one approved insats (komplett) with the given texts."""
    site_repo(root)
    folder = root / "applications" / "komplett"
    shutil.copytree(KOMPLETT, folder)
    ansokan = folder / "ansokan.md"
    text = ansokan.read_text("utf-8").replace(FIRST_SECTION, section)
    if title:
        quoted = "'" + title.replace("'", "''") + "'"
        text = text.replace("titel: Gemensamt stöd mot arbete", f"titel: {quoted}")
    ansokan.write_text(text, "utf-8")
    return root


def _generate(root: Path) -> dict[str, str]:
    forbund, findings = load_forbund(root / "forbund.yml")
    assert forbund is not None, findings
    return generate(root, forbund, "https://example.org/")


# --- Linear time -------------------------------------------------------------------------------


class MkDocsPage:
    """Renders a generated page the way `mkdocs build` does: the site's configuration with its
    Markdown extensions and plugins (search index, finsam's plugin), without the theme."""

    def __init__(self, root: Path) -> None:
        from mkdocs.config import load_config

        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        self.config = config.plugins.on_config(config)

    def render(self, path: str, source: str) -> str:
        from mkdocs.structure.files import File, Files
        from mkdocs.structure.pages import Page

        config = self.config
        file = File.generated(config, path, content=source)
        page = Page(None, file, config)
        page.read_source(config)
        page.render(config, Files([file]))
        context: Any = {}  # the search plugin reads only the page
        navigation: Any = None
        config.plugins.on_page_context(context, page=page, config=config, nav=navigation)
        return str(config.plugins.on_post_page(page.content or "", page=page, config=config))


def _cpu_seconds(run: Callable[[], Any]) -> float:
    """The smaller of two measurements of CPU time (not wall time: the machine is shared)."""
    measured = []
    for _ in range(2):
        start = time.process_time()
        run()
        measured.append(time.process_time() - start)
    return min(measured)


HOSTILE: dict[str, Callable[[int], str]] = {
    "hakparenteser": lambda n: "[" * n,
    "rubriker": lambda n: "### Rubrik\n\n" * (n // 12),
    "lankar": lambda n: "[a](" * (n // 4),
    "avsnitt": lambda n: "".join(f"## Rubrik {i}\n\nText.\n\n" for i in range(n // 20)),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_generating_and_rendering_a_page_is_linear(tmp_path: Path, kind: str) -> None:
    """Four times the input may take at most eight times as long: linear work gives about
    four, while Python-Markdown's quadratic handling of ``[`` gives sixteen (a 100 KB section
    of ``[`` kept `mkdocs build` busy for more than 15 CPU minutes)."""
    small, large = 15_000, 60_000  # the large one: 60 000 "[" or 5 000 headings
    renderer: MkDocsPage | None = None
    seconds = []
    for n in (small, large):
        root = _repo(tmp_path / str(n), HOSTILE[kind](n))
        renderer = renderer or MkDocsPage(root)

        def run(root: Path = root, renderer: MkDocsPage = renderer) -> None:
            page = _generate(root)["insats/komplett.md"]
            html = renderer.render("insats/komplett.md", page)
            assert "Rubrik" in html or "[" in html

        seconds.append(_cpu_seconds(run))
    assert seconds[1] < 8 * seconds[0], seconds


def test_a_page_is_one_raw_html_block_however_many_sections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Python-Markdown rescans the rest of the page after every top-level raw HTML block, which
    is quadratic in the number of blocks; a page is therefore a single block, whatever the
    application holds (30,000 sections used to take more than 30 CPU seconds to build)."""
    import markdown.util

    stored: list[str] = []
    store = markdown.util.HtmlStash.store

    def counting(self: markdown.util.HtmlStash, html: str) -> str:
        stored.append(html)
        return str(store(self, html))

    monkeypatch.setattr(markdown.util.HtmlStash, "store", counting)
    root = _repo(tmp_path, HOSTILE["avsnitt"](3_000 * 20))
    html = MkDocsPage(root).render("insats/komplett.md", _generate(root)["insats/komplett.md"])
    assert html.count("<h2 id=rubrik-") == 3_000
    assert len(stored) == 1


def test_applicant_markdown_becomes_safe_html_without_python_markdown() -> None:
    html = markdown_html(
        "# Rubrik\n\n<b>fet</b> & [länk](javascript:alert(1)) [bra](https://example.org)\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```\nrad 1\nrad 2\n```\n"
    )
    assert "<h3>Rubrik</h3>" in html  # below the page's h1 and h2
    assert "&lt;b&gt;fet&lt;/b&gt; &amp;" in html  # raw HTML from applicants is text
    assert "javascript" not in html.replace("[länk](javascript:alert(1))", "")
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">bra</a>' in html
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html
    assert "<pre><code>rad 1&#10;rad 2&#10;</code></pre>" in html
    assert "\n" not in html  # one line: one raw HTML block for MkDocs


# --- Escaped exactly once ----------------------------------------------------------------------


# Newer Pythons read <title> and <textarea> as browsers do (text only, character references
# decoded); on older ones the parser is told so here.
_NATIVE_RCDATA = "title" in getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())


class Texts(HTMLParser):
    """The visible text of every element, with its tag and attributes, as a browser reads it."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        element: tuple[str, dict[str, str], list[str]] = (tag, {k: v or "" for k, v in attrs}, [])
        self.elements.append(element)
        self._open.append(element)
        if tag in {"title", "textarea"} and not _NATIVE_RCDATA:
            self.set_cdata_mode(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] in {"title", "textarea"} and not _NATIVE_RCDATA:
            data = html.unescape(data)  # RCDATA: tags are text, references are decoded
        for _, _, text in self._open:
            text.append(data)

    def text(self, tag: str, cls: str = "") -> list[str]:
        return [
            "".join(parts).strip()
            for name, attrs, parts in self.elements
            if name == tag and (not cls or cls in attrs.get("class", "").split())
        ]


def _texts(html: str) -> Texts:
    parser = Texts()
    parser.feed(html)
    parser.close()
    return parser


def test_feed_title_is_text_and_description_is_html_each_escaped_once(tmp_path: Path) -> None:
    feed = ET.fromstring(_generate(_repo(tmp_path, title=TITLE))["rss.xml"])  # noqa: S314
    item = feed.find("./channel/item")
    assert item is not None
    assert item.findtext("title") == f"Beviljad: {TITLE}"  # plain text, as written
    description = _texts(item.findtext("description") or "")
    assert description.text("strong") == [TITLE]  # HTML whose text is the title
    assert [tag for tag, _, _ in description.elements] == ["p", "strong", "p"]
    assert "&amp;" not in "".join(description.text("p"))


def test_open_data_holds_the_text_as_written(tmp_path: Path) -> None:
    data = json.loads(_generate(_repo(tmp_path, title=TITLE))["insatser.json"])
    assert [i["titel"] for i in data["insatser"]] == [TITLE]


def test_built_pages_show_applicant_text_as_written(tmp_path: Path) -> None:
    site = build(_repo(tmp_path, section=SECTION, title=TITLE))
    page = _texts((site / "insats" / "komplett" / "index.html").read_text("utf-8"))
    # The site is named after the förbund in forbund.yml (here the test förbund).
    assert page.text("title")[0] == f"{TITLE} - Samordningsförbundet Provby – samverkansmedel"
    assert set(page.text("h1")) == {TITLE}
    assert TITLE in page.text("span", "md-ellipsis")  # the header
    assert SECTION in page.text("p")
    assert f"Budget per år för {TITLE}" in page.text("title")  # the chart's SVG title
    index = _texts((site / "insatser" / "index.html").read_text("utf-8"))
    assert TITLE in index.text("a")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Vi gör:\n- ett\n- två", "<p>Vi gör:</p>&#10;<ul>&#10;<li>ett</li>"),  # no blank line
        ("1) först\n2) sedan", "<ol>&#10;<li>först</li>"),
        ("~~strukits~~", "<s>strukits</s>"),
        ("Se https://exempel.se/sida.", '<a href="https://exempel.se/sida"'),
        ("Se www.exempel.se", '<a href="http://www.exempel.se"'),
        ("Skriv till a@exempel.se", '<a href="mailto:a@exempel.se"'),
    ],
)
def test_applicant_markdown_reads_as_in_the_pull_request(source: str, expected: str) -> None:
    """What GitHub shows in the pull request (GFM) is what the insats page shows."""
    assert expected in str(markdown_html(source))


def test_a_bare_name_is_no_link_as_on_github() -> None:
    html = str(markdown_html("Mer på exempel.se och javascript:alert(1)"))
    assert "<a" not in html
    assert "exempel.se" in html
