"""The model of what issue 11 added to an application: joint applicants, participant ranges,
dating and signatures, the template's rule switches and the reporting rhythm that applies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from finsam.budget_report import build_report
from finsam.loader.application import load_application
from finsam.model.application import Participants, read_application
from finsam.model.forbund import TemplateRules
from finsam.model.insats import Insats
from finsam.rules.review import allowed_accounts
from tests.rule_helpers import forbund, make_folder

SEED = "seed-nnv-skane-2022"


def _insats(folder: Path) -> Insats:
    app, _ = load_application(folder, folder.name)
    return Insats(app, forbund())


def test_joint_applicants_are_owners_and_parties_each_once() -> None:
    app = read_application(
        {
            "insatsagare": {"part": "provby-kommun"},
            "medsokande": [{"part": "dalby-kommun"}, {"part": "provby-kommun"}, "trasig"],
            "samverkansparter": [{"part": "arbetsformedlingen"}, {"part": "dalby-kommun"}],
        },
        [],
        "x",
    )
    assert app.owner == "provby-kommun"
    assert app.owners == ["provby-kommun", "dalby-kommun"]
    assert app.parties == ["provby-kommun", "dalby-kommun", "arbetsformedlingen"]


def test_participants_as_a_number_or_a_range() -> None:
    def read(value: object) -> Participants | None:
        return read_application(
            {"malgrupp": {"forvantat_antal_deltagare": value}}, [], "x"
        ).participants

    assert read(90) == Participants(90, 90) and str(read(90)) == "90"
    assert read({"min": 30, "max": 40}) == Participants(30, 40)
    assert str(read({"min": 30, "max": 40})) == "30–40"
    assert read({"min": 30}) is None
    assert read("30–40") is None  # text is the schema's finding
    assert read(True) is None


def test_dating_signatures_and_the_signers_name() -> None:
    app = read_application(
        {
            "datering": {"ort": "Provby", "datum": "2021-01-05"},
            "underskrifter": [{"part": "provby-kommun", "datum": "2021-01-06",
                               "metod": "handskriven", "namn": "Förnamn Efternamn"}],
            "rapportering": {"rytm": "tertial"},
        },
        [],
        "x",
    )  # fmt: skip
    assert (app.place, app.dated) == ("Provby", dt.date(2021, 1, 5))
    assert app.signatures[0].signer == "Förnamn Efternamn"
    assert app.signatures[0].date == dt.date(2021, 1, 6)
    assert app.rhythm == "tertial"


def test_the_legacy_template_switches_rules_off_and_defaults_keep_them_on() -> None:
    config = forbund()
    legacy = config.template("nnv", 2020)
    assert legacy is not None
    assert legacy.rules == TemplateRules(
        max_result_goals=0,
        max_effect_goals=0,
        equality_goal_required=False,
        last_intake_required=False,
        ages_required=False,
        all_parties_sign=False,
        dating_required=True,
    )
    assert legacy.rhythm == "tertial"
    standard = config.template("standard", 2023)
    assert standard is not None and standard.rhythm is None
    assert standard.rules.ages_required and standard.rules.all_parties_sign
    assert config.party_names(["provby-kommun", "dalby-kommun", "okand"]) == (
        "Provby kommun, Dalby kommun och okand"
    )


def test_the_rhythm_comes_from_the_latest_decision_then_the_template_then_the_forbund(
    tmp_path: Path,
) -> None:
    base = {"datum": "2025-06-12", "organ": "styrelsen", "paragraf": "§ 1"}
    insats = _insats(make_folder(tmp_path / "a"))
    assert insats.rhythm_source == ("tertial", "forbund")
    legacy = _insats(make_folder(tmp_path / "b", SEED))
    assert legacy.rhythm_source == ("tertial", "mall")
    decided = _insats(
        make_folder(
            tmp_path / "c",
            files={"beslut.yaml": {"beslut": [
                {**base, "utfall": "beviljad", "beviljat": {2025: 1}, "rapportering": {"rytm": "halvar"}},
                {**base, "utfall": "pagaende", "rapportering": {"rytm": "kvartal"}},
                {**base, "utfall": "pagaende"},
            ]}},
        )
    )  # fmt: skip
    assert decided.rhythm_source == ("kvartal", "beslut")
    assert decided.reporting.rhythm == "kvartal"
    assert decided.reporting.due_days == decided.forbund.reporting.due_days


def test_every_owner_is_named_in_the_budget_and_may_change_the_insats(tmp_path: Path) -> None:
    insats = _insats(make_folder(tmp_path, SEED))
    report = build_report(insats)
    names = [line.label for table in report.tables for line in table.lines]
    assert "Provby kommun (insatsägare)" in names
    assert "Dalby kommun (insatsägare)" in names  # a joint applicant, without rows of its own
    assert "Arbetsförmedlingen" in names
    everyone = allowed_accounts(insats.application, insats.forbund)
    assert everyone == {"provby-handlaggare", "dalby-handlaggare", "af-prov"}
    owners_only = insats.forbund._replace(change_permission="insatsagare")
    assert allowed_accounts(insats.application, owners_only) == {
        "provby-handlaggare",
        "dalby-handlaggare",
    }


def test_the_templates_page_documents_every_switch_of_every_template() -> None:
    from finsam.model.forbund import RULE_SWITCHES
    from finsam.site.field_guide import templates_page

    page = templates_page(forbund())
    for key in RULE_SWITCHES:
        assert page.count(key) == len(forbund().templates), key
    assert "Lägesrapporter lämnas varje tertial." in page
    assert "ingen gräns" in page
