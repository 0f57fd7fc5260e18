"""The built site in a real browser, at a phone's width (320 px) and a desktop's (1280 px): no
accessibility violations (axe-core, WCAG 2.1 A and AA), no page wider than the screen (reflow,
WCAG 1.4.10), no keyboard focus on something that cannot be seen (WCAG 2.4.7), search finds
the right pages, and no page asks anything of another server.

Needs Chromium at /usr/bin/chromium (Debian's package) or the browser named by FINSAM_CHROMIUM.
Without it the tests skip, except when CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site_helpers import CHROMIUM, TESTS, build, chromium, site_repo

# Debian's Chromium by default; FINSAM_CHROMIUM names another Chromium-based browser (GitHub's
# runners have Google Chrome).
PAGES = {
    "start": "",
    "vägledning": "ansok/",
    "fältguide": "faltguide/",
    "insatser": "insatser/",
    "insats": "insats/med-rapporter/",
    "statistik": "statistik/",
    "tillgänglighet": "tillganglighet/",
    "process": "process/",
    "mallar": "mallar/",
    "regler": "regler/",
    "per år": "insatser/per-ar/",
    "per medlem": "insatser/per-part/",
    "sidan finns inte": "finns-inte/",
}
WIDTHS = (320, 1280)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PREFIX = "ansokan/"  # the path of the test förbund's webbplats.adress, where the site is served


def _require_browser() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium saknas i CI: .ci/run ska installera paketet chromium.")
        pytest.skip("Chromium är inte installerat (apt-get install chromium).")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require_browser()
    root = site_repo(tmp_path_factory.mktemp("webb"))
    for name in ("komplett", "med-rapporter", "strukturovergripande"):
        shutil.copytree(TESTS / "cases" / "valid" / name, root / "applications" / name)
    # Titles of their own, so that the list's filters have something to tell apart.
    for name, title in (
        ("med-rapporter", "Väg till studier"),
        ("strukturovergripande", "Öppen dörr"),
    ):
        ansokan = root / "applications" / name / "ansokan.md"
        text = ansokan.read_text("utf-8").replace(
            "titel: Gemensamt stöd mot arbete", f"titel: {title}"
        )
        ansokan.write_text(text, "utf-8")
    with _served(build(root)) as url:
        yield url


@contextlib.contextmanager
def _served(site: Path) -> Iterator[str]:
    """The built site over HTTP below PREFIX, as a web host publishes it: 404.html for what
    is missing."""

    class Site(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path("/" + path.lstrip("/").removeprefix(PREFIX))

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            if code != 404:
                super().send_error(code, message, explain)
                return
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Site, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(site_url: str) -> Iterator[Any]:
    with chromium() as browser:
        yield browser


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def _focus_stops(page: Any, limit: int = 80) -> list[tuple[str, str]]:
    """Tab through the page: (element, why it cannot be seen) for each invisible focus stop."""
    invisible = []
    seen = 0
    # End states, not fades: the theme fades the skip link in when it takes focus.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(
            """() => {
              const el = document.activeElement;
              if (!el || el === document.body) return null;
              const box = el.getBoundingClientRect();
              let why = "";
              if (box.width < 1 || box.height < 1) why = "ingen storlek";
              for (let node = el; !why && node && node.nodeType === 1; node = node.parentElement) {
                const style = getComputedStyle(node);
                if (style.visibility === "hidden" || style.display === "none") why = "dold";
                else if (parseFloat(style.opacity) === 0) why = "genomskinlig";
              }
              if (!why && (box.right <= 0 || box.left >= window.innerWidth)) why = "utanför skärmen";
              const name = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "");
              return [name + " " + (el.getAttribute("href") || el.textContent.trim().slice(0, 30)), why];
            }"""
        )
        if found is None:
            break
        seen += 1
        if found[1]:
            invisible.append((found[0], found[1]))
    assert seen > 0
    return invisible


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_has_no_accessibility_violations_and_no_outside_requests(
    name: str, width: int, browser: Any, site_url: str
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        response = page.goto(site_url + PAGES[name], wait_until="networkidle")
        assert response is not None
        assert response.status == (404 if name == "sidan finns inte" else 200), name
        assert page.locator("html").get_attribute("lang") == "sv"
        # Reflow: nothing makes the page itself wider than the screen.
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= width, (name, width, page_width)
        invisible = _focus_stops(page)
        assert invisible == [], (name, width, invisible)
        page.add_script_tag(content=_axe_source())
        result = page.evaluate(
            "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
        )
        violations = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
        ]
        assert violations == [], name
        outside = [
            url for url in requests if not url.startswith(site_url) and not url.startswith("data:")
        ]
        assert outside == [], name
        footer = page.locator("footer a", has_text="Tillgänglighetsredogörelse")
        assert footer.count() == 1, name
    finally:
        page.close()


def _axe_violations(page: Any) -> list[tuple[str, str, list[Any]]]:
    page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]


def test_a_long_list_on_per_medlem_opens_with_the_keyboard(browser: Any, tmp_path: Path) -> None:
    """A member's list longer than SHOWN_UP_TO is closed behind a summary: closed and open,
    no axe violation, no invisible focus stop, nothing wider than the screen."""
    from finsam.site.pages import SHOWN_UP_TO

    root = site_repo(tmp_path / "repo")
    for n in range(SHOWN_UP_TO + 1):
        target = root / "applications" / f"lang-{n:02d}"
        shutil.copytree(TESTS / "cases" / "valid" / "komplett", target)
        ansokan = target / "ansokan.md"
        text = ansokan.read_text("utf-8").replace("id: komplett", f"id: lang-{n:02d}")
        ansokan.write_text(text, "utf-8")
    with _served(build(root)) as url:
        for width in WIDTHS:
            page = browser.new_page(viewport={"width": width, "height": 800})
            try:
                page.goto(url + "insatser/per-part/", wait_until="networkidle")
                folded = page.locator("details.finsam-fallbar").first
                assert folded.locator("summary").inner_text().startswith("Visa alla elva insatser")
                assert folded.locator("li a").first.is_hidden()
                assert _focus_stops(page) == [], width
                assert _axe_violations(page) == [], width
                folded.locator("summary").focus()
                page.keyboard.press("Enter")
                assert folded.locator("li a").first.is_visible()
                assert page.evaluate("document.documentElement.scrollWidth") <= width
                assert _focus_stops(page, limit=120) == [], width
                assert _axe_violations(page) == [], width
            finally:
                page.close()


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("budget", "ansok/"),
        ("ansökan", "ansok/"),
        ("insats", "insatser/"),
        ("tillgänglighet", "tillganglighet/"),
    ],
)
def test_search_finds_the_right_pages(
    term: str, expected: str, browser: Any, site_url: str
) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        page.goto(site_url, wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.keyboard.type(term)  # the theme searches on key events
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item a", "links => links.map(link => link.getAttribute('href'))"
        )
        assert any(expected in (href or "") for href in hrefs), hrefs
        # The site's own worker answered: the theme's, which builds an index, never loaded.
        assert any(url.endswith("javascripts/sokmotor.js") for url in requests), requests
        assert not [url for url in requests if "/workers/search" in url or "/lunr/" in url]
    finally:
        page.close()


_ASK_WORKER = """async ([docs, queries, suggest]) => {
  const worker = new Worker("javascripts/sokmotor.js");
  const answer = () => new Promise(done => worker.addEventListener(
    "message", event => done(event.data), { once: true }));
  const ready = answer();
  worker.postMessage({ type: 0, data: { config: {}, docs, options: { suggest } } });
  if ((await ready).type !== 1) throw new Error("not ready");
  const results = [];
  for (const query of queries) {
    const result = answer();
    worker.postMessage({ type: 2, data: query });
    results.push((await result).data);
  }
  worker.terminate();
  return results;
}"""


def _ask(
    browser: Any, site_url: str, docs: list[list[str]], *queries: str, suggest: bool = False
) -> list[dict[str, Any]]:
    """The site's search worker, set up with ``docs`` as the theme sets it up, answering each
    query as the theme asks it."""
    page = browser.new_page()
    try:
        page.goto(site_url, wait_until="load")
        return list(page.evaluate(_ASK_WORKER, [docs, list(queries), suggest]))
    finally:
        page.close()


def _found(result: dict[str, Any]) -> list[str]:
    """The locations answered, page by page, each page's best entry first."""
    return [item["location"] for group in result["items"] for item in group]


