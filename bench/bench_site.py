"""Benchmark the site build.

Generates N approved synthetic insatser and compares

* the real build (`mkdocs build` with finsam's plugin generating every page), with
* a plain `mkdocs build` of the same pages written out beforehand as ordinary Markdown files
  (what `finsam sajt` exports), i.e. hand-written equivalents without any generation,

and reports both ratios: the plugin's build alone, and `make site` (the check of every
application, then the build) against the plain build (goal <= 1.3). It also reports what a
visitor's browser gets at that size: the HTML of an insats page (goal <= 20 KB), of the list of
insatser and of Per medlem, the search index (goal <= 500 KB), and, with Chromium installed,
the time from opening the start page to the first search answer (goal <= 2 s).

Usage: python bench/bench_site.py [--n 1000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import generate  # noqa: E402

sys.path.insert(0, str(REPO))
from tests.site_helpers import CHROMIUM, chromium, site_repo  # noqa: E402

T = TypeVar("T")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "NO_MKDOCS_2_WARNING": "1"
}


def build_seconds(config: Path, out: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env=ENV,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return elapsed


def check_seconds(root: Path) -> float:
    """`finsam kontrollera` of the whole repository, as `make site` runs it first."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "finsam", "kontrollera", "--utan-cache"],
        cwd=root,
        capture_output=True,
        check=False,
        env=ENV,
    )
    return time.perf_counter() - start


def in_chromium(site: Path, measure: Callable[[Any, str], T]) -> T | None:
    """``measure(page, url)`` on a fresh page of Chromium with the site served over HTTP
    (None without Chromium)."""
    if not CHROMIUM.exists():
        return None
    served = _Served(site)
    try:
        with chromium() as browser:
            return measure(browser.new_page(), served.url)
    finally:
        served.close()


def first_search_answer(site: Path, query: str = "kommun") -> float | None:
    """Seconds from opening the start page until the search shows its first hit."""

    def measure(page: Any, url: str) -> float:
        start = time.perf_counter()
        page.goto(url, wait_until="load")
        page.locator("input.md-search__input").click()
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=60_000)
        return time.perf_counter() - start

    return in_chromium(site, measure)


QUERIES = ("kommun", "stöd arbete", "försäkringskassan 2026", "unga", "insatserna", "xyzzy")
_TIME_QUERIES = """async (queries) => {
  const index = await (await fetch("search/search_index.json")).json();
  const worker = new Worker("javascripts/sokmotor.js");
  const answer = () => new Promise(done => worker.addEventListener(
    "message", event => done(event.data), { once: true }));
  let start = performance.now();
  const ready = answer();
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs,
                                         options: { suggest: true } } });
  await ready;
  const setup = performance.now() - start;
  const times = [];
  for (const query of queries) {
    start = performance.now();
    const result = answer();
    worker.postMessage({ type: 2, data: query });
    await result;
    times.push(performance.now() - start);
  }
  worker.terminate();
  return [setup, times];
}"""


def worker_milliseconds(site: Path) -> tuple[float, list[float]] | None:
    """The search worker in Chromium: milliseconds from the index to ready, and per query."""

    def measure(page: Any, url: str) -> tuple[float, list[float]]:
        page.goto(url, wait_until="load")
        setup, times = page.evaluate(_TIME_QUERIES, list(QUERIES))
        return float(setup), [float(t) for t in times]

    return in_chromium(site, measure)


LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ("", "insatser/", "insatser/per-part/")


class _Served:
    """The built site over HTTP on this machine, gzip-compressed as a web host serves it (a
    page's transfer size is what Lighthouse's simulated phone network waits for)."""

    def __init__(self, site: Path) -> None:
        import functools
        import gzip
        import http.server
        import threading

        class Gzipped(http.server.SimpleHTTPRequestHandler):
            def send_head(self):  # type: ignore[no-untyped-def]
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    path = path / "index.html"
                compressible = path.suffix in {".html", ".css", ".js", ".json", ".svg", ".xml"}
                if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
                    return super().send_head()
                if not compressible:
                    return super().send_head()
                import io

                body = gzip.compress(path.read_bytes(), 6)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Gzipped, directory=str(site))
        )
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def close(self) -> None:
        self.server.shutdown()


