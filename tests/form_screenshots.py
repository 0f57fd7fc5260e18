"""Pictures of the form Skriv ansökan for the page docs/lamna-in.md, taken from the built site
in Debian's Chromium: `make bilder` (after `make site`) writes them to docs/bilder/.

The form is filled by opening the files of a demo application, as an applicant opens saved
files: every picture shows the form as it really is, with the förbund's own mall.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.site_helpers import chromium

REPO = Path(__file__).resolve().parent.parent
SITE = REPO / "site"
OUT = REPO / "docs" / "bilder"
DEMO = REPO / "applications" / "2025-forstarkt-stod"
WIDTH = 960
SUMMARY = "document.querySelector('[data-finsam-sammanfattning]').textContent"


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def _shoot(page: Any, selector: str, name: str) -> None:
    # The theme's bar stays at the top of the window; in a picture of one part it would cover
    # what the picture is about.
    page.add_style_tag(content=".md-header { visibility: hidden; }")
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    element.screenshot(path=str(OUT / name), animations="disabled")
    print(f"Skrev docs/bilder/{name}.")


def take(url: str) -> None:
    files = [str(p) for p in sorted(DEMO.iterdir()) if p.is_file() and p.name != "beslut.yaml"]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": WIDTH, "height": 900}, locale="sv-SE")
        page.goto(url + "skriv-ansokan/", wait_until="load")
        page.wait_for_function(
            "document.querySelector('[data-finsam-laddning]').textContent.includes('klar')",
            timeout=60_000,
        )
        _shoot(page, "section.finsam-utkast", "skriv-utkast.png")
        page.on("dialog", lambda dialog: dialog.accept())
        opened = "document.querySelector('[data-finsam-oppnat]').textContent.includes('inlästa')"
        page.set_input_files("#skriv-oppna", files)
        page.wait_for_function(opened, timeout=60_000)
        # Two rows of the budget are enough to show the table: the others go.
        remove = page.locator("[data-finsam-budget] button", has_text="Ta bort")
        while remove.count() > 2:
            remove.last.click()
        _shoot(page, "[data-finsam-budget]", "skriv-budget.png")
        page.set_input_files("#skriv-oppna", files)
        page.wait_for_function(
            f"{SUMMARY}.startsWith('Kontrollen hittade inga fel')", timeout=60_000
        )
        sought = page.locator("#f-ansokan-sokt_belopp")
        right = sought.input_value()
        sought.fill(str(int("".join(right.split())) + 2))
        sought.press("Tab")
        page.wait_for_function("document.body.textContent.includes('B208')", timeout=60_000)
        _shoot(page, "section.finsam-kontroll", "skriv-fynd.png")
        sought.fill(right)
        sought.press("Tab")
        page.wait_for_function(f"{SUMMARY}.startsWith('Kontrollen hittade inga fel')")
        _shoot(page, "[data-finsam-inlamning]", "skriv-lamna-in.png")


def main() -> int:
    if not (SITE / "skriv-ansokan" / "index.html").is_file():
        print("Bygg webbplatsen först: make site", file=sys.stderr)
        return 1
    OUT.mkdir(exist_ok=True)
    with served(SITE) as url:
        take(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
