"""A120 and A121: caps on headings and section length in ansokan.md and reports, reported by
`finsam kontrollera` (not only when the site is built)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam import limits
from finsam.catalog import CATALOG
from finsam.rules.all import all_rules
from finsam.rules.text_limits import _heading_lines
from tests.conftest import FORBUND, TESTS, run_check

CASE = TESTS / "cases" / "valid" / "med-rapporter"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copy(FORBUND, tmp_path / "forbund.yml")
    shutil.copytree(CASE, tmp_path / "applications" / "med-rapporter")
    return tmp_path


def _findings(root: Path, *rules: str) -> list[str]:
    result = run_check(root / "applications" / "med-rapporter", root=root)
    return sorted(f"{f.rule} {f.file}:{f.line}" for f in result.findings if f.rule in rules)


def _append(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, old + new, 1), "utf-8")


def test_rules_are_registered_and_state_the_limits() -> None:
    registered = {info.id for info, _ in all_rules()}
    assert {"A120", "A121"} <= registered
    assert f"{limits.MAX_HEADINGS:,}".replace(",", " ") in CATALOG["A120"].statement
    assert f"{limits.MAX_SECTION_CHARS:,}".replace(",", " ") in CATALOG["A121"].statement


def test_valid_documents_are_within_the_limits(repo: Path) -> None:
    assert _findings(repo, "A120", "A121") == []


def _line_of(path: Path, line: str) -> int:
    return path.read_text("utf-8").split("\n").index(line) + 1


def test_too_many_headings_in_a_report(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The application has eight headings: exactly at the cap.
    monkeypatch.setattr(limits, "MAX_HEADINGS", 8)
    report = repo / "applications" / "med-rapporter" / "rapporter" / "2025-ar.md"
    # The report has two sections of its own; six more headings reach the cap, the seventh
    # (in a block quote) is one too many.
    extra = "".join(f"\n### Steg {n}\n\nText.\n" for n in range(1, 7)) + "\n> ### Steg 7\n"
    _append(report, "fem män.\n", extra)
    assert _findings(repo, "A120") == [
        f"A120 applications/med-rapporter/rapporter/2025-ar.md:{_line_of(report, '> ### Steg 7')}",
    ]
    result = run_check(repo / "applications" / "med-rapporter", root=repo)
    (finding,) = [f for f in result.findings if f.rule == "A120"]
    assert finding.message == "Texten i 2025-ar.md har 9 rubriker; högst 8 är tillåtna."
    assert finding.hint


def test_too_long_section(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_SECTION_CHARS", 1000)
    assert _findings(repo, "A121") == []
    report = repo / "applications" / "med-rapporter" / "rapporter" / "2025-t2.md"
    report.write_text(report.read_text("utf-8") + "\n" + "x" * 1001 + "\n", "utf-8")
    last = max(
        number
        for number, line in enumerate(report.read_text("utf-8").split("\n"), 1)
        if line.startswith("## ")
    )
    assert _findings(repo, "A121") == [
        f"A121 applications/med-rapporter/rapporter/2025-t2.md:{last}",
    ]
    monkeypatch.setattr(limits, "MAX_SECTION_CHARS", 10_000)
    assert _findings(repo, "A121") == []


def test_heading_lines_follow_markdown() -> None:
    text = "\n".join(
        [
            "# Ett",  # 0
            "#inte en rubrik",
            "Text",
            "====",  # 3: setext
            "",
            "---",  # not after text: a thematic break
            "```",
            "# i kod",
            "```",
            "- ## I en lista",  # 9
            "> # I ett citat",  # 10
            "    # indraget är kod",
            "Mer text",
            "--",  # 13: setext
            "~~~~",
            "### i kod",
            "~~~",  # too short to close the fence
            "### fortfarande kod",
            "~~~~",
            "###### Sex",  # 19
            ">## Citat utan mellanslag",  # 20
            "1. > ## Citat i en lista",  # 21
        ]
    )
    assert list(_heading_lines(text)) == [0, 3, 9, 10, 13, 19, 20, 21]
