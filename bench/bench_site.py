"""Benchmark the site build.

Generates N approved synthetic insatser and compares

* the real build (`mkdocs build` with finsam's hook generating every page), with
* a plain `mkdocs build` of the same pages written out beforehand as ordinary Markdown files
  (what `finsam sajt` exports), i.e. hand-written equivalents without any generation,

and reports the ratio (goal <= 1.3) and the HTML size of an insats page (goal <= 20 KB).

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
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import generate  # noqa: E402

sys.path.insert(0, str(REPO))
from tests.site_helpers import site_repo  # noqa: E402

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = site_repo(Path(tmp) / "repo")  # the site's sources and the test förbund
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
        real = [
            build_seconds(root / "mkdocs.yml", Path(tmp) / "site-a") for _ in range(args.repeat)
        ]
        plain = [
            build_seconds(export / "mkdocs.yml", Path(tmp) / "site-b") for _ in range(args.repeat)
        ]
        sizes = sorted(
            p.stat().st_size for p in (Path(tmp) / "site-a" / "insats").glob("*/index.html")
        )
    real_s, plain_s = statistics.median(real), statistics.median(plain)
    print(f"insatser: {args.n}")
    print(f"bygge med finsams krok:          {real_s:6.1f} s")
    print(f"bygge av färdiga sidor:          {plain_s:6.1f} s")
    print(f"kvot:                            {real_s / plain_s:6.2f}   (mål ≤ 1,3)")
    print(
        f"insatssida, HTML (median):       {statistics.median(sizes) / 1024:6.1f} KB (mål ≤ 20 KB)"
    )
    print(f"insatssida, HTML (största):      {sizes[-1] / 1024:6.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
