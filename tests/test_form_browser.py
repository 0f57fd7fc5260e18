"""The form Skriv ansökan in a real browser (Debian's Chromium, as test_browser.py drives it):
filled in by keyboard alone, checked by the desk's own Python code in a Web Worker, its files
downloaded and judged by `finsam kontrollera`; no accessibility violation (axe-core, WCAG 2.1 A
and AA) at a phone's width and a desktop's; typing and drafts before the check has loaded.

Without Chromium the tests skip, except when CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.form_helpers import FOLDER, kontrollera
from tests.site_helpers import build, chromium, site_repo
from tests.test_browser import WCAG, _axe_source, _focus_stops, _require_browser

PAGE = "skriv-ansokan/"
PREFIX = "ansokan/"  # where the test förbund's site is served (webbplats.adress)
READY = "document.querySelector('[data-finsam-laddning]').textContent.includes('klar')"


@pytest.fixture(scope="session")
def form_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test förbund's site, built once for these tests."""
    _require_browser()
    return build(site_repo(tmp_path_factory.mktemp("formular")))


@contextlib.contextmanager
def _served(site: Path, gate: threading.Event | None = None) -> Iterator[str]:
    """The built site over HTTP below PREFIX. With a ``gate``, Pyodide and the bundle
    (kontroll/) are held back until it is set: the page before its check has loaded."""

    class Site(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path("/" + path.lstrip("/").removeprefix(PREFIX))

        def do_GET(self) -> None:
            if gate is not None and "/kontroll/" in self.path:
                gate.wait(60)
            super().do_GET()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Site, directory=str(site))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{PREFIX}"
    finally:
        if gate is not None:
            gate.set()
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(form_site: Path) -> Iterator[Any]:
    with chromium() as browser:
        yield browser


def _violations(page: Any) -> list[tuple[str, str, list[Any]]]:
    page.add_script_tag(content=_axe_source())
    result = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]


def _ready(page: Any) -> None:
    page.wait_for_function(READY, timeout=90_000)
    page.wait_for_selector("[data-finsam-fynd] li", timeout=30_000)  # the first check's answer


@pytest.mark.parametrize("width", [320, 1280])
def test_the_form_has_no_accessibility_violations(
    width: int, browser: Any, form_site: Path
) -> None:
    with _served(form_site) as url:
        page = browser.new_page(viewport={"width": width, "height": 800})
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        try:
            page.goto(url + PAGE, wait_until="load")
            _ready(page)
            assert page.locator("html").get_attribute("lang") == "sv"
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert _focus_stops(page, limit=400) == []
            assert _violations(page) == []
            # Everything from the site itself: Pyodide, its standard library and the bundle.
            assert [r for r in requests if not r.startswith(url)] == []
            assert any(r.endswith("kontroll/pyodide.asm.wasm") for r in requests)
            assert any(r.endswith("kontroll/finsam.zip") for r in requests)
        finally:
            page.close()


