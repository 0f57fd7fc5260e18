"""Acceptance suite: every folder under cases/valid must pass with no findings at all; every
folder under cases/invalid must give exactly the findings listed in ``<case>.expected.txt``
beside it (outside the folder, which may only hold what an insats folder holds).

The expected file has one finding per line: ``RULE FILE:LINE`` with FILE relative to the case
folder (LINE 0 for a finding about a whole file). Lines starting with # are comments.

A case can also be an overlay, ``<case>.overlay.yaml``: a valid case (``bas``) with a few
replacements (``andringar``), put together in a temporary folder when the test runs. The
placeholders {personnummer} (12 digits) and {personnummer10} stand for the Tax Agency's test
identity, so that no file in the repository holds a personnummer written out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import TESTS, run_check

CASES = TESTS / "cases"
OVERLAY = ".overlay.yaml"
PLACEHOLDERS = {"personnummer": f"{19121212}-{1212}", "personnummer10": f"{121212}{1212}"}


def _cases(kind: str) -> list[Path]:
    folders = [p for p in (CASES / kind).iterdir() if p.is_dir()]
    overlays = [
        p.with_name(p.name.removesuffix(OVERLAY)) for p in (CASES / kind).glob("*" + OVERLAY)
    ]
    return sorted(folders + overlays)


def _expected(case: Path) -> list[str]:
    lines = case.with_name(case.name + ".expected.txt").read_text("utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _materialise(case: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The case's folder and the root to check it from: itself, or an overlay put together."""
    if case.is_dir():
        return case, TESTS
    spec = yaml.safe_load(case.with_name(case.name + OVERLAY).read_text("utf-8"))
    base = CASES / spec["bas"]
    folder = tmp_path / case.relative_to(TESTS)
    shutil.copytree(base, folder)
    ansokan = folder / "ansokan.md"
    ansokan.write_text(
        ansokan.read_text("utf-8").replace(f"id: {base.name}\n", f"id: {case.name}\n", 1), "utf-8"
    )
    for change in spec["andringar"]:
        path = folder / change["fil"]
        text = path.read_text("utf-8") if path.exists() else ""
        old, new = change.get("ersatt", ""), change["med"].format(**PLACEHOLDERS)
        assert old in text, f"{case.name}: {change['fil']} saknar {old!r}"
        path.write_text(text.replace(old, new, 1) if old else new + text, "utf-8")
    return folder, tmp_path


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: f"valid/{p.name}")
def test_valid_case_has_no_findings(case: Path) -> None:
    result = run_check(case)
    assert result.applications == 1
    assert [f"{f.rule} {f.file}:{f.line} {f.message}" for f in result.findings] == []


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: f"invalid/{p.name}")
def test_invalid_case_gives_exactly_the_expected_findings(case: Path, tmp_path: Path) -> None:
    folder, root = _materialise(case, tmp_path)
    result = run_check(folder, root=root)
    prefix = folder.relative_to(root).as_posix() + "/"
    actual = sorted(f"{f.rule} {f.file.removeprefix(prefix)}:{f.line}" for f in result.findings)
    assert actual == _expected(case)
    # Every finding speaks Swedish to a person and points somewhere.
    for finding in result.findings:
        assert finding.message and finding.message[0].isupper()
        assert finding.file.startswith(prefix)


def test_every_rule_is_exercised_by_some_invalid_case() -> None:
    from finsam.catalog import CATALOG
    from finsam.rules.all import all_rules

    all_rules()
    used = {line.split()[0] for case in _cases("invalid") for line in _expected(case)}
    # File-size, unreadable-file and configuration rules have their own tests, and so have the
    # pull-request rules (test_review.py), the yearly frame (test_frame.py) and the decision
    # history in git (test_history.py), and the unscannable files (test_filescan.py).
    # Links and devices (Y013) are made at run time by test_loader_hostile.py: the repository
    # itself holds no links.
    exempt = {"Y001", "Y012", "Y013", "K001", "K002", "F001", "L103", "P002"} | {
        r for r in CATALOG if r.startswith("R")
    }
    untested = sorted(set(CATALOG) - used - exempt)
    assert untested == []
