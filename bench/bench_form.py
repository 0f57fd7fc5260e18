"""Benchmark the form Skriv ansökan (skriv-ansokan/): its first load and its weight.

Builds the site of the repository's own forbund.yml, serves it from this machine
(gzip-compressed, as bench_site serves it) and opens the form in Debian's Chromium, each time in
a fresh browser context (nothing cached), and reports:

* time to a usable form: from the start of the navigation until the page's script has set the
  form up (typing and drafts work from then on), the page's mark ``finsam-formular``;
* time until the check is ready: Pyodide and the bundle loaded in the Web Worker and a first
  check run there (``finsam-kontroll``), and until the first answer is on the page
  (``finsam-svar``);
* the same once more with the browser's cache (a second visit);
* the weight: what the page itself loads before Pyodide (HTML, CSS, JavaScript), and what the
  check loads (Pyodide and the bundle), as stored and as sent compressed.

Usage: python bench/bench_form.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from bench_site import _Served  # noqa: E402

from tests.site_helpers import CHROMIUM, build, chromium, site_repo  # noqa: E402

PAGE = "skriv-ansokan/"
MARKS = ("finsam-formular", "finsam-kontroll", "finsam-svar")
_MARKS = """names => names.map(name => {
  const found = performance.getEntriesByName(name);
  return found.length ? found[0].startTime : null;
})"""


def _visit(context: Any, url: str) -> tuple[dict[str, float], list[tuple[str, int]]]:
    """One visit: the page's marks (ms from the navigation's start) and every response with
    the size of its body."""
    page = context.new_page()
    sizes: list[tuple[str, int]] = []

    def record(response: Any) -> None:
        try:
            sizes.append((response.url, len(response.body())))
        except Exception:  # a response without a body (a redirect)
            sizes.append((response.url, 0))

    page.on("response", record)
    context.on("response", lambda response: None)
    page.goto(url + PAGE, wait_until="load")
    page.wait_for_function(
        "performance.getEntriesByName('finsam-svar').length > 0", timeout=120_000
    )
    marks = dict(zip(MARKS, page.evaluate(_MARKS, list(MARKS)), strict=True))
    page.close()
    return {k: float(v) for k, v in marks.items() if v is not None}, sizes


def _compressed(site: Path, url: str, address: str) -> int:
    """The size of a file of the site as a web host sends it gzip-compressed."""
    relative = address.removeprefix(url).split("?")[0].split("#")[0]
    path = site / relative
    if path.is_dir() or relative.endswith("/") or not relative:
        path = path / "index.html"
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not CHROMIUM.exists():
        raise SystemExit(f"Chromium saknas ({CHROMIUM}): apt-get install chromium")

    with tempfile.TemporaryDirectory() as tmp:
        site = build(site_repo(Path(tmp) / "repo", config=REPO / "forbund.yml"))
        served = _Served(site)
        cold: list[dict[str, float]] = []
        warm: list[dict[str, float]] = []
        sizes: list[tuple[str, int]] = []
        try:
            with chromium() as browser:
                for _ in range(args.repeat):
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    marks, sizes = _visit(context, served.url)
                    cold.append(marks)
                    warm.append(_visit(context, served.url)[0])
                    context.close()
            check = [(u, n) for u, n in sizes if "/kontroll/" in u or "skriv-kontroll" in u]
            page = [(u, n) for u, n in sizes if (u, n) not in check]
            page_gzip = sum(_compressed(site, served.url, u) for u, _ in page)
            check_gzip = sum(_compressed(site, served.url, u) for u, _ in check)
        finally:
            served.close()

    def median(runs: list[dict[str, float]], mark: str) -> str:
        values = [run[mark] for run in runs if mark in run]
        return f"{statistics.median(values) / 1000:.2f} s" if values else "–"

    print(f"Formuläret Skriv ansökan, {args.repeat} besök utan och med webbläsarens cache")
    print(
        f"  användbart formulär:   {median(cold, 'finsam-formular')} (med cache {median(warm, 'finsam-formular')})"
    )
    print(
        f"  kontrollen laddad:     {median(cold, 'finsam-kontroll')} (med cache {median(warm, 'finsam-kontroll')})"
    )
    print(
        f"  första svaret visat:   {median(cold, 'finsam-svar')} (med cache {median(warm, 'finsam-svar')})"
    )
    print(
        f"  sidan före Pyodide:    {sum(n for _, n in page) / 1024:.0f} KB "
        f"({page_gzip / 1024:.0f} KB komprimerat), {len(page)} filer (HTML, CSS, JavaScript)"
    )
    print(
        f"  Pyodide och paketet:   {sum(n for _, n in check) / 1024 / 1024:.1f} MB "
        f"({check_gzip / 1024 / 1024:.1f} MB komprimerat), {len(check)} filer"
    )
    for address, size in sorted(check, key=lambda item: -item[1]):
        print(f"    {address.rsplit('/', 1)[-1]:<24} {size / 1024:>8.0f} KB")
    print("  sidans egna filer:")
    for address, size in sorted(page, key=lambda item: -item[1]):
        name = address.removeprefix(served.url) or "/"
        print(f"    {name[-40:]:<40} {size / 1024:>8.0f} KB")


if __name__ == "__main__":
    main()
