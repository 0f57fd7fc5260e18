"""Measure the personnummer detector: false alarms and detection.

* False alarms: every tracked file of the repository (any file type, the test fixtures
  included, except those that contain test numbers on purpose), the source documents in
  ../shared/seeds/*.txt when that folder exists (real applications: they must give 0 hits),
  and large generated corpora of telephone numbers, organisation numbers, amounts, dates and
  diarienummer.
* Detection: every written form of every test number, in plain text, in a Word document, in
  a spreadsheet, in a PDF, in a file name and in a commit message.
* Speed: characters per second on a large text full of figures.

Usage: python bench/bench_personnummer.py
Targets: 0 hits in the repository and the seeds; at most 1 per 1,000 look-alikes per kind;
100 % detection.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from finsam.findings import Finding  # noqa: E402
from finsam.personnummer import find  # noqa: E402
from finsam.rules.privacy import (  # noqa: E402
    personnummer_findings_in_file,
    personnummer_findings_in_messages,
)
from tests.pnr_corpus import NUMBERS, lookalikes, shipped_files, written_forms  # noqa: E402
from tests.test_filescan import docx, pdf, xlsx  # noqa: E402

SEEDS = REPO.parent / "shared" / "seeds"


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.2f} %)" if whole else "0/0"


def false_alarms() -> bool:
    ok = True
    files = shipped_files()
    findings = [f for rel, data in files for f in personnummer_findings_in_file(rel, data)]
    size = sum(len(data) for _, data in files)
    print(f"Arkivets filer: {len(files)} filer, {size // 1024} KiB, {len(findings)} fynd")
    for finding in findings:
        print(f"  {finding.file}:{finding.line}:{finding.column}: {finding.message}")
    ok &= not findings
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        hits = [
            f for path in seeds for f in personnummer_findings_in_file(path.name, path.read_bytes())
        ]
        print(f"Källdokument (../shared/seeds): {len(seeds)} filer, {len(hits)} fynd")
        for finding in hits:
            print(f"  {finding.file}:{finding.line}:{finding.column}: {finding.message}")
        ok &= not hits
    else:
        print("Källdokument: ../shared/seeds finns inte, hoppas över")
    corpora = lookalikes()
    rng = random.Random(5)  # noqa: S311  (a fixed corpus, no cryptography)
    corpora["mobilnummer utan mellanrum och sammanhang"] = [
        f"07{rng.choice('02369')}{rng.randrange(10**7):07d}" for _ in range(10_000)
    ]
    corpora["belopp med sex siffror och årtal, bara mellanslag"] = [
        f"{rng.randrange(100_000, 1_000_000)} {rng.randrange(2015, 2031)}" for _ in range(10_000)
    ]
    total = alarms = 0
    for kind, texts in corpora.items():
        alarmed = [text for text in texts if list(find(text))]
        total += len(texts)
        alarms += len(alarmed)
        examples = ", ".join(repr(t) for t in alarmed[:3])
        print(f"  {kind:45} falsklarm {_rate(len(alarmed), len(texts))}  {examples}")
    print(f"Falsklarm i genererade förväxlingar totalt: {_rate(alarms, total)}")
    return ok


def detection() -> bool:
    sha = "4f2e9ab0c1d2e3f405162738495a6b7c8d9e0f1a"
    containers: dict[str, Callable[[str], list[Finding]]] = {
        "text": lambda t: personnummer_findings_in_file("a.md", f"Deltagare:\n{t}\n".encode()),
        "docx": lambda t: personnummer_findings_in_file("a.docx", docx(["Rubrik", t])),
        "xlsx": lambda t: personnummer_findings_in_file("a.xlsx", xlsx([["Namn", t]])),
        "pdf": lambda t: personnummer_findings_in_file("a.pdf", pdf(t.split("\n"))),
        "filnamn": lambda t: personnummer_findings_in_file(t.replace("\n", " ") + ".txt", b""),
        "commit": lambda t: personnummer_findings_in_messages(
            f"{sha}\nRubrik\n\n{t}\n\0".encode(), "log"
        ),
    }
    ok = True
    forms = [(n, name, text) for n in NUMBERS for name, text in written_forms(n)]
    print(f"Skrivsätt: {len(forms) // len(NUMBERS)} former x {len(NUMBERS)} nummer")
    for kind, scan in containers.items():
        missed = []
        for number, name, text in forms:
            found = [f for f in scan(text) if f.rule == "P001"]
            if len(found) != 1 or f"{number[2:8]}-****" not in found[0].message:
                missed.append(name)
        print(f"  {kind:8} upptäckta {_rate(len(forms) - len(missed), len(forms))}")
        for name in sorted(set(missed)):
            print(f"    missade: {name}")
        ok &= not missed
    return ok


def speed() -> None:
    rng = random.Random(3)  # noqa: S311
    rows = [
        f"| {rng.randrange(10**6)} | {rng.randrange(10**6):,} | 2025-01-{rng.randrange(1, 29):02d}"
        f" | 070-{rng.randrange(10**7):07d} | Text med ord och åäö – {rng.randrange(100)} % |"
        for _ in range(20_000)
    ]
    text = "\n".join(rows)
    start = time.perf_counter()
    hits = len(list(find(text)))
    seconds = time.perf_counter() - start
    print(
        f"Hastighet: {len(text) / seconds / 1e6:.2f} miljoner tecken/s "
        f"({len(text) // 1024} KiB på {seconds:.2f} s, {hits} fynd)"
    )


def main() -> int:
    ok = false_alarms()
    ok &= detection()
    speed()
    print("OK" if ok else "MÅLEN NÅDDES INTE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
