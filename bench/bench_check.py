"""Benchmark `finsam kontrollera`.

Generates N synthetic insatser (ansokan.md + budget.yaml + beslut.yaml, budgets of realistic
size) from the test fixtures and times, as separate processes the way users and pre-commit
run them:

* a cold check of the whole repository,
* a check of one changed file (what the pre-commit hook does),

and, in-process, how much the budget rules add to a full check and how fast a 9-level alias
bomb is refused.

Usage: python bench/bench_check.py [--n 1000] [--repeat 3]
Targets: <= 5 s for 1,000 insatser; <= 150 ms for one file; budget rules <= +20 %;
alias bomb <= 50 ms.
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
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "cases" / "valid" / "komplett"
CONFIG = REPO / "tests" / "forbund.yml"
OTHER_CATEGORIES = (
    "utbildning_insatsmedarbetare",
    "tjanster_deltagare",
    "aktiviteter_deltagare",
    "telefon_it",
    "resor",
    "tolk",
    "informationsmaterial",
)
# Measure as on an ordinary machine, where Python caches compiled modules.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def synthetic_budget() -> tuple[str, dict[int, int]]:
    """A budget of realistic size (two posts and seven other rows) and its sums per year."""
    rows = []
    sums = {2025: 0, 2026: 0}
    for number in (1, 2):
        amounts = {2025: 280000, 2026: 570000}
        rows.append(
            f"  - kategori: lon\n    benamning: Insatsmedarbetare {number}\n"
            "    part: provby-kommun\n    finansiering: forbundet\n    tjanstgoringsgrad: 100\n"
            "    period: {start: 2025-07-01, slut: 2026-12-31}\n"
            f"    belopp: {{2025: {amounts[2025]}, 2026: {amounts[2026]}}}"
        )
        for year, amount in amounts.items():
            sums[year] += amount
    for number, category in enumerate(OTHER_CATEGORIES):
        amounts = {2025: 5000 + number * 1000, 2026: 9000 + number * 1000}
        rows.append(
            f"  - kategori: {category}\n    benamning: Kostnad {number}\n"
            "    part: provby-kommun\n    finansiering: forbundet\n"
            f"    belopp: {{2025: {amounts[2025]}, 2026: {amounts[2026]}}}"
        )
        for year, amount in amounts.items():
            sums[year] += amount
    return "rader:\n" + "\n".join(rows) + "\n", sums


def generate(root: Path, count: int) -> list[Path]:
    """Write ``count`` valid applications below root/applications."""
    # A frame large enough for every synthetic grant (the frame rule sums all insatser).
    config = CONFIG.read_text("utf-8").replace(
        "ram: {2025: 5000000, 2026: 5000000, 2027: 5000000}",
        "ram: {2025: 9000000000, 2026: 9000000000, 2027: 9000000000}",
    )
    (root / "forbund.yml").write_text(config, "utf-8")
    budget, sums = synthetic_budget()
    ansokan = (FIXTURE / "ansokan.md").read_text("utf-8")
    ansokan = ansokan.replace("sokt_belopp: 900000", f"sokt_belopp: {sum(sums.values())}")
    beslut = (
        (FIXTURE / "beslut.yaml")
        .read_text("utf-8")
        .replace(
            "beviljat: {2025: 300000, 2026: 600000}",
            f"beviljat: {{2025: {sums[2025]}, 2026: {sums[2026]}}}",
        )
    )
    folders = []
    for number in range(count):
        app_id = f"2025-insats-{number:05d}"
        folder = root / "applications" / app_id
        folder.mkdir(parents=True)
        text = ansokan.replace("id: komplett", f"id: {app_id}").replace(
            "titel: Gemensamt stöd mot arbete", f"titel: Syntetisk insats nummer {number}"
        )
        (folder / "ansokan.md").write_text(text, "utf-8")
        (folder / "budget.yaml").write_text(budget, "utf-8")
        (folder / "beslut.yaml").write_text(beslut, "utf-8")
        folders.append(folder)
    return folders


def timed_run(args: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, env=ENV)
    return time.perf_counter() - start, done.returncode


def rule_cost(root: Path, repeat: int) -> tuple[float, float]:
    """In-process seconds for a full check with every rule, and without the budget rules."""
    from finsam.checker import check
    from finsam.rules.all import all_rules

    rules = all_rules()
    every = list(rules)
    timings: dict[bool, list[float]] = {True: [], False: []}
    try:
        for _ in range(repeat):
            for with_budget in (True, False):
                rules[:] = every if with_budget else [r for r in every if r[0].id[0] != "B"]
                start = time.perf_counter()
                result = check([], root, root / "forbund.yml")
                timings[with_budget].append(time.perf_counter() - start)
                assert not result.findings, result.findings[:3]
    finally:
        rules[:] = every
    return statistics.median(timings[True]), statistics.median(timings[False])


def bomb_ms() -> float:
    sys.path.insert(0, str(REPO))
    from finsam.loader.yaml_strict import parse_yaml
    from tests.test_loader_hostile import billion_laughs

    text = billion_laughs(9)
    start = time.perf_counter()
    doc, findings = parse_yaml(text, "bomb.yaml")
    elapsed = (time.perf_counter() - start) * 1000
    assert doc is None and findings[0].rule == "Y005"
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1000, help="number of synthetic insatser")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    # The console script, as pre-commit and CI call it.
    script = shutil.which("finsam", path=str(Path(sys.executable).parent)) or "finsam"
    command = [script, "kontrollera", "--format", "json"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = generate(root, args.n)
        timed_run([*command, "--help"], root)  # warm-up: compiles and caches the modules
        full = [timed_run(command, root) for _ in range(args.repeat)]
        assert all(code == 0 for _, code in full), "synthetic insatser must validate clean"
        one_file = str(folders[len(folders) // 2].relative_to(root) / "budget.yaml")
        single = [timed_run([*command, one_file], root) for _ in range(args.repeat)]
        startup = [timed_run([sys.executable, "-c", "pass"], root) for _ in range(args.repeat)]
        with_budget, without_budget = rule_cost(root, args.repeat)
    full_s = statistics.median(t for t, _ in full)
    single_ms = statistics.median(t for t, _ in single) * 1000
    extra = (with_budget / without_budget - 1) * 100
    print(f"insatser: {args.n} ({args.n * 3} filer)")
    print(f"hela arkivet, kallstart:        {full_s:7.2f} s   (mål ≤ 5 s för 1 000)")
    print(f"en ändrad fil (pre-commit):     {single_ms:7.0f} ms  (mål ≤ 150 ms)")
    print(
        f"  varav Pythons egen start:     {statistics.median(t for t, _ in startup) * 1000:7.0f} ms"
    )
    print(
        f"budgetreglernas tillägg:        {extra:7.1f} %   (mål ≤ 20 %; i processen "
        f"{with_budget:.2f} s med, {without_budget:.2f} s utan)"
    )
    print(f"aliasbomb (9 nivåer) avvisad:   {bomb_ms():7.2f} ms  (mål ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
