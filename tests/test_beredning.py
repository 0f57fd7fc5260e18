"""The beredning: the criteria in forbund.yml, beredning.yaml and its model, the rules E101–E110
one by one on small folders, `finsam status` for what waits in the beredning, and a site that
never publishes the beredning unless the förbund has chosen to, and then only for an approved
insats."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from finsam.findings import Finding
from finsam.loader.application import load_application
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.assessment import (
    AWAITING_BOARD,
    AWAITING_BODY,
    AWAITING_REVIEW,
    Awaiting,
    read_assessment,
)
from finsam.model.decision import STATUS_NAMES, decisions
from finsam.model.forbund import Forbund, load_forbund
from finsam.model.insats import Insats
from finsam.rules.all import all_rules
from finsam.rules.registry import Context
from finsam.site.guidance import fill
from finsam.site.pages import generate
from tests.conftest import FORBUND, TESTS, run_check
from tests.rule_helpers import context, make_folder, run_rule

REPO = TESTS.parent
CASE = "beredd"
BEREDNING = "beredning.yaml"
BESLUT = "beslut.yaml"
# Texts of the valid case's beredning that only the kansli and the board should read.
MOTIVATION = "hur insatsen ska utvärderas är ännu inte bestämt"
PROPOSAL_TEXT = "på\n    villkor att insatsen rapporterar varje tertial"
REASONING = "föreslås tätare rapporter än förbundets vanliga"


def _folder(tmp_path: Path, *pairs: tuple[str, str], beslut: str | None = "keep") -> Path:
    """The valid case with replacements in beredning.yaml, and beslut.yaml kept, replaced or
    (None) removed."""
    files: dict[str, str | None] = {}
    if beslut != "keep":
        files[BESLUT] = beslut
    return make_folder(tmp_path, CASE, replace={BEREDNING: pairs} if pairs else None, files=files)


def _only(tmp_path: Path, text: str, beslut: str | None = None) -> Path:
    """The valid case with beredning.yaml replaced by ``text``."""
    return make_folder(tmp_path, CASE, files={BEREDNING: text, BESLUT: beslut})


def _said(findings: list[Finding]) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in findings]


def _run_with(rule_id: str, folder: Path, config: Forbund) -> list[Finding]:
    app, findings = load_application(folder, folder.name)
    assert findings == [], findings
    ctx = Context(app, config)
    for info, function in all_rules():
        if info.id == rule_id:
            return list(function(info, ctx))
    raise KeyError(rule_id)


def _points(config: Forbund, low: int = 1, high: int = 5) -> Forbund:
    assert config.assessment is not None
    return config._replace(
        assessment=config.assessment._replace(scale="poang", points_min=low, points_max=high)
    )


# ------------------------------------------------------------------------ the configuration


def test_the_shipped_forbund_assesses_against_six_criteria() -> None:
    shipped, findings = load_forbund(REPO / "forbund.yml")
    assert shipped is not None, findings
    config = shipped.assessment
    assert config is not None and config.body_id == "utvecklingsradet"
    assert config.body_name == "utvecklingsrådet" and config.scale == "ja_delvis_nej"
    assert len(config.criteria) == 6
    assert [c.id for c in config.applicable("generell")] == [c.id for c in config.criteria]
    assert shipped.publish_assessment == ()


def test_the_test_forbund_restricts_criteria_to_mallar(forbund: Forbund) -> None:
    config = forbund.assessment
    assert config is not None
    assert [c.id for c in config.applicable("standard")] == [
        "behovsanalys",
        "samverkan",
        "utvardering",
    ]
    assert [c.id for c in config.applicable("nnv")] == ["behovsanalys", "samverkan", "tidplan"]
    assert config.on_scale("delvis") and not config.on_scale("kanske") and not config.on_scale(2)
    assert config.verdict_name("nej") == "inte uppfyllt"
    assert config.scale_text == "ja, delvis eller nej"


def test_a_points_scale_takes_whole_numbers_between_its_ends(forbund: Forbund) -> None:
    config = _points(forbund).assessment
    assert config is not None
    assert config.on_scale(1) and config.on_scale(5)
    assert not config.on_scale(0) and not config.on_scale(6) and not config.on_scale(True)
    assert not config.on_scale("ja")
    assert config.verdict_name(4) == "4 av 5 poäng"
    assert config.scale_text == "poäng från 1 till 5"
    assert config.scale_values() == [1, 2, 3, 4, 5]


def test_a_forbund_without_beredning_has_no_assessment(tmp_path: Path) -> None:
    text = FORBUND.read_text("utf-8")
    text = text[: text.index("beredning:\n")] + text[text.index("ram: {") :]
    (tmp_path / "forbund.yml").write_text(text, "utf-8")
    loaded, findings = load_forbund(tmp_path / "forbund.yml")
    assert loaded is not None, findings
    assert loaded.assessment is None


def _config_findings(tmp_path: Path, old: str, new: str) -> list[Finding]:
    text = FORBUND.read_text("utf-8")
    assert old in text
    (tmp_path / "forbund.yml").write_text(text.replace(old, new, 1), "utf-8")
    loaded, findings = load_forbund(tmp_path / "forbund.yml")
    assert loaded is None
    return findings


def test_a_criterion_id_twice_is_k001(tmp_path: Path) -> None:
    found = _config_findings(tmp_path, "- {id: samverkan, namn:", "- {id: behovsanalys, namn:")
    assert [(f.rule, f.message) for f in found] == [
        ("K001", "Kriteriet 'behovsanalys' förekommer två gånger (nr 1 och nr 2).")
    ]


def test_a_criterion_for_an_unknown_mall_is_k005(tmp_path: Path) -> None:
    found = _config_findings(tmp_path, "mallar: [nnv]}", "mallar: [nnvv]}")
    assert [f.rule for f in found] == ["K005"]
    assert found[0].message == "Kriteriet Tidplan med faser gäller mallen 'nnvv', som inte finns."
    assert found[0].hint.startswith("Menade du 'nnv'? Mallarnas id är nnv, standard.")


def test_a_points_scale_must_run_upwards(tmp_path: Path) -> None:
    found = _config_findings(
        tmp_path, "skala: {typ: ja_delvis_nej}", "skala: {typ: poang, min: 5, max: 5}"
    )
    assert [(f.rule, f.message) for f in found] == [("K005", "Poängskalan går från 5 till 5.")]


@pytest.mark.parametrize(
    "scale",
    ["{typ: poang, min: 1}", "{typ: ja_delvis_nej, max: 5}", "{typ: betyg}"],
)
def test_the_scale_is_checked_by_the_schema(tmp_path: Path, scale: str) -> None:
    found = _config_findings(tmp_path, "skala: {typ: ja_delvis_nej}", f"skala: {scale}")
    assert found and all(f.rule.startswith("S") for f in found)


# --------------------------------------------------------------------------------- the model


def test_the_model_reads_every_part_of_the_beredning(forbund: Forbund) -> None:
    app, findings = load_application(TESTS / "cases" / "valid" / CASE, CASE)
    assert findings == [] and app.beredning is not None
    insats = Insats(app, forbund)
    a = insats.assessment
    assert a is not None
    assert a.has_review and a.has_assessment and a.has_recommendation
    assert (a.review_date, a.review_complete, a.review_missing) == (dt.date(2025, 5, 23), True, ())
    assert a.reviewed_by == "Förbundschef"
    assert (a.body, a.meeting_date, a.leader_presented) == (
        "beredningsgruppen",
        dt.date(2025, 5, 28),
        True,
    )
    assert [(c.criterion, c.verdict) for c in a.criteria] == [
        ("behovsanalys", "ja"),
        ("samverkan", "ja"),
        ("utvardering", "delvis"),
    ]
    assert a.criteria[2].motivation.endswith("ännu inte bestämt.")
    assert (a.proposal, a.proposal_name, a.proposed_outcome) == (
        "bevilja_med_villkor",
        "bevilja med villkor",
        "beviljad",
    )
    assert a.proposal_date == dt.date(2025, 6, 2) and a.proposed_by == "Förbundschef"
    assert a.proposed_amounts == {2025: 300000, 2026: 600000} and a.proposed_total == 900000
    assert a.conditions == ("Rapport lämnas varje tertial.",)
    assert a.decision_text.startswith("Styrelsen beviljar insatsen 300 000 kronor")
    assert a.motivation.startswith("Insatsen bygger på")
    decision = insats.decision_on_recommendation
    assert decision is not None and decision.date == dt.date(2025, 6, 12)
    assert insats.awaiting is None  # decided on


def test_unreadable_values_are_absent() -> None:
    a = read_assessment(
        {
            "kvalitetsgranskning": {"datum": "i går", "komplett": "ja", "saknas": [3, "Budget"]},
            "bedomning": {"kriterier": [{"kriterium": 7, "bedomning": True}, "text"]},
            "rekommendation": {"forslag": ["bevilja"], "belopp": {"2026": "100 tkr", "x": 5}},
        }
    )
    assert a.review_date is None and a.review_complete is None
    assert a.review_missing == ("Budget",) and a.reviewed_by == ""
    assert [(c.place, c.criterion, c.verdict) for c in a.criteria] == [(0, "", None)]
    assert a.proposal == "" and a.proposed_outcome is None and a.proposed_amounts == {}
    empty = read_assessment({})
    assert empty.parts == frozenset() and not empty.has_review


def test_an_insats_without_beredning_has_no_assessment(forbund: Forbund) -> None:
    app, _ = load_application(TESTS / "cases" / "valid" / "komplett", "komplett")
    assert Insats(app, forbund).assessment is None
    assert Insats(app, forbund).decision_on_recommendation is None


def test_the_decision_may_say_why_it_departs_from_the_proposal() -> None:
    text = (TESTS / "cases" / "valid" / CASE / BESLUT).read_text("utf-8")
    changed = text.replace(
        "    villkor:",
        "    avvikelse_fran_forslag: Styrelsen ville se rapporter oftare.\n    villkor:",
    )
    doc, findings = parse_yaml(changed, BESLUT)
    assert doc is not None and findings == []
    assert decisions(doc.data)[0].deviation == "Styrelsen ville se rapporter oftare."


# --------------------------------------------------------------------------------- the rules


def test_the_full_beredning_passes_every_rule() -> None:
    assert run_check(TESTS / "cases" / "valid" / CASE).findings == []


def test_e101_a_beredning_needs_an_application(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, CASE, files={"ansokan.md": None})
    found = run_rule("E101", folder)
    assert _said(found) == [(3, "Mappen har en beredning men ingen ansökan.")]  # its first key
    assert run_rule("E101", make_folder(tmp_path / "b", CASE)) == []


def test_e101_an_idea_sketch_is_not_prepared(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        "ideskiss-ensam",
        files={
            BEREDNING: "kvalitetsgranskning: {datum: 2026-03-02, komplett: true, granskad_av: Ekonom}\n"
        },
    )
    found = run_rule("E101", folder)
    assert [f.message for f in found] == [
        "Mappen har en beredning men bara en idéskiss och ingen ansökan."
    ]
    # The rules that need an application to judge by stay silent.
    for rule_id in ("E104", "E105", "E108"):
        assert run_rule(rule_id, folder) == []


def test_e102_an_incomplete_review_lists_what_is_missing(tmp_path: Path) -> None:
    review = "kvalitetsgranskning:\n  datum: 2025-05-23\n  komplett: {}\n  granskad_av: Ekonom\n"
    found = run_rule("E102", _only(tmp_path, review.format("false")))
    assert _said(found) == [
        (3, "Kvalitetsgranskningen fann ansökan ofullständig men säger inte vad som saknas.")
    ]
    listed = review.format("false") + "  saknas:\n    - Underskrift från Arbetsförmedlingen.\n"
    assert run_rule("E102", _only(tmp_path / "b", listed)) == []
    both = review.format("true") + "  saknas: [Budget per år]\n"
    assert [f.line for f in run_rule("E102", _only(tmp_path / "c", both))] == [5]


def test_e103_the_body_is_the_forbunds(tmp_path: Path, forbund: Forbund) -> None:
    folder = _folder(tmp_path, ("organ: beredningsgruppen", "organ: utvecklingsradet"))
    found = run_rule("E103", folder)
    assert _said(found) == [(8, "Ansökan bedöms av beredningsgruppen, inte av 'utvecklingsradet'.")]
    assert found[0].hint == (
        "Skriv organ: beredningsgruppen, så som beredning.organ.id står i forbund.yml."
    )
    without = forbund._replace(assessment=None)
    found = _run_with("E103", _folder(tmp_path / "b"), without)
    assert _said(found) == [
        (7, "Samordningsförbundet Provby har inga kriterier för bedömning av ansökningar.")
    ]


def test_e104_every_criterion_of_the_mall_once(tmp_path: Path) -> None:
    missing = _folder(
        tmp_path,
        (
            "    - kriterium: utvardering\n      bedomning: delvis\n",
            "    - kriterium: samverkan\n      bedomning: delvis\n",
        ),
    )
    found = run_rule("E104", missing)
    assert [f.message for f in found] == [
        "Kriteriet ”Utvecklar samverkan” (samverkan) är bedömt mer än en gång (också som nr 2).",
        "Kriteriet ”Plan för utvärdering” (utvardering) är inte bedömt.",
    ]
    assert "bedomning: …" in found[1].hint and "(ja, delvis eller nej)" in found[1].hint


def test_e104_a_criterion_of_another_mall_is_not_asked_for(tmp_path: Path) -> None:
    # tidplan applies only to the old form (nnv); the standard mall's application lacks it.
    assert run_rule("E104", _folder(tmp_path)) == []


def test_e105_unknown_or_not_for_this_mall(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ("kriterium: utvardering", "kriterium: tidplan"))
    found = run_rule("E105", folder)
    assert [f.message for f in found] == [
        "Kriteriet ”Tidplan med faser” (tidplan) gäller inte ansökningar på mallen standard."
    ]
    assert found[0].hint == "Kriteriet gäller bara mallen nnv. Ta bort bedömningen."
    # The missing utvardering is E104's, and a misspelt id is E105's alone.
    assert len(run_rule("E104", folder)) == 1
    misspelt = _folder(tmp_path / "b", ("kriterium: samverkan", "kriterium: samverka"))
    found = run_rule("E105", misspelt)
    assert [f.message for f in found] == ["Förbundet har inget kriterium 'samverka'."]
    assert found[0].hint.startswith("Menade du 'samverkan'? Kriterierna som gäller ansökan:")
    assert run_rule("E104", misspelt) == []


def test_e106_the_scale_and_the_motivation(tmp_path: Path, forbund: Forbund) -> None:
    folder = _folder(
        tmp_path,
        ("bedomning: delvis", "bedomning: 3"),
        (
            "motivering: Kommunen och Arbetsförmedlingen arbetar i ett gemensamt team.",
            "motivering: ''",
        ),
    )
    found = run_rule("E106", folder)
    assert _said(found) == [
        (19, "Bedömningen '3' finns inte på förbundets skala."),
        (17, "Bedömningen av kriteriet ”Utvecklar samverkan” (samverkan) saknar motivering."),
    ]
    points = _points(forbund)
    found = _run_with("E106", folder, points)
    assert [f.line for f in found] == [13, 16, 17]  # ja, ja and the empty motivation
    assert found[0].hint == "Bedöm kriteriet med poäng från 1 till 5."


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  belopp: {2025: 300000, 2026: 600000}\n",
            "",
            ["Förslaget är att bevilja med villkor men anger inget belopp."],
        ),
        (
            "  villkor:\n    - Rapport lämnas varje tertial.\n",
            "",
            ["Förslaget är att bevilja med villkor men anger inga villkor."],
        ),
        (
            "forslag: bevilja_med_villkor",
            "forslag: bevilja",
            ["Förslaget är att bevilja utan villkor men räknar upp villkor."],
        ),
        (
            "forslag: bevilja_med_villkor",
            "forslag: aterremiss",
            [
                "Förslaget är att återremittera men anger belopp.",
                "Förslaget är att återremittera men anger villkor.",
            ],
        ),
    ],
)
def test_e107_amounts_and_conditions_follow_the_proposal(
    tmp_path: Path, old: str, new: str, expected: list[str]
) -> None:
    assert [f.message for f in run_rule("E107", _folder(tmp_path, (old, new)))] == expected


def test_e107_a_refusal_without_amounts_is_fine(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        ("forslag: bevilja_med_villkor", "forslag: avsla"),
        (
            "  belopp: {2025: 300000, 2026: 600000}\n  villkor:\n    - Rapport lämnas varje tertial.\n",
            "",
        ),
    )
    assert run_rule("E107", folder) == []


def test_e108_at_most_what_is_sought_and_within_the_period(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, ("{2025: 300000, 2026: 600000}", "{2024: 1, 2025: 300001, 2026: 600000}")
    )
    found = run_rule("E108", folder)
    assert [f.message for f in found] == [
        "Förslaget har belopp för 2024, utanför insatstiden 2025–2026.",
        "Förslaget för 2025, 300\u00a0001\u00a0kr, är mer än de 300\u00a0000\u00a0kr som söks från förbundet "
        "det året; skillnaden är 1\u00a0kr.",
    ]
    less = _folder(tmp_path / "b", ("{2025: 300000, 2026: 600000}", "{2025: 250000}"))
    assert run_rule("E108", less) == []


def test_e108_counts_what_the_budget_gives_only_for_the_whole_period(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        CASE,
        replace={
            "budget.yaml": [("    belopp: {2025: 20000, 2026: 30000}", "    belopp_totalt: 50000")],
            BEREDNING: [("{2025: 300000, 2026: 600000}", "{2025: 310000, 2026: 600000}")],
        },
    )
    assert run_rule("E108", folder) == []  # 280 000 + 50 000 may be sought for 2025


def test_e109_steps_and_dates_in_order(tmp_path: Path) -> None:
    late = _folder(tmp_path, ("  datum: 2025-05-28\n", "  datum: 2025-06-05\n"))
    assert _said(run_rule("E109", late)) == [
        (23, "Rekommendationen är daterad 2025-06-02, före bedömningen 2025-06-05.")
    ]
    incomplete = _folder(tmp_path / "b", ("komplett: true", "komplett: false"))
    assert [f.message for f in run_rule("E109", incomplete)] == [
        "Ansökan är bedömd fast kvalitetsgranskningen fann den ofullständig."
    ]


def test_e109_a_proposal_rests_on_the_bodys_assessment(tmp_path: Path) -> None:
    text = (TESTS / "cases" / "valid" / CASE / BEREDNING).read_text("utf-8")
    without = text[: text.index("bedomning:\n")] + text[text.index("rekommendation:\n") :]
    found = run_rule("E109", _only(tmp_path, without, beslut=None))
    assert [f.message for f in found] == [
        "Förslaget att bevilja med villkor har ingen bedömning av beredningsgruppen att bygga på."
    ]
    # Sending the application back needs no assessment.
    back = without.replace("forslag: bevilja_med_villkor", "forslag: aterremiss")
    assert run_rule("E109", _only(tmp_path / "b", back, beslut=None)) == []


def test_e109_the_board_decides_after_the_recommendation(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ("  datum: 2025-06-02\n", "  datum: 2025-06-13\n"))
    assert [f.message for f in run_rule("E109", folder)] == [
        "Styrelsen beslutade om ansökan 2025-06-12 (beviljad), före rekommendationen 2025-06-13."
    ]
    # A decision before the beredning began (an earlier round) is no finding.
    earlier = (
        'beslut:\n  - {datum: 2025-05-01, organ: styrelsen, paragraf: "§ 3", utfall: aterremiss}\n'
    )
    assert run_rule("E109", _folder(tmp_path / "b", beslut=earlier)) == []


GRANTED = (
    'beslut:\n  - datum: 2025-06-12\n    organ: styrelsen\n    paragraf: "§ 12"\n'
    "    utfall: {outcome}\n{rest}"
)


@pytest.mark.parametrize(
    ("outcome", "rest", "said"),
    [
        (
            "beviljad",
            "    beviljat: {2025: 300000, 2026: 500000}\n    villkor: [Rapport varje tertial.]\n",
            "för 2026 föreslogs 600\u00a0000\u00a0kr men beviljades 500\u00a0000\u00a0kr",
        ),
        (
            "beviljad",
            "    beviljat: {2025: 300000, 2026: 600000}\n",
            "förslaget hade villkor, men beslutet har inga",
        ),
        ("avslagen", "", "förslaget var att bevilja med villkor, men ansökan blev avslagen"),
    ],
)
def test_e110_a_departing_decision_says_why(
    tmp_path: Path, outcome: str, rest: str, said: str
) -> None:
    decision = GRANTED.format(outcome=outcome, rest=rest)
    found = run_rule("E110", _folder(tmp_path, beslut=decision))
    assert _said(found) == [(5, f"Beslutet 2025-06-12 avviker från beredningens förslag: {said}.")]
    reason = "    avvikelse_fran_forslag: Styrelsen prioriterade andra insatser i år.\n"
    assert run_rule("E110", _folder(tmp_path / "b", beslut=decision + reason)) == []


def test_e110_only_the_decision_after_the_recommendation_counts(tmp_path: Path) -> None:
    # An earlier decision (before the recommendation) and a later extension are not compared.
    decisions = (
        'beslut:\n  - {datum: 2025-04-01, organ: styrelsen, paragraf: "§ 2", utfall: aterremiss}\n'
        '  - {datum: 2025-06-12, organ: styrelsen, paragraf: "§ 12", utfall: beviljad,\n'
        "     beviljat: {2025: 300000, 2026: 600000}, villkor: [Rapport varje tertial.]}\n"
        '  - {datum: 2026-06-12, organ: styrelsen, paragraf: "§ 9", utfall: pagaende}\n'
    )
    assert run_rule("E110", _folder(tmp_path, beslut=decisions)) == []


def test_a_miscapitalised_beredning_is_an_unknown_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / BEREDNING).rename(folder / "Beredning.yaml")
    assert [f.message for f in run_rule("A117", folder)] == [
        "Filen Beredning.yaml ska heta beredning.yaml."
    ]


# ------------------------------------------------------------------------- lifecycle, status


def _insats(folder: Path) -> Insats:
    ctx = context(folder)
    return ctx.insats


def test_the_lifecycle_knows_beredd() -> None:
    assert STATUS_NAMES["beredd"] == "beredd"


def test_what_an_application_waits_for(tmp_path: Path) -> None:
    text = (TESTS / "cases" / "valid" / CASE / BEREDNING).read_text("utf-8")
    review_only = text[: text.index("bedomning:\n")]
    assessed = text[: text.index("rekommendation:\n")]
    cases = {
        "inlamnad": (None, Awaiting(AWAITING_REVIEW, dt.date(2025, 5, 21))),  # last signature
        "granskad": (review_only, Awaiting(AWAITING_BODY, dt.date(2025, 5, 23))),
        "bedomd": (assessed, Awaiting(AWAITING_BODY, dt.date(2025, 5, 23))),
        "beredd": (text, Awaiting(AWAITING_BOARD, dt.date(2025, 6, 2))),
    }
    for name, (beredning, expected) in cases.items():
        files = {BESLUT: None, BEREDNING: beredning}
        folder = make_folder(tmp_path / name, CASE, files=files)
        assert _insats(folder).awaiting == expected, name
    incomplete = review_only.replace("komplett: true", "komplett: false") + "  saknas: [Budget]\n"
    folder = make_folder(
        tmp_path / "ofullstandig", CASE, files={BESLUT: None, BEREDNING: incomplete}
    )
    assert _insats(folder).awaiting == Awaiting(AWAITING_REVIEW, dt.date(2025, 5, 21))
    assert Awaiting(AWAITING_BOARD, dt.date(2025, 6, 2)).days(dt.date(2025, 6, 12)) == 10


def test_after_a_referral_back_the_revised_application_waits_for_review(tmp_path: Path) -> None:
    back = (
        'beslut:\n  - {datum: 2025-06-12, organ: styrelsen, paragraf: "§ 12", utfall: aterremiss}\n'
    )
    folder = _folder(
        tmp_path,
        ("forslag: bevilja_med_villkor", "forslag: aterremiss"),
        (
            "  belopp: {2025: 300000, 2026: 600000}\n  villkor:\n    - Rapport lämnas varje tertial.\n",
            "",
        ),
        beslut=back,
    )
    assert _insats(folder).awaiting == Awaiting(AWAITING_REVIEW, dt.date(2025, 6, 12))


def test_a_new_beredning_after_the_grant_waits_again(tmp_path: Path) -> None:
    # An extension: the insats is granted, and the kansli has reviewed a new application.
    review = "kvalitetsgranskning: {datum: 2026-05-04, komplett: true, granskad_av: Ekonom}\n"
    folder = make_folder(tmp_path, CASE, files={BEREDNING: review})
    assert _insats(folder).awaiting == Awaiting(AWAITING_BODY, dt.date(2026, 5, 4))
    # Without a new beredning a granted insats waits for nothing.
    assert _insats(make_folder(tmp_path / "b", CASE)).awaiting is None


@pytest.fixture
def status_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FORBUND, tmp_path / "forbund.yml")
    apps = tmp_path / "applications"
    text = (TESTS / "cases" / "valid" / CASE / BEREDNING).read_text("utf-8")
    folders = {
        "a-beviljad": text,
        "b-inlamnad": None,
        "c-granskad": text[: text.index("bedomning:\n")],
        "d-beredd": text,
    }
    for name, beredning in folders.items():
        shutil.copytree(TESTS / "cases" / "valid" / CASE, apps / name)
        if name != "a-beviljad":
            (apps / name / BESLUT).unlink()
        if beredning is None:
            (apps / name / BEREDNING).unlink()
        else:
            (apps / name / BEREDNING).write_text(beredning, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_status_shows_what_waits_and_for_how_long(
    status_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["status", "--datum", "2025-07-01"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.splitlines()[1] == (
        "Beredning: 1 väntar på kvalitetsgranskning av kansliet, 1 på bedömning av "
        "beredningsgruppen och 1 på styrelsens beslut."
    )
    blocks = {b.splitlines()[0]: b.splitlines()[1:] for b in out.split("\n\n")[1:]}
    title = "Gemensamt stöd mot arbete"
    assert blocks[f"{title} (b-inlamnad)"] == [
        "  Status: inlämnad",
        "  Väntar på kvalitetsgranskning av kansliet sedan 2025-05-21 (41 dagar).",
    ]
    assert blocks[f"{title} (c-granskad)"][1] == (
        "  Väntar på bedömning av beredningsgruppen sedan 2025-05-23 (39 dagar)."
    )
    assert blocks[f"{title} (d-beredd)"] == [
        "  Status: beredd",
        "  Väntar på styrelsens beslut sedan 2025-06-02 (29 dagar).",
    ]
    assert not [line for line in blocks[f"{title} (a-beviljad)"] if "Väntar" in line]


def test_status_json_and_markdown_show_the_waiting(
    status_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["status", "--datum", "2025-07-01", "--format", "json"]) == ExitCode.OK
    data = {i["id"]: i for i in json.loads(capsys.readouterr().out)["insatser"]}
    assert data["a-beviljad"]["vantar_pa"] is None
    assert data["c-granskad"]["vantar_pa"] == {
        "steg": "bedomning",
        "hos": "beredningsgruppen",
        "sedan": "2025-05-23",
        "dagar": 39,
    }
    assert data["d-beredd"]["status"] == "beredd"
    assert data["d-beredd"]["vantar_pa"]["steg"] == "beslut"
    assert cli.main(["status", "--datum", "2025-07-01", "--format", "markdown"]) == ExitCode.OK
    out = capsys.readouterr().out
    table = out.split("### Beredning\n")[1]
    rows = [line for line in table.splitlines() if line.startswith("| Gemensamt")]
    assert rows == [  # the longest waiting first
        "| Gemensamt stöd mot arbete (`b-inlamnad`) | kvalitetsgranskning av kansliet | 2025-05-21 | 41 |",
        "| Gemensamt stöd mot arbete (`c-granskad`) | bedömning av beredningsgruppen | 2025-05-23 | 39 |",
        "| Gemensamt stöd mot arbete (`d-beredd`) | styrelsens beslut | 2025-06-02 | 29 |",
    ]


def test_status_names_the_shipped_forbunds_body(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = FORBUND.read_text("utf-8").replace(
        "organ: {id: beredningsgruppen, namn: beredningsgruppen}",
        "organ: {id: radet, namn: samverkansrådet}",
    )
    (tmp_path / "forbund.yml").write_text(text, "utf-8")
    folder = tmp_path / "applications" / "x"
    shutil.copytree(TESTS / "cases" / "valid" / CASE, folder)
    (folder / BESLUT).unlink()
    beredning = (folder / BEREDNING).read_text("utf-8")
    (folder / BEREDNING).write_text(beredning[: beredning.index("bedomning:\n")], "utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["status", "--datum", "2025-05-23"]) == ExitCode.OK
    assert (
        "Väntar på bedömning av samverkansrådet sedan 2025-05-23 (0 dagar)."
        in capsys.readouterr().out
    )


# --------------------------------------------------------------------------------- the site


def _site(tmp_path: Path, publish: str | None, decision: str | None = "keep") -> dict[str, str]:
    text = FORBUND.read_text("utf-8")
    if publish is not None:
        text = text.replace(
            "publicering: {kontaktpersoner: false}",
            f"publicering: {{kontaktpersoner: false, beredning: {publish}}}",
        )
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "forbund.yml").write_text(text, "utf-8")
    folder = tmp_path / "applications" / CASE
    shutil.copytree(TESTS / "cases" / "valid" / CASE, folder)
    if decision != "keep":
        if decision is None:
            (folder / BESLUT).unlink()
        else:
            (folder / BESLUT).write_text(decision, "utf-8")
    loaded, findings = load_forbund(tmp_path / "forbund.yml")
    assert loaded is not None, findings
    return generate(tmp_path, loaded, "https://example.org/sajt/")


def _mentions(pages: dict[str, str], words: str) -> list[str]:
    return sorted(path for path, page in pages.items() if words in page)


def test_the_beredning_is_never_published_by_default(tmp_path: Path) -> None:
    for publish in (None, "[]"):
        pages = _site(tmp_path / str(publish), publish)
        assert "insats/beredd.md" in pages
        assert "Beredning" not in pages["insats/beredd.md"]
        for words in (MOTIVATION, REASONING, "Beredningsgruppen bedömde"):
            assert _mentions(pages, words) == [], words


def test_the_forbund_may_publish_the_assessment_and_recommendation(tmp_path: Path) -> None:
    pages = _site(tmp_path, "[bedomning, rekommendation]")
    page = pages["insats/beredd.md"]
    assert "Beredning" in page
    assert (
        "Beredningsgruppen bedömde ansökan mot förbundets kriterier den 28\u00a0maj 2025." in page
    )
    assert "Grundad i en behovsanalys" in page and "Delvis uppfyllt" in page
    assert "Förslaget till styrelsen den 2\u00a0juni 2025 var att bevilja med villkor." in page
    # Only on the insats's page: never in the open data, the feed or the lists.
    for words in (MOTIVATION, REASONING):
        assert _mentions(pages, words) == ["insats/beredd.md"], words
    assert "granskad_av" not in page and "Kvalitetsgranskning" not in page


def test_the_forbund_may_publish_the_recommendation_alone(tmp_path: Path) -> None:
    pages = _site(tmp_path, "[rekommendation]")
    page = pages["insats/beredd.md"]
    assert REASONING in page and MOTIVATION not in page
    assert "Bedömningen kriterium för kriterium" not in page


def test_a_refused_application_s_beredning_is_never_published(tmp_path: Path) -> None:
    refused = (
        'beslut:\n  - {datum: 2025-06-12, organ: styrelsen, paragraf: "§ 13", utfall: avslagen}\n'
    )
    for decision in (refused, None):
        pages = _site(tmp_path / str(bool(decision)), "[bedomning, rekommendation]", decision)
        assert "insats/beredd.md" not in pages
        for words in (MOTIVATION, REASONING):
            assert _mentions(pages, words) == [], words


def test_the_configuration_may_only_name_the_public_parts(tmp_path: Path) -> None:
    found = _config_findings(
        tmp_path,
        "publicering: {kontaktpersoner: false}",
        "publicering: {beredning: [kvalitetsgranskning]}",
    )
    assert [f.rule for f in found] == ["S004"]


# --------------------------------------------------------------------------------- guidance


def test_the_guidance_names_the_body_and_the_criteria(forbund: Forbund) -> None:
    text = fill((REPO / "docs" / "process.md").read_text("utf-8"), forbund, "process.md")
    assert "Beredningsgruppen bereder ansökan, kriterium för kriterium." in text
    assert "- **Plan för utvärdering.** Det finns en plan för uppföljning och utvärdering." in text
    assert "(gäller bara ansökningar på ”Standardansökan”)" in text
    assert "som uppfyllt, delvis uppfyllt eller inte uppfyllt" in text
    fallback = fill(
        "{{ beredande_organ }}: {{ beredning_kriterier }}", forbund._replace(assessment=None), "x"
    )
    assert fallback.startswith("förbundets beredningsgrupp: - Kansliet berättar")
