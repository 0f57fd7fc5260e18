"""Acceptance suite: every folder under cases/valid must pass with no findings at all (or, when a
``<case>.expected.txt`` stands beside it, with exactly the warnings listed there and no error:
a real application kept as written may deserve a warning); every
case under cases/invalid must give exactly the findings listed in ``<case>.expected.txt``
beside it (outside the folder, which may only hold what an insats folder holds).

The expected file has one finding per line: ``RULE SEVERITY FILE:LINE`` with SEVERITY ``fel``
or ``varning`` and FILE relative to the case folder (LINE 0 for a finding about a whole file).
Lines starting with # are comments.

A case is a folder, or an overlay ``<case>.overlay.yaml``: a valid case with a few changes,
put together in a temporary folder when the test runs (see tests/overlays.py). Cases whose
form on disk is the point (file names, missing or unknown files, BOM, CRLF, invalid UTF-8)
stay folders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam.findings import Severity
from tests.conftest import run_check
from tests.overlays import EXPECTED, cases, materialise

SEVERITIES = {s.value for s in Severity}


def _expected(case: Path) -> list[str]:
    lines = case.with_name(case.name + EXPECTED).read_text("utf-8").splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@pytest.mark.parametrize("case", cases("valid"), ids=lambda p: f"valid/{p.name}")
def test_valid_case_has_no_findings(case: Path) -> None:
    result = run_check(case)
    assert result.applications == 1
    if case.with_name(case.name + EXPECTED).exists():
        prefix = f"cases/valid/{case.name}/"
        actual = sorted(
            f"{f.rule} {f.severity.value} {f.file.removeprefix(prefix)}:{f.line}"
            for f in result.findings
        )
        assert actual == _expected(case)
        assert all(f.severity is Severity.VARNING for f in result.findings)
        return
    assert [f"{f.rule} {f.file}:{f.line} {f.message}" for f in result.findings] == []


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda p: f"invalid/{p.name}")
def test_invalid_case_gives_exactly_the_expected_findings(case: Path, tmp_path: Path) -> None:
    folder, root = materialise(case, tmp_path)
    result = run_check(folder, root=root)
    prefix = folder.relative_to(root).as_posix() + "/"
    actual = sorted(
        f"{f.rule} {f.severity.value} {f.file.removeprefix(prefix)}:{f.line}"
        for f in result.findings
    )
    assert actual == _expected(case)
    # Every finding speaks Swedish to a person and points somewhere.
    for finding in result.findings:
        assert finding.message and finding.message[0].isupper()
        assert finding.file.startswith(prefix)


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda p: f"invalid/{p.name}")
def test_expected_file_is_well_formed(case: Path) -> None:
    """RULE SEVERITY FILE:LINE, with a severity the rule can give."""
    from finsam.catalog import CATALOG
    from finsam.rules.all import all_rules

    all_rules()
    expected = _expected(case)
    assert expected, "ett ogiltigt fall ska ge minst ett fynd"
    for line in expected:
        rule, severity, location = line.split(" ")
        assert rule in CATALOG, line
        assert severity in SEVERITIES, line
        _file, _, row = location.rpartition(":")
        assert row.isdigit(), line


def test_only_deliberate_departures_from_a_rules_declared_severity() -> None:
    """A rule gives its declared severity, except where the rule itself says otherwise: B210
    warns about a non-fundable category that is own financing, and U104 makes an unknown
    outcome category an error."""
    from finsam.catalog import CATALOG
    from finsam.rules.all import all_rules

    all_rules()
    departures = sorted(
        {
            (line.split(" ")[0], line.split(" ")[1])
            for case in cases("invalid")
            for line in _expected(case)
            if line.split(" ")[0] in CATALOG
            and CATALOG[line.split(" ")[0]].severity.value != line.split(" ")[1]
        }
    )
    assert departures == [("B210", "varning"), ("U104", "fel")]


def test_every_rule_is_exercised_by_some_invalid_case() -> None:
    from finsam.catalog import CATALOG
    from finsam.rules.all import all_rules

    all_rules()
    used = {line.split()[0] for case in cases("invalid") for line in _expected(case)}
    # File-size, unreadable-file and configuration rules have their own tests, and so have the
    # pull-request rules (test_review.py), the yearly frame (test_frame.py) and the decision
    # history in git (test_history.py), and the unscannable files (test_filescan.py).
    # Links and devices (Y013) are made at run time by test_loader_hostile.py: the repository
    # itself holds no links.
    exempt = {"Y001", "Y012", "Y013", "F001", "L103", "P002"} | {
        r
        for r in CATALOG
        if r[0] in "RO"  # O: the import of Word and Excel (test_office_*)
        or r[0] == "K"  # the configuration (test_config.py)
    }
    untested = sorted(set(CATALOG) - used - exempt)
    assert untested == []


def test_overlay_changes_replace_prepend_delete_and_rename(tmp_path: Path) -> None:
    from tests.overlays import CASES, PLACEHOLDERS, apply

    folder = tmp_path / "fall"
    shutil.copytree(CASES / "valid" / "med-rapporter", folder)
    apply(
        "fall",
        {
            "bas": "valid/med-rapporter",
            "andringar": [
                {"fil": "budget.yaml", "med": "# {personnummer10}\n"},
                {"fil": "ansokan.md", "ersatt": "id: fall\n", "med": "id: annat\n"},
                {"fil": "rapporter/2025-ar.md", "ta_bort": True},
                {"fil": "rapporter/2025-t2.md", "byt_namn_till": "rapporter/2025-t1.md"},
            ],
        },
        folder,
    )
    number = PLACEHOLDERS["personnummer10"]
    assert (folder / "budget.yaml").read_text("utf-8").startswith(f"# {number}\n")
    assert "id: annat\n" in (folder / "ansokan.md").read_text("utf-8")
    assert sorted(p.name for p in (folder / "rapporter").iterdir()) == ["2025-t1.md"]


def test_overlay_refuses_a_replacement_that_does_not_match(tmp_path: Path) -> None:
    from tests.overlays import CASES, apply

    folder = tmp_path / "fall"
    shutil.copytree(CASES / "valid" / "komplett", folder)
    change = {"fil": "budget.yaml", "ersatt": "finns inte", "med": "x"}
    with pytest.raises(AssertionError, match="saknar"):
        apply("fall", {"bas": "valid/komplett", "andringar": [change]}, folder)
