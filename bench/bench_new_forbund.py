"""Benchmark a new förbund's repository (`finsam ny forbund`).

Reports how long scaffolding takes (goal <= 2 s), how small the repository is that a förbund
keeps (files and bytes without .git; goal <= 150 KB, of which finsam's pins and the npm lock
are most), and how long its site takes to build with the plugin from the installed package,
against this repository's own site with the same (empty) applications (goal: no slower than
1.2 times). The install from a tag (`make`) is left out: it is pip's and npm's time, measured
in tests/test_new_forbund_run.py's run as a whole.

Usage: python bench/bench_new_forbund.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests import norrdal  # noqa: E402
from tests.site_helpers import site_repo  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "NO_MKDOCS_2_WARNING": "1",
    "FINSAM_CACHE": "0",
}
SCAFFOLD = [
    *norrdal.ARGS,
    *norrdal.frame(2027),
    "--kalla",
    "https://github.com/exempel-konto/finsam",
]


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stdout[-2000:] + done.stderr[-2000:])
    return elapsed


def build(root: Path) -> float:
    return timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        scaffold_times = []
        for run in range(args.repeat):
            target = work / f"norrdal-{run}"
            scaffold_times.append(
                timed(
                    [sys.executable, "-m", "finsam", "ny", "forbund", str(target), *SCAFFOLD],
                    work,
                )
            )
        thin = work / "norrdal-0"
        kept = [p for p in thin.rglob("*") if p.is_file() and ".git" not in p.parts]
        size = sum(p.stat().st_size for p in kept)
        reference = site_repo(work / "referens")
        shutil.copy(thin / "forbund.yml", reference / "forbund.yml")  # same förbund, same pages
        build(thin)  # a first build of each warms the file and import caches
        build(reference)
        thin_times, reference_times = [], []
        for _ in range(args.repeat):  # in turns, so that a busy moment hits both alike
            thin_times.append(build(thin))
            reference_times.append(build(reference))
    scaffold = statistics.median(scaffold_times)
    thin_build = statistics.median(thin_times)
    reference_build = statistics.median(reference_times)
    ratio = thin_build / reference_build
    print(f"finsam ny forbund: {scaffold:.2f} s (mål ≤ 2 s)")
    print(f"Förbundets arkiv: {len(kept)} filer, {size / 1024:.0f} KB (mål ≤ 150 KB)")
    print(
        f"Webbplatsen: {thin_build:.1f} s med pluginet ur paketet, {reference_build:.1f} s i "
        f"finsams eget arkiv, kvot {ratio:.2f} (mål ≤ 1,2)"
    )
    return 0 if scaffold <= 2 and size <= 150 * 1024 and ratio <= 1.2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
