"""`finsam ny ansokan`: what it writes (ansokan.yaml, ansokan.md and budget.yaml) validates
except for the fields left to the applicant, and passes the check once they are filled in."""

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
    # The split layout: the facts in ansokan.yaml, the text in ansokan.md, nothing else.
    assert sorted(p.name for p in folder.iterdir()) == ["ansokan.md", "ansokan.yaml", "budget.yaml"]
    assert not (folder / "ansokan.md").read_text("utf-8").startswith("---")
    files = {
        name: (folder / name).read_text("utf-8").splitlines()
        for name in ("ansokan.md", "ansokan.yaml", "budget.yaml")
    }
    for name in ("ansokan.yaml", "budget.yaml"):
        # The first line names the mall's schema on the förbund's site, by its full address.
        kind = name.removesuffix(".yaml")
        assert files[name][0] == (
            "# yaml-language-server: $schema=https://provby.example/ansokan/schema/mallar/"
            f"standard-2024/{kind}.schema.json"
        )
    for finding in result.findings:
        # Only "not filled in" findings, each pointing at a placeholder the applicant must fill.
        assert finding.rule in {"S001", "S004", "A109"}, finding
        line = files[finding.file.rsplit("/", 1)[-1]][finding.line - 1]
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
    folder = tmp_repo / "applications" / "aldre"
    facts = (folder / "ansokan.yaml").read_text("utf-8")
    assert "version: 2023" in facts and "sista_intag" not in facts
    assert "standard-2023/ansokan.schema.json" in facts.splitlines()[0]
    assert "## Bakgrund\n" in (folder / "ansokan.md").read_text("utf-8")


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

    from finsam.scaffold import ansokan_files
    from tests.rule_helpers import forbund

    config = forbund()
    template_id, version = template_key.rsplit("-", 1)
    template = config.template(template_id, version)
    assert template is not None
    front = yaml.safe_load(ansokan_files("ny", template, config)["ansokan.yaml"])
    rules = template.rules
    assert ("alder_min" in front["malgrupp"]) is rules.ages_required
    assert ("underskrifter" in front) is rules.all_parties_sign
    assert ("datering" in front) is rules.dating_required
    goals = front["mal"]["resultatmal"]
    assert any(g.get("jamstalldhet") for g in goals) is rules.equality_goal_required


def _filled_in(folder: Path) -> None:
    """What an applicant writes in the scaffold's files: the facts in ansokan.yaml (a long text
    with >-, as its comment shows), the text under the headings of ansokan.md, a budget row."""
    facts = (folder / "ansokan.yaml").read_text("utf-8")
    for old, new in [
        ("titel:                #", "titel: Stöd till arbete #"),
        ("  part:               # en av", "  part: provby-kommun # en av"),
        (
            "  resurser:           # vad insatsägaren bidrar med\n",
            "  resurser: >-\n    En samordnare på heltid: leder teamet och håller i\n"
            '    uppföljningen, med "egna" möten.\n',
        ),
        (
            "\n  - part:\n    resurser:\n",
            "\n  - part: arbetsformedlingen\n    resurser: En dag i veckan.\n",
        ),
        ("  start:              #", "  start: 2026-01-01 #"),
        ("  sista_intag:        #", "  sista_intag: 2027-06-30 #"),
        ("  slut:               #", "  slut: 2027-12-31 #"),
        ("  forvantat_antal_deltagare:   #", "  forvantat_antal_deltagare: 40 #"),
        ("  effektmal:\n    - text:\n", "  effektmal:\n    - text: Fler i målgruppen arbetar.\n"),
        (
            "    - text:\n    - text:\n",
            "    - text: Hälften har börjat arbeta eller studera vid slutet av 2027.\n"
            "    - text: Skillnaden mellan kvinnor och män är högst tio procentenheter 2027.\n",
        ),
        ("sokt_belopp:          #", "sokt_belopp: 1092000 #"),
        ("    part:\n", "    part: provby-kommun\n"),
    ]:
        assert old in facts, old
        facts = facts.replace(old, new, 1)
    (folder / "ansokan.yaml").write_text(facts, "utf-8")
    text = (folder / "ansokan.md").read_text("utf-8")
    for heading in ("Bakgrund och behov", "Syfte", "Målgrupp", "Genomförande", "Uppföljning"):
        text = text.replace(f"## {heading}\n", f"## {heading}\n\nVad vi vill göra: {heading}.\n", 1)
    (folder / "ansokan.md").write_text(text, "utf-8")
    budget = (folder / "budget.yaml").read_text("utf-8")
    for old, new in [
        ("    benamning:         #", "    benamning: Insatsmedarbetare #"),
        ("    part:              #", "    part: provby-kommun #"),
        ("      start:           #", "      start: 2026-01-01 #"),
        ("      slut:\n", "      slut: 2027-12-31\n"),
        ("    belopp: {}        #", "    belopp: {2026: 540000, 2027: 552000} #"),
    ]:
        assert old in budget, old
        budget = budget.replace(old, new, 1)
    (folder / "budget.yaml").write_text(budget, "utf-8")


def test_a_new_application_filled_in_passes_the_check(
    tmp_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_repo)
    assert cli.main(["ny", "ansokan", "2026-ny-insats", "--mall", "standard"]) == ExitCode.OK
    folder = tmp_repo / "applications" / "2026-ny-insats"
    _filled_in(folder)
    result = run_check(folder, root=tmp_repo, forbund=tmp_repo / "forbund.yml")
    assert [f"{f.rule} {f.file}:{f.line} {f.message}" for f in result.findings] == []
