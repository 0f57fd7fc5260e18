"""Hostile inputs through `finsam kontrollera`, each as its own process, as pre-commit and CI run it.

Every case starts from the test suite's valid insats with reports, changes one file the way a
careless or hostile applicant would, and reports the exit code, the time and the first finding.
The goal for every case: exit 0 or 1 (never 3, never a hang), a finding on the right file and
line, within 2 s.

Usage: python bench/bench_hostile.py [--timeout 30]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "cases" / "valid" / "med-rapporter"
CONFIG = REPO / "tests" / "forbund.yml"
FINSAM = Path(sys.executable).with_name("finsam")
GOAL_SECONDS = 2.0

Edit = Callable[[Path], None]


def replace(name: str, old: str, new: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / name
        text = path.read_text("utf-8")
        if old not in text:
            raise SystemExit(f"{name} has no {old!r}: the fixture changed")
        path.write_text(text.replace(old, new, 1), "utf-8")

    edit.target = name  # type: ignore[attr-defined]
    return edit


def link(name: str, target: str) -> Edit:
    def edit(folder: Path) -> None:
        path = folder / name
        path.unlink(missing_ok=True)
        path.symlink_to(target)

    edit.target = name  # type: ignore[attr-defined]
    return edit


def in_section(body: str) -> Edit:
    """``body`` as the first paragraph of the application's first section."""
    return replace("ansokan.md", "## Bakgrund och behov\n", f"## Bakgrund och behov\n\n{body}\n")


REPORT = "rapporter/2025-t2.md"
# Each case: the file it changes, and how.
CASES: dict[str, Edit] = {
    "1e6 i en budgetrad": replace("budget.yaml", "2025: 280000", "2025: 1e6"),
    "10.0 i beviljat": replace("beslut.yaml", "2025: 300000", "2025: 10.0"),
    "-0 i beviljat": replace("beslut.yaml", "2025: 300000", "2025: -0"),
    "1e999": replace("budget.yaml", "2025: 280000", "2025: 1e999"),
    "5 000 siffror": replace("budget.yaml", "2025: 280000", "2025: " + "9" * 5000),
    "årtal '2025 prognos' i budget": replace("budget.yaml", "2025: 280000", "2025 prognos: 280000"),
    "årtal 'år 2025' i beviljat": replace("beslut.yaml", "2025: 300000", '"år 2025": 300000'),
    "årtal 'år 2025' i utfall": replace(REPORT, "lon: {2025: 90000}", 'lon: {"år 2025": 90000}'),
    "utfall: [beviljad]": replace("beslut.yaml", "utfall: beviljad", "utfall: [beviljad]"),
    "slut 9999-12-31": replace("ansokan.md", "slut: 2026-12-31}", "slut: 9999-12-31}"),
    "rapportens typ som mappning": replace(REPORT, "typ: period", "typ: {period: 1}"),
    "rapportens period som lista": replace(
        REPORT, "period: {start: 2025-07-01, slut: 2025-08-31}", "period: [2025-07-01]"
    ),
    "deltagare som text": replace(REPORT, "deltagare: {kvinnor: 6", 'deltagare: {kvinnor: "sex"'),
    "rapport länkad till /dev/zero": link(REPORT, "/dev/zero"),
    "rapport länkad till /dev/urandom": link(REPORT, "/dev/urandom"),
    "budget länkad utanför arkivet": link("budget.yaml", "/etc/passwd"),
    "100 000 [ i ett avsnitt": in_section("[" * 100_000),
    "30 000 rubriker": in_section("\n".join(f"### Rubrik {i}\n" for i in range(30_000))),
    # The test identity with an en dash, put together so that this file holds no number.
    "personnummer med tankstreck": in_section(f"Kontakt: {121212}–{1212}"),
}


def run_case(name: str, edit: Edit, timeout: float) -> tuple[str, float, int, str]:
    target = getattr(edit, "target", "")
    with tempfile.TemporaryDirectory(prefix="finsam-hostile-") as scratch:
        root = Path(scratch)
        shutil.copy(CONFIG, root / "forbund.yml")
        folder = root / "applications" / "med-rapporter"
        shutil.copytree(FIXTURE, folder)
        edit(folder)
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [str(FINSAM), "kontrollera", "--format", "json"],
                cwd=root,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return name, time.perf_counter() - start, -1, "avbröts (tidsgräns)"
        seconds = time.perf_counter() - start
        first = "inga fynd"
        try:
            findings = json.loads(done.stdout)["fynd"]
            # The finding in the changed file, else the first one.
            changed = [f for f in findings if f["fil"].endswith(target)] or findings
            if changed:
                f = changed[0]
                first = f"{f['regel']} {f['fil'].removeprefix('applications/med-rapporter/')}:{f['rad']}"
        except (ValueError, KeyError, TypeError):
            first = (done.stderr.strip().splitlines() or ["(inget svar)"])[-1][:60]
        return name, seconds, done.returncode, first


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    failures = 0
    print(f"{'fall':<34} {'tid':>7} {'kod':>4}  första fyndet")
    for name, edit in CASES.items():
        name, seconds, code, first = run_case(name, edit, args.timeout)
        ok = code == 1 and seconds <= GOAL_SECONDS and first != "inga fynd"
        failures += not ok
        print(f"{name:<34} {seconds:>6.2f}s {code:>4}  {first}{'' if ok else '   <-- MÅL MISSAT'}")
    print(
        f"\n{len(CASES) - failures} av {len(CASES)} fall når målet (kod 1, ett fynd, ≤ {GOAL_SECONDS} s)."
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
