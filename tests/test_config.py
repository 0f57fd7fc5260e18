"""forbund.yml: validated like any other document; a broken one stops the check with findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam.checker import check
from finsam.model.forbund import load_forbund
from tests.conftest import FORBUND

REPO = Path(__file__).resolve().parents[1]


def test_shipped_and_fixture_configurations_are_valid() -> None:
    for path in (REPO / "forbund.yml", FORBUND):
        forbund, findings = load_forbund(path)
        assert findings == []
        assert forbund is not None
        assert len(forbund.parties) >= 2
        assert forbund.templates


def test_fixture_has_two_versions_of_one_template() -> None:
    forbund, _ = load_forbund(FORBUND)
    assert forbund is not None
    assert sorted(forbund.template_versions("standard")) == ["2023", "2024"]
    assert forbund.template("standard", 2024) is not None
    assert forbund.template("standard", "2023") is not None


def test_duplicate_ids_in_config_are_findings(tmp_path: Path) -> None:
    text = FORBUND.read_text("utf-8").replace(
        "  - {id: dalby-kommun, namn: Dalby kommun, typ: kommun, konton: [dalby-handlaggare]}",
        "  - {id: provby-kommun, namn: Dalby kommun, typ: kommun, konton: [dalby-handlaggare]}",
    )
    config = tmp_path / "forbund.yml"
    config.write_text(text, "utf-8")
    forbund, findings = load_forbund(config)
    assert forbund is None
    assert [(f.rule, f.line) for f in findings] == [("K001", 8)]


def test_no_template_may_take_the_idea_sketch_id(tmp_path: Path) -> None:
    text = FORBUND.read_text("utf-8")
    config = tmp_path / "forbund.yml"
    config.write_text(
        text.replace("  - id: standard\n    version: 2023", "  - id: ideskiss\n    version: 2023"),
        "utf-8",
    )
    forbund, findings = load_forbund(config)
    assert forbund is None
    line = text.splitlines().index("    version: 2023")  # the id's line, counted from 1
    assert [(f.rule, f.line, f.column) for f in findings] == [("K004", line, 9)]
    assert "Standardansökan (äldre)" in findings[0].message


def test_a_summary_section_that_no_template_has_is_a_finding(tmp_path: Path) -> None:
    config = tmp_path / "forbund.yml"
    config.write_text(
        FORBUND.read_text("utf-8").replace(
            "publicering: {kontaktpersoner: false}",
            "publicering: {kontaktpersoner: false, sammanfattning: syftet}",
        ),
        "utf-8",
    )
    forbund, findings = load_forbund(config)
    assert forbund is None
    assert [(f.rule, f.line) for f in findings] == [("K003", 15)]
    assert "Menade du 'syfte'?" in findings[0].hint
    config.write_text(config.read_text("utf-8").replace("syftet", "syfte"), "utf-8")
    forbund, findings = load_forbund(config)
    assert forbund is not None and forbund.summary_section == "syfte", findings


def test_schema_error_in_config_stops_the_check(tmp_path: Path) -> None:
    config = tmp_path / "forbund.yml"
    config.write_text(FORBUND.read_text("utf-8").replace("typ: region", "typ: landsting"), "utf-8")
    result = check([], tmp_path, config)
    assert result.failed
    assert [f.rule for f in result.findings] == ["S004"]
    assert "landsting" in result.findings[0].message


def test_missing_config_is_a_finding(tmp_path: Path) -> None:
    result = check([], tmp_path, tmp_path / "forbund.yml")
    assert [f.rule for f in result.findings] == ["K002"]


@pytest.mark.parametrize("text", ["ändrad\n", "- a\n- b\n", "", "namn: x\nparter: 5\n"])
def test_malformed_config_is_findings_not_a_crash(tmp_path: Path, text: str) -> None:
    config = tmp_path / "forbund.yml"
    config.write_text(text, "utf-8")
    forbund, findings = load_forbund(config)
    assert forbund is None
    assert findings and all(f.file == "forbund.yml" for f in findings)
