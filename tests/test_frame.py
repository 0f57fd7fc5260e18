"""The yearly frame: granted money across all insatser may not exceed `ram` for the year."""

from __future__ import annotations

import shutil
from pathlib import Path

from finsam.checker import check
from tests.conftest import TESTS


def _repo(tmp_path: Path, ram_2026: int) -> Path:
    config = (
        (TESTS / "forbund.yml")
        .read_text("utf-8")
        .replace(
            "ram: {2025: 5000000, 2026: 5000000, 2027: 5000000}",
            f"ram: {{2025: 5000000, 2026: {ram_2026}, 2027: 5000000}}",
        )
    )
    (tmp_path / "forbund.yml").write_text(config, "utf-8")
    for name in ("komplett", "budget-manadslon"):
        shutil.copytree(TESTS / "cases" / "valid" / name, tmp_path / "applications" / name)
    return tmp_path


def test_within_the_frame_is_fine(tmp_path: Path) -> None:
    root = _repo(tmp_path, 5_000_000)
    assert check([], root, root / "forbund.yml").findings == []


def test_a_year_over_the_frame_is_named_at_every_granting_decision(tmp_path: Path) -> None:
    # 2026: komplett grants 600 000, budget-manadslon 579 120 = 1 179 120.
    root = _repo(tmp_path, 1_000_000)
    findings = check([], root, root / "forbund.yml").findings
    assert [(f.rule, f.file, f.line) for f in findings] == [
        ("F001", "applications/budget-manadslon/beslut.yaml", 6),
        ("F001", "applications/komplett/beslut.yaml", 6),
    ]
    assert (
        "2026" in findings[0].message and "179\u00a0120\u00a0kr för mycket" in findings[0].message
    )


def test_checking_one_folder_still_counts_the_others(tmp_path: Path) -> None:
    root = _repo(tmp_path, 1_000_000)
    findings = check([root / "applications" / "komplett"], root, root / "forbund.yml").findings
    assert [(f.rule, f.file) for f in findings] == [("F001", "applications/komplett/beslut.yaml")]


def test_the_frame_is_judged_when_a_decision_is_checked_not_other_files(tmp_path: Path) -> None:
    root = _repo(tmp_path, 1_000_000)
    folder = root / "applications" / "komplett"
    on_budget = check([folder / "budget.yaml"], root, root / "forbund.yml").findings
    assert [f.rule for f in on_budget] == []
    on_decision = check([folder / "beslut.yaml"], root, root / "forbund.yml").findings
    assert [f.rule for f in on_decision] == ["F001"]
