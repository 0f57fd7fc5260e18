"""A bounded fuzz run: mutated documents of every kind never make the checker, or the outlets
that read a folder whatever its findings, raise.

Each kind (ansokan front matter, budget.yaml, beslut.yaml, a report) gets PER_KIND mutated
documents from a fixed seed, checked in-process in a temporary copy of a valid test case.
bench/bench_fuzz.py runs the same harness much longer.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests import fuzzing

PER_KIND = 2000  # 8,000 inputs, about 25 s on a shared two-core machine


def test_the_fixture_is_valid(tmp_path: Path) -> None:
    folder = fuzzing.FuzzFolder(tmp_path)
    for kind, (name, _) in fuzzing.KINDS.items():
        assert folder.check(kind, (fuzzing.FIXTURE / name).read_text("utf-8")) == []


@pytest.mark.parametrize("kind", sorted(fuzzing.KINDS))
def test_mutations_are_mostly_findings(tmp_path: Path, kind: str) -> None:
    # A fuzzer that only produced valid documents would prove nothing.
    folder = fuzzing.FuzzFolder(tmp_path)
    texts = list(itertools.islice(fuzzing.mutations(kind, seed=1), 60))
    assert len(set(texts)) > 50
    with_findings = sum(bool(folder.check(kind, text)) for text in texts)
    assert with_findings > len(texts) // 2


def test_the_harness_reports_an_exception_with_its_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> object:
        raise OverflowError("a rule did arithmetic on an unchecked value")

    monkeypatch.setattr(fuzzing, "inspect_application", broken)
    count, crashes = fuzzing.run(tmp_path, per_kind=2)
    assert count == 8 and len(crashes) == 8
    assert "OverflowError" in crashes[0].error and crashes[0].text


def test_no_mutated_document_makes_the_checker_raise(tmp_path: Path) -> None:
    count, crashes = fuzzing.run(tmp_path, per_kind=PER_KIND)
    assert count == PER_KIND * len(fuzzing.KINDS)
    report = [f"{c.kind}: {c.error.strip().splitlines()[-1]}\n{c.text[:2000]}" for c in crashes]
    assert report == []
