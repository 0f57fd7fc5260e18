"""Benchmark rendering of hostile applicant Markdown, alone and in a full site build.

Prints, in seconds of CPU time:

* finsam's Markdown rendering (markdown-it-py + nh3) of a section of 10k, 100k and 1M
  characters of ``[``, and of 30,000 headings;
* a full `mkdocs build` of a site with one insats whose section is such an input (a run of
  ``[``, ``###`` headings, or ``##`` headings, which make sections of their own), at two sizes,
  and the ratio between them (linear growth gives about 2 when the size doubles; 600,000
  characters are 50,000 ``###`` headings or 30,000 sections).

Usage: python bench/bench_render.py [--build-sizes 50000 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from finsam.site.render import markdown_html  # noqa: E402
from tests.site_helpers import TESTS, site_repo  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "NO_MKDOCS_2_WARNING": "1"
}
INPUTS: dict[str, Callable[[int], str]] = {
    "[": lambda n: "[" * n,
    "rubriker": lambda n: "### Rubrik\n\n" * (n // 12),
    "avsnitt": lambda n: "".join(f"## Rubrik {i}\n\nText.\n\n" for i in range(n // 20)),
}


def render_seconds(text: str) -> float:
    start = time.process_time()
    markdown_html(text)
    return time.process_time() - start


def hostile_repo(root: Path, section: str) -> Path:
    """The site's sources with one approved insats whose first section is ``section``."""
    site_repo(root)
    folder = root / "applications" / "komplett"
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", folder)
    ansokan = folder / "ansokan.md"
    text = ansokan.read_text("utf-8")
    old = "Många i målgruppen har kontakt med flera myndigheter samtidigt."
    ansokan.write_text(text.replace(old, section), "utf-8")
    return root


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_seconds(root: Path) -> float:
    """CPU time of `mkdocs build` in a child process (plugin, Markdown, theme, search index)."""
    before = children_cpu()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env=ENV,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return children_cpu() - before


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--build-sizes", type=int, nargs=2, default=[300_000, 600_000])
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args(argv)
    markdown_html("värm upp")
    print("rendering av ett avsnitt (markdown-it-py + nh3), CPU-sekunder:")
    for n in (10_000, 100_000, 1_000_000):
        print(f"  {n:>9,} tecken '[':        {render_seconds('[' * n):7.3f} s")
    headings = render_seconds(INPUTS["rubriker"](30_000 * 12))
    print(f"  30 000 rubriker:              {headings:7.3f} s")
    if args.skip_build:
        return 0
    print("hela `mkdocs build` med ett sådant avsnitt, CPU-sekunder:")
    small, large = args.build_sizes
    with tempfile.TemporaryDirectory() as tmp:
        base = build_seconds(hostile_repo(Path(tmp) / "bas", "Vanlig text."))
        print(f"  utan fientlig text:           {base:7.2f} s")
        for name, make in INPUTS.items():
            times = []
            for n in (small, large):
                seconds = build_seconds(hostile_repo(Path(tmp) / f"{name}-{n}", make(n)))
                times.append(seconds - base)
                print(
                    f"  {n:>9,} tecken {name!r}: {seconds:7.2f} s (utöver basen {seconds - base:.2f} s)"
                )
            print(f"  kvot {large // small}× indata, {name!r}: {times[1] / times[0]:5.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
