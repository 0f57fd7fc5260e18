"""Benchmark `finsam kontrollera` at real size.

Generates N insatser the size of the shipped example (applications/2025-forstarkt-stod:
ansokan.yaml and ansokan.md, budget.yaml, beslut.yaml and five reports of two files each,
fourteen files in all) in a git repository,
installs finsam from a checkout into a folder of its own (not the editable development install)
and times, as separate processes the way users, pre-commit and CI run them:

* the whole repository cold (an empty cache) and with nothing changed (every verdict cached),
* one changed file of each kind (ansokan.yaml, ansokan.md, budget.yaml, beslut.yaml, a report),
  with the rest
  of the repository cached, and the same without any cache,

interleaving the measurements and reporting medians. In-process it also measures what the
budget rules add to a full check and how fast a 9-level alias bomb is refused.

Usage: python bench/bench_check.py [--n 1000] [--repeat 5] [--kod CHECKOUT]
  --kod measures another checkout of finsam (for example an earlier commit in a worktree)
  against the same insatser.
Goals at 1,000 insatser: whole check <= 2.5 s cold and <= 0.5 s cached, each one-file path
<= 100 ms; budget rules <= +20 %; alias bomb <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.conftest import git  # noqa: E402  (git with a fixed identity)

EXAMPLE = REPO / "applications" / "2025-forstarkt-stod"
EXAMPLE_ID = EXAMPLE.name
REPORT = "rapporter/2026-k1.md"
KINDS = ("ansokan.yaml", "ansokan.md", "budget.yaml", "beslut.yaml", REPORT)
# Measure as on an ordinary machine, where Python caches compiled modules.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def generate(root: Path, count: int) -> list[Path]:
    """Write ``count`` valid copies of the shipped example below root/applications, with a
    frame large enough for all their grants."""
    config = (REPO / "forbund.yml").read_text("utf-8")
    config, replaced = re.subn(
        r"^ram:\n(  \d{4}: \d+\n)+",
        "ram: {" + ", ".join(f"{y}: 900000000000" for y in range(2020, 2031)) + "}\n",
        config,
        flags=re.MULTILINE,
    )
    assert replaced == 1, "forbund.yml: ram must be written one year a line"
    (root / "forbund.yml").write_text(config, "utf-8")
    folders = []
    for number in range(count):
        app_id = f"2025-insats-{number:05d}"
        folder = root / "applications" / app_id
        shutil.copytree(EXAMPLE, folder)
        for name in ("ansokan.yaml", "ansokan.md"):  # the id stands in the facts, either layout
            ansokan = folder / name
            if ansokan.is_file():
                text = ansokan.read_text("utf-8")
                ansokan.write_text(text.replace(f"id: {EXAMPLE_ID}", f"id: {app_id}"), "utf-8")
        folders.append(folder)
    return folders


def install(checkout: Path, target: Path) -> dict[str, str]:
    """finsam from ``checkout`` installed into ``target`` as a wheel installs it; the
    environment that runs it from there."""
    pins = str(checkout / "requirements" / "constraints.txt")
    subprocess.run(
        [
            sys.executable,
            *("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"),
            *("-c", pins, "--build-constraint", pins, "--target", str(target), str(checkout)),
        ],
        check=True,
        env=ENV,
    )
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(target)], check=True, env=ENV)
    env = ENV | {"PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import finsam; print(finsam.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert where.startswith(str(target)), f"finsam was imported from {where}"
    return env


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return elapsed


def touch(path: Path, round_: int) -> None:
    """Change the file's bytes so that its folder's verdict is not cached: a comment line in
    YAML and in front matter, an HTML comment first in a Markdown text (above its headings,
    where no section's text changes)."""
    text = path.read_text("utf-8")
    if path.suffix == ".md" and text.startswith("---\n#"):  # front matter: ---, then a comment
        first, _comment, rest = text.split("\n", 2)
        path.write_text(f"{first}\n# ändrad {round_}\n{rest}", "utf-8")
        return
    if path.suffix == ".md":
        text = re.sub(r"\A<!-- ändrad \d+ -->\n", "", text)
        path.write_text(f"<!-- ändrad {round_} -->\n" + text, "utf-8")
        return
    path.write_text(re.sub(r"\n# ändrad \d+\n", "\n", text) + f"\n# ändrad {round_}\n", "utf-8")


def measure(root: Path, folders: list[Path], env: dict[str, str], repeat: int) -> dict[str, float]:
    """Medians in seconds of every path, measured in interleaved rounds."""
    command = [sys.executable, "-m", "finsam", "kontrollera", "--format", "json"]
    cache = root.parent / "cache"
    cached_env = env | {"FINSAM_CACHE_DIR": str(cache)}
    samples: dict[str, list[float]] = {}
    middle = folders[len(folders) // 2]
    timed([*command, "--help"], root, env)  # compiles nothing more, loads the disk cache
    timed(command, root, cached_env)  # fills the cache
    for round_ in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        samples.setdefault("hela, kall", []).append(timed(command, root, cached_env))
        samples.setdefault("hela, cachad", []).append(timed(command, root, cached_env))
        for kind in KINDS:
            path = middle / kind
            touch(path, round_)
            rel = str(path.relative_to(root))
            samples.setdefault(f"{kind}, ändrad", []).append(
                timed([*command, rel], root, cached_env)
            )
            touch(path, round_ + 1000)
            no_cache = env | {"FINSAM_CACHE": "0"}
            samples.setdefault(f"{kind}, utan cache", []).append(
                timed([*command, rel], root, no_cache)
            )
        samples.setdefault("python -c pass", []).append(
            timed([sys.executable, "-c", "pass"], root, env)
        )
    return {name: statistics.median(values) for name, values in samples.items()}


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
                result = check([], root, root / "forbund.yml", use_cache=False)
                timings[with_budget].append(time.perf_counter() - start)
                assert not result.failed, result.findings[:3]
    finally:
        rules[:] = every
    return statistics.median(timings[True]), statistics.median(timings[False])


def bomb_ms() -> float:
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
    parser.add_argument("--n", type=int, default=1000, help="number of insatser")
    parser.add_argument("--repeat", type=int, default=5, help="rounds (medians are reported)")
    parser.add_argument("--kod", type=Path, default=REPO, help="the finsam checkout to measure")
    parser.add_argument("--bara-kommandon", action="store_true", help="skip in-process figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "arkiv"
        root.mkdir()
        folders = generate(root, args.n)
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "Insatser")
        env = install(args.kod.resolve(), Path(tmp) / "finsam")
        figures = measure(root, folders, env, args.repeat)
        if not args.bara_kommandon:
            with_budget, without_budget = rule_cost(root, min(args.repeat, 3))
    print(f"insatser: {args.n} ({args.n * 8} filer), finsam från {args.kod}")
    print(f"medianer av {args.repeat} omgångar, varvade; finsam installerad, inte redigerbar")
    goals = {"hela, kall": 2.5, "hela, cachad": 0.5}
    for name, seconds in figures.items():
        goal = goals.get(name, 0.1 if "ändrad" in name else None)
        shown = f"{seconds:7.2f} s " if seconds >= 1 else f"{seconds * 1000:7.0f} ms"
        print(f"  {name:28} {shown}" + (f"  (mål ≤ {goal:g} s)" if goal else ""))
    if not args.bara_kommandon:
        extra = (with_budget / without_budget - 1) * 100
        print(
            f"budgetreglernas tillägg:         {extra:5.1f} %   (mål ≤ 20 %; i processen "
            f"{with_budget:.2f} s med, {without_budget:.2f} s utan)"
        )
        print(f"aliasbomb (9 nivåer) avvisad:    {bomb_ms():5.2f} ms  (mål ≤ 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