def _doc(location: str, title: str, text: str = "") -> list[str]:
    return [location, title, text]


def test_the_search_matches_the_beginnings_of_words_in_any_case(
    browser: Any, site_url: str
) -> None:
    docs = [_doc("a/", "Försäkringskassan i Älvby"), _doc("b/", "Omförsäkring")]
    first, upper, inside = _ask(browser, site_url, docs, "försäk", "ÄLVBY", "säkring")
    assert _found(first) == ["a/"]
    assert _found(upper) == ["a/"]
    assert _found(inside) == []


def test_a_word_found_nowhere_is_tried_without_its_ending(browser: Any, site_url: str) -> None:
    docs = [_doc("a/", "En insats för unga"), _doc("b/", "Budget")]
    (result,) = _ask(browser, site_url, docs, "insatserna")
    assert _found(result) == ["a/"]
    assert result["items"][0][0]["terms"] == {"insatserna": True}


def test_entries_with_every_word_come_alone_and_a_missing_word_is_named(
    browser: Any, site_url: str
) -> None:
    docs = [_doc("a/", "Stöd mot arbete"), _doc("b/", "Stöd i skolan"), _doc("c/", "Annat")]
    both, unknown, with_stop_word = _ask(
        browser, site_url, docs, "stöd arbete", "stöd xyzzy", "stöd och arbete"
    )
    assert _found(both) == ["a/"]
    assert sorted(_found(unknown)) == ["a/", "b/"]
    assert all(g[0]["terms"] == {"stöd": True, "xyzzy": False} for g in unknown["items"])
    assert _found(with_stop_word) == ["a/"]