def lighthouse(site: Path, pages: Sequence[str]) -> dict[str, tuple[float, float]] | None:
    """Lighthouse's mobile performance and accessibility scores (0-100) of each page, on
    Debian's Chromium (None without Lighthouse or Chromium)."""
    if not LIGHTHOUSE.exists() or not CHROMIUM.exists():
        return None
    import json

    served = _Served(site)
    scores = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in pages:
                report = Path(tmp) / "rapport.json"
                subprocess.run(
                    [
                        str(LIGHTHOUSE),
                        served.url + page,
                        "--only-categories=performance,accessibility",
                        "--chrome-flags=--headless=new --no-sandbox "
                        "--disable-background-networking --disable-gpu",
                        "--output=json",
                        f"--output-path={report}",
                        "--quiet",
                    ],
                    env=ENV | {"CHROME_PATH": str(CHROMIUM)},
                    check=True,
                    capture_output=True,
                )
                categories = json.loads(report.read_text("utf-8"))["categories"]
                scores[page or "start"] = (
                    100 * categories["performance"]["score"],
                    100 * categories["accessibility"]["score"],
                )
    finally:
        served.close()
    return scores


def _kb(path: Path) -> float:
    return path.stat().st_size / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = site_repo(Path(tmp) / "repo")  # the site's sources
        # The shipped förbund and example: each insats's search entry holds the opening of its
        # Syfte too (publicering.sammanfattning), the larger index.
        generate(root, args.n)
        export = Path(tmp) / "export"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "finsam",
                "sajt",
                "--forbund",
                str(root / "forbund.yml"),
                "--ut",
                str(export),
            ],
            check=True,
            capture_output=True,
            env=ENV,
        )
        real, plain, check = [], [], []
        for _ in range(args.repeat):  # interleaved, so that a slower moment hits both alike
            real.append(build_seconds(root / "mkdocs.yml", Path(tmp) / "site-a"))
            plain.append(build_seconds(export / "mkdocs.yml", Path(tmp) / "site-b"))
            check.append(check_seconds(root))
        site = Path(tmp) / "site-a"
        sizes = sorted(p.stat().st_size for p in (site / "insats").glob("*/index.html"))
        listing = _kb(site / "insatser" / "index.html")
        by_party = _kb(site / "insatser" / "per-part" / "index.html")
        index = _kb(site / "search" / "search_index.json")
        answer = first_search_answer(site)
        worker = worker_milliseconds(site)
        first_insats = sorted((site / "insats").iterdir())[0].name
        scores = lighthouse(site, [*LIGHTHOUSE_PAGES, f"insats/{first_insats}/"])
    real_s, plain_s, check_s = (statistics.median(x) for x in (real, plain, check))
    print(f"insatser: {args.n}")
    print(f"bygge med finsams krok:          {real_s:6.1f} s")
    print(f"kontroll + bygge (make site):    {check_s + real_s:6.1f} s")
    print(f"bygge av färdiga sidor:          {plain_s:6.1f} s")
    print(f"kvot, kroken:                    {real_s / plain_s:6.2f}   (mål ≤ 1,3)")
    print(f"kvot, make site:                 {(check_s + real_s) / plain_s:6.2f}")
    print(
        f"insatssida, HTML (median):       {statistics.median(sizes) / 1024:6.1f} KB (mål ≤ 20 KB)"
    )
    print(f"insatssida, HTML (största):      {sizes[-1] / 1024:6.1f} KB")
    print(f"Alla insatser, HTML:             {listing:6.1f} KB")
    print(f"Per medlem, HTML:                {by_party:6.1f} KB")
    print(f"sökindex:                        {index:6.1f} KB (mål ≤ 500 KB)")
    if answer is not None:
        print(f"första sökträffen i Chromium:    {answer:6.2f} s  (mål ≤ 2 s)")
    if worker is not None:
        setup, times = worker
        print(f"sökningen redo efter indexet:    {setup:6.0f} ms (inget index byggs)")
        print(
            f"svar per sökning (median, max):  {statistics.median(times):6.1f} / {max(times):.1f} ms"
        )
    if scores is not None:
        print("Lighthouse, mobil (prestanda / tillgänglighet; mål ≥ 90 / 100):")
        for page, (performance, accessibility) in scores.items():
            print(f"  {page:30} {performance:4.0f} / {accessibility:3.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
