"""Fuzz `finsam kontrollera` and the outlets (status, export, budget tables, site) for longer
than the test suite does.

Mutates the documents of a valid test case (ansokan front matter, budget.yaml, beslut.yaml and
a report) at the YAML-value level and at the text level, checks each input in-process, and
prints the inputs per second and every exception that escaped, with the input that caused it.
The harness is tests/fuzzing.py; tests/test_fuzz.py runs a bounded version of it.

Usage: python bench/bench_fuzz.py [N] [--seed 2026]   (N inputs in all, default 50,000)
Target: no crash. Exit code 1 when an input made the checker raise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", nargs="?", type=int, default=50_000, help="inputs in all")
    parser.add_argument("--seed", type=int, default=2026, help="random seed")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from tests import fuzzing

    def show(crash: fuzzing.Crash) -> None:
        print(f"\n--- krasch i {crash.kind} ---\n{crash.error.rstrip()}\n--- indata ---")
        print(crash.text[:4000] + ("…" if len(crash.text) > 4000 else ""), flush=True)

    per_kind = max(1, args.n // len(fuzzing.KINDS))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        count, crashes = fuzzing.run(Path(tmp), per_kind, seed=args.seed, on_crash=show)
        elapsed = time.perf_counter() - start
    kinds = Counter(c.error.strip().splitlines()[-1][:120] for c in crashes)
    print(f"indata: {count} ({per_kind} per dokumentsort, frö {args.seed})")
    print(f"tid:    {elapsed:7.1f} s   ({count / elapsed:,.0f} indata/s)".replace(",", " "))
    print(f"krascher: {len(crashes)}   (mål 0)")
    for message, times in kinds.most_common():
        print(f"  {times:6d} × {message}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