def test_titles_weigh_more_than_text_and_sections_come_with_their_page(
    browser: Any, site_url: str
) -> None:
    docs = [
        _doc("guide/", "Vägledning", "Allmänt om ansökan."),
        _doc("guide/#budget", "Att skriva", "Budgeten visar kostnaderna per år."),
        _doc("budget/", "Budget", "Hur förbundet räknar."),
    ]
    (result,) = _ask(browser, site_url, docs, "budget")
    assert _found(result) == ["budget/", "guide/#budget", "guide/"]
    section, page = result["items"][1]
    assert section["score"] > 0 and page["score"] == 0  # shown as the section's page


def test_the_search_escapes_what_it_shows_and_marks_the_hits(browser: Any, site_url: str) -> None:
    hostile = "<img src=x onerror=alert(1)> Stöd & hjälp"
    text = "Inledning. " * 30 + "Här står stöd en gång. " + "Slut. " * 60
    (result,) = _ask(browser, site_url, [_doc("a/", hostile, text)], "stöd")
    item = result["items"][0][0]
    assert item["title"] == "&lt;img src=x onerror=alert(1)&gt; <mark>Stöd</mark> &amp; hjälp"
    # A piece of the text around the hit, not the whole text.
    assert "<mark>stöd</mark>" in item["text"]
    assert item["text"].startswith("<p>… ") and item["text"].endswith(" …</p>")
    assert len(item["text"]) < 300


def test_the_search_suggests_the_rest_of_a_title_word(browser: Any, site_url: str) -> None:
    docs = [_doc("a/", "Försäkringskassan och regionen")]
    (result,) = _ask(browser, site_url, docs, "Förs", suggest=True)
    assert result["suggest"] == ["Försäkringskassan"]
    (result,) = _ask(browser, site_url, docs, "Förs")
    assert "suggest" not in result


def _visible_titles(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            ".finsam-insatslista:not([hidden]) > li:not([hidden]) > a",
            "links => links.map(link => link.textContent)",
        )
    )


def test_the_list_of_insatser_filters_and_sorts(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(site_url + "insatser/", wait_until="networkidle")
        assert page.locator("form[data-finsam-filter]").is_visible()
        items = page.eval_on_selector_all(
            ".finsam-insatslista > li",
            "items => items.map(i => [i.querySelector('a').textContent, "
            "i.dataset.inriktning, Number(i.dataset.belopp)])",
        )
        assert len(items) == 3
        assert page.locator("[data-finsam-antal]").text_content() == "Visar 3 av 3 insatser."
        # One direction: only those insatser remain, and the address says so.
        page.select_option("#filter-inriktning", "strukturovergripande")
        expected = sorted(
            title for title, direction, _ in items if direction == "strukturovergripande"
        )
        assert 0 < len(expected) < 3
        assert sorted(_visible_titles(page)) == expected
        assert page.locator("[data-finsam-antal]").text_content() == (
            f"Visar {len(expected)} av 3 insatser."
        )
        assert "inriktning=strukturovergripande" in page.url
        page.select_option("#filter-inriktning", "")
        # Free text, any case, every word.
        page.fill("#filter-text", "VÄG studier")
        assert _visible_titles(page) == ["Väg till studier"]
        page.fill("#filter-text", "")
        # Largest grant first, in one list.
        page.select_option("#filter-sortering", "belopp")
        by_amount = [t for t, _, _ in sorted(items, key=lambda item: -item[2])]
        assert _visible_titles(page) == by_amount
        # And back to the list by start year, as the page was written.
        page.select_option("#filter-sortering", "start")
        assert _visible_titles(page) == [t for t, _, _ in items]
        assert "sortering" not in page.url
    finally:
        page.close()


def test_without_javascript_the_list_is_plain_and_complete(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "insatser/")
        assert not page.locator("form[data-finsam-filter]").is_visible()
        assert len(_visible_titles(page)) == 3
    finally:
        context.close()


def test_the_search_dialog_is_named_reads_out_its_hits_and_gives_focus_back(
    browser: Any, site_url: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(site_url + "ansok/", wait_until="networkidle")
        dialog = page.locator(".md-search[role=dialog]")
        assert dialog.get_attribute("aria-label") == "Sök på webbplatsen"
        meta = page.locator(".md-search-result__meta")
        assert meta.get_attribute("aria-live") == "polite"
        # From a link in the page into the search, and out again with Escape.
        link = page.locator(".md-content a[href]").first
        link.focus()
        before = link.evaluate("el => el.outerHTML")
        page.locator("input.md-search__input").focus()
        page.keyboard.type("budget")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        assert any(ch.isdigit() for ch in meta.text_content() or "")  # "N matchande ..."
        page.keyboard.press("Escape")
        page.wait_for_timeout(100)
        assert page.evaluate("document.activeElement.outerHTML") == before
    finally:
        page.close()