# The contrast of an element's text with what shows behind it (WCAG 2.1, 1.4.3): the first
# background colour that is not transparent, from the element outwards.
CONTRAST = """element => {
    const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => [r, g, b]
        .map(c => c / 255)
        .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    let behind = [255, 255, 255];
    for (let node = element; node; node = node.parentElement) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour.length === 3 || colour[3] > 0.5) { behind = colour.slice(0, 3); break; }
    }
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(behind)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def test_every_kind_of_button_keeps_its_contrast_on_hover_and_focus(
    browser: Any, form_site: Path
) -> None:
    """axe sees the page at rest; a button whose text fades into the page only while the
    pointer or the keyboard is on it would pass unseen."""
    with _served(form_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            page.goto(url + PAGE, wait_until="load")
            kinds = page.evaluate(
                "[...new Set([...document.querySelectorAll('.finsam-skriv button')]"
                ".filter(b => b.offsetParent).map(b => b.className))]"
            )
            assert len(kinds) >= 3
            for kind in kinds:
                button = page.locator(f".finsam-skriv button[class='{kind}']:visible").first
                button.hover()
                page.wait_for_timeout(400)  # the theme's colour transition
                assert button.evaluate(CONTRAST) >= 4.5, (kind, "hover")
                page.mouse.move(0, 0)
                button.focus()
                page.wait_for_timeout(400)
                assert button.evaluate(CONTRAST) >= 4.5, (kind, "focus")
        finally:
            page.close()


def test_the_form_works_before_the_check_has_loaded(browser: Any, form_site: Path) -> None:
    """Typing, the budget's sums and the draft work while Pyodide is still on its way; the
    draft is there again after a reload, and the check takes over when it has loaded."""
    gate = threading.Event()
    with _served(form_site, gate) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        try:
            page.goto(url + PAGE, wait_until="domcontentloaded")
            status = page.locator("[data-finsam-laddning]")
            assert status.text_content() == "Kontrollen laddas…"
            page.locator("#f-ansokan-titel").fill("Stöd före laddning")
            page.locator("#f-ansokan-period-start").fill("2026-01-01")
            page.locator("#f-ansokan-period-slut").fill("2027-12-31")
            page.locator("#f-ansokan-period-slut").press("Tab")  # the budget gets its years
            assert page.locator("thead th[data-ar]").all_text_contents() == ["2026", "2027"]
            page.locator("#f-budget-rader-0-belopp-2026").fill("120 000")
            page.locator("#f-budget-rader-0-belopp-2027").fill("30000")
            page.locator("[data-lagg-till='budget.rader']").click()
            page.locator("#f-budget-rader-1-belopp-2027").fill("5000")
            total = page.locator("td[data-summa='totalt']:not([data-ar])")
            assert total.text_content() == "155\u00a0000\u00a0kr"
            assert page.locator("[data-radsumma]").all_text_contents() == [
                "150\u00a0000\u00a0kr",
                "5\u00a0000\u00a0kr",
            ]
            page.wait_for_function(
                "() => (localStorage.getItem('finsam-skriv-utkast:' + location.pathname) || '')"
                ".includes('Stöd före laddning')"
            )
            assert status.text_content() == "Kontrollen laddas…"  # still held back
            page.reload(wait_until="domcontentloaded")
            assert page.locator("#f-ansokan-titel").input_value() == "Stöd före laddning"
            assert page.locator("#f-budget-rader-1-belopp-2027").input_value() == "5000"
            assert "återställt" in (page.locator("[data-finsam-utkast]").text_content() or "")
            gate.set()
            page.wait_for_function(READY, timeout=90_000)
            page.wait_for_selector("[data-finsam-fynd] li", timeout=30_000)
        finally:
            context.close()


# -- by keyboard alone ---------------------------------------------------------------------------


def _tab_to(page: Any, selector: str, back: bool = False, limit: int = 600) -> None:
    """Tab (or Shift+Tab) until the control ``selector`` has the focus."""
    key = "Shift+Tab" if back else "Tab"
    for _ in range(limit):
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} nåddes inte med tangentbordet")


def _type(page: Any, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _choose(page: Any, selector: str, option: str) -> None:
    """A list (select) chosen by typing the start of the option, as a keyboard user does
    (letters a–z only: the browser takes others as text input, not as a key on a list)."""
    _tab_to(page, selector)
    page.keyboard.type(option)
    chosen = page.evaluate(
        "s => { const e = document.querySelector(s); return e.options[e.selectedIndex].text; }",
        selector,
    )
    assert chosen.startswith(option), (selector, chosen)


def _finding(page: Any, rule: str) -> dict[str, Any]:
    item = page.locator(f"[data-finsam-fynd] li[data-regel='{rule}']")
    heading = item.locator(".finsam-fynd__rubrik").text_content() or ""
    hint = item.locator(".finsam-fynd__tips").text_content() or ""
    return {
        "regel": item.get_attribute("data-regel"),
        "fil": item.get_attribute("data-fil"),
        "rad": int(item.get_attribute("data-rad") or 0),
        "kolumn": int(item.get_attribute("data-kolumn") or 0),
        "meddelande": heading.split(": ", 1)[1],
        "tips": hint.removeprefix("Tips: "),
        "falt": item.get_attribute("data-falt"),
    }


def _download(page: Any, selector: str, back: bool = False) -> dict[str, str]:
    """The zip behind a button or link, opened by keyboard: its files by name."""
    _tab_to(page, selector, back=back)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    path = download.value.path()
    with zipfile.ZipFile(io.BytesIO(Path(path).read_bytes())) as archive:
        names = archive.namelist()
        assert all(n.startswith(f"applications/{FOLDER}/") for n in names), names
        return {n.rsplit("/", 1)[1]: archive.read(n).decode("utf-8") for n in names}


def test_an_idea_and_an_application_written_by_keyboard_alone(
    browser: Any, form_site: Path, tmp_path: Path
) -> None:
    with _served(form_site) as url:
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        page = context.new_page()
        try:
            page.goto(url + PAGE, wait_until="load")
            _ready(page)
            page.locator("body").focus()
            # First the idea: the kind of document, then its facts and answers in page order.
            _tab_to(page, "input[name='dokument']")
            page.keyboard.press("ArrowUp")
            assert page.locator("#f-dokument-ideskiss").is_checked()
            _type(page, "#f-id", FOLDER)
            _type(page, "#f-ideskiss-titel", "Gemensamt stöd mot arbete")
            _type(page, "#f-ideskiss-datum", "2025-09-01")
            _choose(page, "#f-ideskiss-insatsagare-part", "Provby")
            _choose(page, "#f-ideskiss-samverkansparter-0-part", "Arbetsf")
            _type(page, "#f-ideskiss-kontakt-roll", "Enhetschef")
            _choose(page, "#f-ideskiss-kontakt-part", "Provby")
            _type(page, "#f-ideskiss-period-start", "2026-01-01")
            _type(page, "#f-ideskiss-period-slut", "2028-12-31")
            _type(page, "#f-ideskiss-preliminar_budget-totalt", "1700000")
            for key, text in (
                ("bakgrund", "Många har kontakt med flera myndigheter samtidigt."),
                ("ide", "Ett gemensamt team för kommunen och Arbetsförmedlingen."),
                ("malgrupp", "Unga vuxna som står långt från arbete."),
                ("forankring", "Idén har diskuterats i den lokala utvecklingsgruppen."),
            ):
                _type(page, f"#f-ideskiss-avsnitt-{key}", text)
            page.wait_for_function(
                "document.querySelector('[data-finsam-sammanfattning]').textContent"
                ".startsWith('Kontrollen hittade inga fel')",
                timeout=30_000,
            )
            # Then the application: what the idea says is carried over.
            _tab_to(page, "input[name='dokument']", back=True)
            page.keyboard.press("ArrowDown")
            assert page.locator("#f-ansokan-titel").input_value() == "Gemensamt stöd mot arbete"
            assert page.locator("#f-ansokan-period-slut").input_value() == "2028-12-31"
            _tab_to(page, "input[name='ansokan.insatsinriktning']")
            page.keyboard.press("Space")  # the first: individinriktad
            _type(page, "#f-ansokan-insatsagare-resurser", "En insatsmedarbetare på heltid.")
            _type(page, "#f-ansokan-samverkansparter-0-resurser", "En kontaktperson i teamet.")
            _type(page, "#f-ansokan-period-sista_intag", "2028-06-30")
            _type(page, "#f-ansokan-malgrupp-alder_min", "18")
            _type(page, "#f-ansokan-malgrupp-alder_max", "29")
            _type(page, "#f-ansokan-malgrupp-forvantat_antal_deltagare", "30–40")
            _type(page, "#f-ansokan-mal-effektmal-0-text", "Deltagarna har kommit närmare arbete.")
            _type(page, "#f-ansokan-mal-resultatmal-0-text", "Hälften har gått vidare till arbete.")
            _tab_to(page, "#f-ansokan-mal-resultatmal-0-jamstalldhet")
            page.keyboard.press("Space")
            _type(page, "#f-ansokan-kontakter-0-roll", "Insatsansvarig")
            _choose(page, "#f-ansokan-kontakter-0-part", "Provby")
            for key, text in (
                ("bakgrund", "Många i målgruppen har kontakt med flera myndigheter."),
                ("syfte", "Att samordna stödet kring varje deltagare."),
                ("malgrupp", "Unga vuxna som står långt från arbetsmarknaden."),
                ("genomforande", "Ett gemensamt team träffar deltagarna varje vecka."),
                ("uppfoljning", "Styrgruppen följer upp målen varje tertial."),
            ):
                _type(page, f"[name='ansokan.avsnitt.{key}']:not([disabled])", text)
            # The budget: a column for each of the period's three years.
            assert page.locator("thead th[data-ar]").all_text_contents() == ["2026", "2027", "2028"]
            _type(page, "#f-budget-rader-0-benamning", "Insatsmedarbetare")
            for year, amount in (("2026", "540000"), ("2027", "550000"), ("2028", "560000")):
                _type(page, f"#f-budget-rader-0-belopp-{year}", amount)
            _choose(page, "#f-budget-rader-0-kategori", "L")
            _choose(page, "#f-budget-rader-0-part", "Provby")
            _type(page, "#f-budget-rader-0-tjanstgoringsgrad", "100")
            _type(page, "#f-budget-rader-0-period-start", "2026-01-01")
            _type(page, "#f-budget-rader-0-period-slut", "2028-12-31")
            _tab_to(page, "[data-lagg-till='budget.rader']")
            page.keyboard.press("Enter")  # a new row; the focus goes to its name
            page.keyboard.type("Utbildning för teamet")
            for year, amount in (("2026", "20000"), ("2027", "15000"), ("2028", "15000")):
                _type(page, f"#f-budget-rader-1-belopp-{year}", amount)
            _choose(page, "#f-budget-rader-1-kategori", "Utbildning")
            _choose(page, "#f-budget-rader-1-part", "Provby")
            total = page.locator("td[data-summa='forbundet']:not([data-ar])")
            assert total.text_content() == "1\u00a0700\u00a0000\u00a0kr"
            # A declared total 2 kr off: the desk's B208, at the field.
            _type(page, "#f-ansokan-sokt_belopp", "1700002")
            page.keyboard.press("Tab")  # a field is marked once the applicant has left it
            page.wait_for_selector("#f-ansokan-sokt_belopp[aria-invalid='true']", timeout=30_000)
            page.wait_for_selector("[data-finsam-fynd] li[data-regel='B208']", timeout=30_000)
            shown = _finding(page, "B208")
            assert shown["falt"] == "ansokan.sokt_belopp"
            errors = page.locator("[data-finsam-fynd] li.finsam-fynd__post--fel")
            assert errors.count() == 1, errors.all_text_contents()
            assert page.locator("#f-ansokan-sokt_belopp").get_attribute("aria-invalid") == "true"
            assert page.locator("[data-finsam-inlamning]").is_hidden()
            assert _violations(page) == []
            # The draft's files, judged by the command line: exactly the same finding.
            draft = _download(page, "[data-finsam-spara]", back=True)
            code, cli = kontrollera(tmp_path / "utkast", FOLDER, draft)
            assert code == 1
            (expected,) = [f for f in cli["fynd"] if f["allvarlighet"] == "fel"]
            assert {k: shown[k] for k in expected if k in shown} == {
                k: expected[k] for k in expected if k in shown
            }
            # Corrected: the finding goes, the files are offered, and the desk accepts them.
            _tab_to(page, "#f-ansokan-sokt_belopp")
            page.keyboard.press("Control+A")
            page.keyboard.type("1700000")
            page.wait_for_selector(
                "[data-finsam-fynd] li[data-regel='B208']", state="detached", timeout=30_000
            )
            page.wait_for_selector("[data-finsam-inlamning]:not([hidden])", timeout=30_000)
            page.wait_for_selector("[data-finsam-zip][download]", timeout=30_000)
            assert page.locator("[data-finsam-mapp]").text_content() == f"applications/{FOLDER}/"
            page.wait_for_function(
                "document.querySelector('[data-finsam-pr]').value.includes('**Insatsägare:** Provby')"
            )
            assert f"`applications/{FOLDER}/`" in page.locator("[data-finsam-pr]").input_value()
            upload = page.locator("[data-finsam-uppladdning]").get_attribute("href")
            assert upload == f"https://github.com/provby/ansokan/upload/main/applications/{FOLDER}"
            files = _download(page, "[data-finsam-zip]")
            assert sorted(files) == [
                "ansokan.md",
                "ansokan.yaml",
                "budget.yaml",
                "ideskiss.md",
                "ideskiss.yaml",
            ]
            code, cli = kontrollera(tmp_path / "inlamnat", FOLDER, files)
            assert code == 0, json.dumps(cli, ensure_ascii=False)
            assert [f for f in cli["fynd"] if f["allvarlighet"] == "fel"] == []
            assert _violations(page) == []
        finally:
            context.close()


def test_saved_files_open_in_the_form(browser: Any, form_site: Path, tmp_path: Path) -> None:
    """The folder's zip as the form saves it, and files of an application from the
    repository, read into the form by the desk's loader; what the form has no field for is
    named and kept."""
    from finsam.form.files import folder_files
    from finsam.form.submission import folder_zip
    from finsam.model.forbund import load_forbund
    from tests.conftest import FORBUND, TESTS
    from tests.form_helpers import VALID

    forbund, _ = load_forbund(FORBUND)
    assert forbund is not None
    saved = tmp_path / "sparat.zip"
    saved.write_bytes(folder_zip(folder_files(VALID, forbund), FOLDER))
    with _served(form_site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        try:
            page.goto(url + PAGE, wait_until="load")
            _ready(page)
            opened = page.locator("[data-finsam-oppnat]")
            page.set_input_files("#skriv-oppna", str(saved))
            page.wait_for_function(
                "document.querySelector('[data-finsam-oppnat]').textContent.includes('inlästa')",
                timeout=30_000,
            )
            assert page.locator("#f-ansokan-titel").input_value() == VALID["ansokan.titel"]
            assert page.locator("#f-budget-rader-1-belopp-2027").input_value() == "15000"
            assert page.locator("thead th[data-ar]").all_text_contents() == ["2026", "2027", "2028"]
            page.wait_for_function(
                "document.querySelector('[data-finsam-sammanfattning]').textContent"
                ".startsWith('Kontrollen hittade inga fel')",
                timeout=30_000,
            )
            case = TESTS / "cases" / "valid" / "budget-hela-perioden"
            page.set_input_files("#skriv-oppna", sorted(str(p) for p in case.iterdir()))
            page.wait_for_function(
                "document.querySelector('[data-finsam-oppnat]').textContent.includes('visar inte')",
                timeout=30_000,
            )
            assert "belopp_totalt" in (opened.text_content() or "")
        finally:
            context.close()
