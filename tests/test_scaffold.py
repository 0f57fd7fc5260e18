"""`finsam ny ansokan`: what it writes validates except for the fields left to the applicant."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from tests.conftest import run_check


def test_new_application_only_lacks_what_the_applicant_must_fill(
    tmp_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_repo)
    assert cli.main(["ny", "ansokan", "2026-ny-insats", "--mall", "standard"]) == ExitCode.OK
    assert "(standard, 2024)" in capsys.readouterr().out
    folder = tmp_repo / "applications" / "2026-ny-insats"
    result = run_check(folder, root=tmp_repo, forbund=tmp_repo / "forbund.yml")
    assert result.failed
    ansokan_lines = (folder / "ansokan.md").read_text("utf-8").splitlines()
    budget_lines = (folder / "budget.yaml").read_text("utf-8").splitlines()
    for finding in result.findings:
        # Only "not filled in" findings, each pointing at a placeholder the applicant must fill.
        assert finding.rule in {"S001", "S004", "A109"}, finding
        lines = ansokan_lines if finding.file.endswith("ansokan.md") else budget_lines
        line = lines[finding.line - 1]
        assert (
            line.rstrip().endswith(":") or "#" in line or line.startswith("## ") or "{}" in line
        ), (
            finding,
            line,
        )
    messages = " ".join(f.message for f in result.findings)
    for field in ("Insatsens namn", "Sökt belopp", "Startdatum", "Syfte"):
        assert field in messages
    # The fixed agreement text is written out unchanged, so it is not a finding.
    assert not any(f.rule == "A111" for f in result.findings)


def test_new_application_with_an_older_template_version(
    tmp_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_repo)
    assert cli.main(["ny", "ansokan", "aldre", "--mall", "standard@2023"]) == ExitCode.OK
    text = (tmp_repo / "applications" / "aldre" / "ansokan.md").read_text("utf-8")
    assert "version: 2023" in text
    assert "## Bakgrund\n" in text and "sista_intag" not in text


@pytest.mark.parametrize("bad", ["../utanfor", "Stora-Bokstaver", "med mellanslag", "a/b", ""])
def test_new_application_refuses_bad_ids(
    bad: str, tmp_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_repo)
    assert cli.main(["ny", "ansokan", bad]) == ExitCode.USAGE
    assert "fel:" in capsys.readouterr().err
    assert list((tmp_repo / "applications").iterdir()) == []
    assert not (tmp_repo / "utanfor").exists()


def test_new_application_refuses_unknown_template_and_existing_folder(
    tmp_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_repo)
    assert cli.main(["ny", "ansokan", "x", "--mall", "finns-inte"]) == ExitCode.USAGE
    assert cli.main(["ny", "ansokan", "x", "--mall", "standard@1999"]) == ExitCode.USAGE
    assert cli.main(["ny", "ansokan", "x"]) == ExitCode.OK
    assert cli.main(["ny", "ansokan", "x"]) == ExitCode.USAGE


@pytest.mark.parametrize("template_key", ["standard-2024", "nnv-2020"])
def test_a_new_application_asks_only_for_what_its_template_asks(template_key: str) -> None:
    """The legacy 2020 template never asked for ages, an equality goal or party signatures,
    only for place and date; the scaffold follows the template's rule switches."""
    import yaml

    from finsam.scaffold import ansokan_text
    from tests.rule_helpers import forbund

    config = forbund()
    template_id, version = template_key.rsplit("-", 1)
    template = config.template(template_id, version)
    assert template is not None
    front = yaml.safe_load(ansokan_text("ny", template, config).split("---\n")[1])
    rules = template.rules
    assert ("alder_min" in front["malgrupp"]) is rules.ages_required
    assert ("underskrifter" in front) is rules.all_parties_sign
    assert ("datering" in front) is rules.dating_required
    goals = front["mal"]["resultatmal"]
    assert any(g.get("jamstalldhet") for g in goals) is rules.equality_goal_required
