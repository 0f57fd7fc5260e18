"""The idéskiss: its rules (I101–I108) one by one on small folders, the required files at the
first stage, `finsam ny ideskiss`, `finsam status`, and the site that never publishes an
idéskiss unless the förbund has chosen to."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from finsam.findings import Finding
from finsam.loader.application import load_application
from finsam.model.forbund import load_forbund
from finsam.rules.all import all_rules
from finsam.rules.registry import Context
from tests.conftest import FORBUND, TESTS, facts_and_text, run_check
from tests.rule_helpers import context, forbund, make_folder, run_rule

SKETCH = "ideskiss.md"
SKETCH_FACTS = "ideskiss.yaml"
BOTH = "ideskiss-och-ansokan"
ALONE = "ideskiss-ensam"
SKETCH_TITLE = "Gemensam väg till arbete för unga vuxna"


def _sketch(tmp_path: Path, *pairs: tuple[str, str]) -> Path:
    """The lone idéskiss with some replacements."""
    return make_folder(tmp_path, ALONE, replace={SKETCH: pairs} if pairs else None)


def _messages(findings: list[Finding]) -> list[str]:
    return [f"{f.rule} {f.severity.value} {f.file}:{f.line} {f.message}" for f in findings]


def _run(rule_id: str, ctx: Context) -> list[Finding]:
    for info, function in all_rules():
        if info.id == rule_id:
            return list(function(info, ctx))
    raise KeyError(rule_id)


# ------------------------------------------------------------------------------ the folders


def test_an_idéskiss_alone_is_a_valid_first_stage(tmp_path: Path) -> None:
    folder = _sketch(tmp_path)
    assert run_rule("A116", folder) == []
    assert [f for f in run_check(folder, root=tmp_path).findings] == []


def test_an_idéskiss_with_a_budget_but_no_application_misses_the_application(
    tmp_path: Path,
) -> None:
    folder = make_folder(tmp_path, BOTH, files={"ansokan.md": None, "beslut.yaml": None})
    found = run_rule("A116", folder)
    assert [(f.file, f.message) for f in found] == [
        (f"{folder.name}/ansokan.md", f"Filen ansokan.md saknas i mappen {folder.name}.")
    ]


def test_an_application_without_idéskiss_stays_valid() -> None:
    for name in ("komplett", "med-rapporter", "standard-2023"):
        assert run_check(TESTS / "cases" / "valid" / name).findings == []


def test_a_miscapitalised_idéskiss_is_an_unknown_file(tmp_path: Path) -> None:
    folder = make_folder(tmp_path, BOTH)
    (folder / SKETCH).rename(folder / "Ideskiss.md")
    found = run_rule("A117", folder)
    assert [f.message for f in found] == ["Filen Ideskiss.md ska heta ideskiss.md."]


# ------------------------------------------------------------------------------ I101, I102


def test_every_required_question_is_answered(tmp_path: Path) -> None:
    folder = _sketch(
        tmp_path,
        ("## Förankring\n", "## Övrigt\n"),
        ("Ett litet team med", "<!-- Ett litet team med"),
        ("gör en gemensam plan.", "gör en gemensam plan. -->"),
    )
    found = run_rule("I101", folder)
    assert [f.message for f in found] == [
        "Avsnittet 'Förankring' saknas.",
        "Avsnittet 'Idén' är tomt.",
    ]
    assert all(f.file.endswith(SKETCH) for f in found)
    assert found[1].hint == "Vad skulle parterna göra tillsammans?"


def test_a_misspelt_question_is_pointed_out_once(tmp_path: Path) -> None:
    folder = _sketch(tmp_path, ("## Bakgrund\n", "## Bakgrunden\n"))
    assert [f.message for f in run_rule("I101", folder)] == [
        "Avsnittet 'Bakgrund' saknas; rubriken 'Bakgrunden' ser ut att vara det avsnittet."
    ]
    assert run_rule("I102", folder) == []


def test_other_headings_are_warnings(tmp_path: Path) -> None:
    folder = _sketch(
        tmp_path, ("## Förankring\n", "## Ekonomi\n\nText.\n\n## Idén\n\nMer.\n\n## Förankring\n")
    )
    found = run_rule("I102", folder)
    assert [(f.severity.value, f.message) for f in found] == [
        (
            "varning",
            "Rubriken 'Ekonomi' finns inte bland förbundets frågor för idéskisser (version 2025).",
        ),
        ("varning", "Rubriken 'Idén' förekommer mer än en gång."),
    ]


def test_an_optional_question_may_be_left_out_or_empty(tmp_path: Path) -> None:
    folder = _sketch(tmp_path, ("## Förankring\n", "## Övrigt\n\n## Förankring\n"))
    assert run_rule("I101", folder) == [] and run_rule("I102", folder) == []


# ------------------------------------------------------------------------------ I103


def test_the_idéskiss_id_is_the_folder_name(tmp_path: Path) -> None:
    folder = _sketch(tmp_path, ("id: ideskiss-ensam\n", "id: en-annan-ide\n"))
    found = run_rule("I103", folder)
    assert [f.message for f in found] == [
        "Id 'en-annan-ide' stämmer inte med mappens namn 'ideskiss-ensam'."
    ]
    assert found[0].line == 2


def test_a_bad_folder_name_is_reported_once(tmp_path: Path) -> None:
    alone = make_folder(tmp_path / "a", ALONE)
    bad = alone.rename(alone.with_name("Idé_skiss"))
    assert [f.message for f in run_rule("I103", bad) if "otillåtna" in f.message] == [
        "Mappens namn 'Idé_skiss' innehåller otillåtna tecken."
    ]
    both = make_folder(tmp_path / "b", BOTH)
    bad_both = both.rename(both.with_name("Båda_två"))
    # With an application in the folder, A113 names the folder and I103 does not again.
    assert not [f for f in run_rule("I103", bad_both) if "otillåtna" in f.message]
    assert [f for f in run_rule("A113", bad_both) if "otillåtna" in f.message]


# ------------------------------------------------------------------------------ I104


def test_parties_are_members_once_each_and_the_contact_is_one_of_them(tmp_path: Path) -> None:
    folder = _sketch(
        tmp_path,
        ("  - part: arbetsformedlingen\n", "  - part: grannby-kommun\n  - part: dalby-kommun\n"),
        ("part: dalby-kommun}", "part: forsakringskassan}"),
    )
    found = run_rule("I104", folder)
    assert [f.message for f in found] == [
        "Parten 'grannby-kommun' är inte medlem i Samordningsförbundet Provby.",
        "Parten Dalby kommun (dalby-kommun) står redan som insatsägare.",
        "Kontakten finns hos Försäkringskassan (forsakringskassan), som inte är part i idéskissen.",
    ]
    assert "Förbundets medlemmar: provby-kommun" in found[0].hint


def test_a_contact_at_no_member_is_a_finding(tmp_path: Path) -> None:
    folder = _sketch(tmp_path, ("part: dalby-kommun}", "part: dalby-kommn}"))
    found = run_rule("I104", folder)
    assert [f.message for f in found] == [
        "Kontaktens organisation 'dalby-kommn' är inte medlem i Samordningsförbundet Provby."
    ]
    assert "Menade du 'dalby-kommun'?" in found[0].hint


# ------------------------------------------------------------------------------ I105, I106


def test_the_period_runs_forwards(tmp_path: Path) -> None:
    folder = _sketch(tmp_path, ("slut: 2028-08-31}", "slut: 2026-08-31}"))
    assert [f.message for f in run_rule("I105", folder)] == [
        "Slutdatum 2026-08-31 ligger före startdatum 2026-09-01."
    ]
    assert run_rule("I105", _sketch(tmp_path / "ok")) == []


def test_the_budget_is_more_than_nothing(tmp_path: Path) -> None:
    folder = _sketch(
        tmp_path,
        (
            "  totalt: 1800000\n  per_ar: {2026: 300000, 2027: 900000, 2028: 600000}\n",
            "  totalt: 0\n",
        ),
    )
    assert [f.message for f in run_rule("I106", folder)] == [
        "Den preliminära budgeten är 0 kronor."
    ]


def test_the_years_add_up_and_lie_within_the_period(tmp_path: Path) -> None:
    folder = _sketch(tmp_path, ("2028: 600000}", "2029: 500000}"))
    assert [f.message.replace("\xa0", " ") for f in run_rule("I106", folder)] == [
        "Beloppen per år blir tillsammans 1 700 000 kr, men totalen är 1 800 000 kr.",
        "Året 2029 ligger utanför den preliminära insatstiden 2026-09-01–2028-08-31.",
    ]


def test_a_budget_without_years_and_an_unreadable_year_are_left_to_others(
    tmp_path: Path,
) -> None:
    folder = _sketch(tmp_path, ("  per_ar: {2026: 300000, 2027: 900000, 2028: 600000}\n", ""))
    assert run_rule("I106", folder) == []
    # A year's amount that is no whole number is the schema's (B201): no sum is judged then.
    broken = _sketch(tmp_path / "b", ("2028: 600000}", "2028: 6.0e5}"))
    app, _ = load_application(broken, broken.name)
    assert _run("I106", Context(app, forbund())) == []
    assert [f.rule for f in run_check(broken, root=tmp_path / "b").findings] == ["B201"]


# ------------------------------------------------------------------------------ I107


def test_the_application_is_compared_with_its_idéskiss(tmp_path: Path) -> None:
    folder = make_folder(
        tmp_path,
        BOTH,
        replace={
            SKETCH: [
                ("titel: Gemensamt stöd mot arbete\n", "titel: Vägen till arbete\n"),
                ("insatsagare: {part: provby-kommun}", "insatsagare: {part: dalby-kommun}"),
                ("  - {part: arbetsformedlingen}\n", "  - {part: forsakringskassan}\n"),
            ]
        },
    )
    found = run_rule("I107", folder)
    assert {f.severity.value for f in found} == {"varning"}
    assert all(f.file.endswith("ansokan.md") for f in found)
    assert [f.message for f in found] == [
        "Insatsen heter 'Gemensamt stöd mot arbete' i ansökan men 'Vägen till arbete' i "
        "idéskissen.",
        "Idéskissen hade Dalby kommun (dalby-kommun) som insatsägare, ansökan har Provby kommun "
        "(provby-kommun).",
        "Försäkringskassan (forsakringskassan) fanns med i idéskissen men är inte part i ansökan.",
    ]


def test_the_same_idea_in_other_words_is_no_finding(tmp_path: Path) -> None:
    # The title in other case and spacing, and a party added on the way: nothing to say.
    folder = make_folder(
        tmp_path,
        BOTH,
        replace={
            SKETCH: [("titel: Gemensamt stöd mot arbete\n", "titel: gemensamt  STÖD mot arbete\n")]
        },
    )
    assert run_rule("I107", folder) == []
    # The former insatsägare still takes part, as a partner: the owner changed, nobody left.
    swapped = make_folder(
        tmp_path / "b",
        BOTH,
        replace={
            SKETCH: [
                ("insatsagare: {part: provby-kommun}", "insatsagare: {part: arbetsformedlingen}"),
                ("  - {part: arbetsformedlingen}\n", "  - {part: provby-kommun}\n"),
            ]
        },
    )
    assert [f.message for f in run_rule("I107", swapped)] == [
        "Idéskissen hade Arbetsförmedlingen (arbetsformedlingen) som insatsägare, ansökan har "
        "Provby kommun (provby-kommun)."
    ]


# ------------------------------------------------------------------------------ I108


def test_an_unknown_newer_version_of_the_questions_is_a_finding(tmp_path: Path) -> None:
    folder = _sketch(tmp_path, ("version: 2025}", "version: 2030}"))
    assert [f.message for f in run_rule("I108", folder)] == [
        "Förbundets frågor för idéskisser finns inte i version 2030."
    ]
    assert run_rule("I101", folder) == []  # questions unknown: nothing to compare with


def test_an_older_version_of_the_questions_stays_valid(tmp_path: Path) -> None:
    """When the förbund changes its questions, an idéskiss written earlier is not judged
    against the new ones, as an application keeps its older mall."""
    folder = _sketch(
        tmp_path, ("version: 2025}", "version: 2019}"), ("## Förankring\n", "## Annat\n")
    )
    assert run_rule("I108", folder) == []
    assert run_rule("I101", folder) == [] and run_rule("I102", folder) == []


def test_a_förbund_without_questions_takes_no_idéskiss(tmp_path: Path) -> None:
    ctx = context(_sketch(tmp_path))
    ctx.forbund = forbund()._replace(sketch=None)
    assert [f.message for f in _run("I108", ctx)] == [
        "Samordningsförbundet Provby har inga frågor för idéskisser."
    ]
    assert _run("I101", ctx) == []


# ------------------------------------------------------------------------------ forbund.yml


def test_the_questions_come_from_forbund_yml(tmp_path: Path) -> None:
    config = forbund()
    assert config.sketch is not None and config.sketch.version == "2025"
    assert [s.key for s in config.sketch.sections] == [
        "bakgrund", "ide", "malgrupp", "forankring", "ovrigt",
    ]  # fmt: skip
    assert config.publish_sketches is False
    text = FORBUND.read_text("utf-8").replace("nyckel: ide,", "nyckel: bakgrund,")
    (tmp_path / "forbund.yml").write_text(text, "utf-8")
    loaded, findings = load_forbund(tmp_path / "forbund.yml")
    assert loaded is None
    assert [(f.rule, f.message) for f in findings] == [
        ("K001", "Idéskissens fråga 'bakgrund' förekommer två gånger (nr 1 och nr 2).")
    ]


def test_a_förbund_may_leave_the_idéskiss_out(tmp_path: Path) -> None:
    text = FORBUND.read_text("utf-8")
    start = text.index("ideskiss:\n")
    end = text.index("ram:", start)
    (tmp_path / "forbund.yml").write_text(text[:start] + text[end:], "utf-8")
    loaded, findings = load_forbund(tmp_path / "forbund.yml")
    assert findings == [] and loaded is not None and loaded.sketch is None


# ------------------------------------------------------------------------------ finsam ny


def _fill(folder: Path) -> None:
    facts_path, text_path = folder / SKETCH_FACTS, folder / SKETCH
    facts = facts_path.read_text("utf-8")
    for old, new in [
        ("titel:                #", "titel: Stöd till arbete #"),
        ("datum:                #", "datum: 2026-03-01 #"),
        ("  part:               # den medlem som", "  part: provby-kommun # den medlem som"),
        ("  - part:\n", "  - part: arbetsformedlingen\n"),
        ("  roll:               #", "  roll: Enhetschef #"),
        ("  part:               # den medlem där", "  part: provby-kommun # den medlem där"),
        ("  start:              #", "  start: 2026-09-01 #"),
        ("  slut:               #", "  slut: 2027-12-31 #"),
        ("  totalt:             #", "  totalt: 1200000 #"),
    ]:
        assert old in facts, old
        facts = facts.replace(old, new, 1)
    facts_path.write_text(facts, "utf-8")
    text = text_path.read_text("utf-8")
    for heading in ("Bakgrund", "Idén", "Målgrupp och aktiviteter", "Förankring"):
        text = text.replace(f"## {heading}\n", f"## {heading}\n\nEtt svar på frågan.\n", 1)
    text_path.write_text(text, "utf-8")


def test_new_idéskiss_lacks_only_what_the_applicant_fills_in_and_then_passes(
    tmp_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_repo)
    assert cli.main(["ny", "ideskiss", "2026-ny-ide"]) == ExitCode.OK
    assert "version 2025" in capsys.readouterr().out
    folder = tmp_repo / "applications" / "2026-ny-ide"
    assert sorted(p.name for p in folder.iterdir()) == [SKETCH, SKETCH_FACTS]
    facts = (folder / SKETCH_FACTS).read_text("utf-8")
    text = (folder / SKETCH).read_text("utf-8")
    # The schema on the förbund's site first; the questions as headings, their guidance as
    # comments; and an example of a long text.
    assert facts.startswith(
        "# yaml-language-server: $schema=https://provby.example/ansokan/schema/mallar/"
        "ideskiss-2025/ideskiss.schema.json\n"
    )
    assert "## Bakgrund\n\n<!-- Vilka hinder vill idén komma åt? -->\n" in text
    assert "## Övrigt\n\n<!-- Frivillig fråga. -->\n" in text
    assert "#   roll: >-\n" in facts
    result = run_check(folder, root=tmp_repo, forbund=tmp_repo / "forbund.yml")
    assert {f.rule for f in result.findings} == {"S001", "I101"}
    for finding in result.findings:
        lines = (facts if finding.file.endswith(SKETCH_FACTS) else text).splitlines()
        line = lines[finding.line - 1]
        assert line.rstrip().endswith(":") or "#" in line or line.startswith("## "), line
    _fill(folder)
    result = run_check(folder, root=tmp_repo, forbund=tmp_repo / "forbund.yml")
    assert _messages(result.findings) == []


def test_new_idéskiss_refuses_an_existing_folder_and_a_förbund_without_questions(
    tmp_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_repo)
    assert cli.main(["ny", "ideskiss", "finns"]) == ExitCode.OK
    assert cli.main(["ny", "ideskiss", "finns"]) == ExitCode.USAGE
    assert cli.main(["ny", "ideskiss", "Fel_Id"]) == ExitCode.USAGE
    text = (tmp_repo / "forbund.yml").read_text("utf-8")
    start = text.index("ideskiss:\n")
    (tmp_repo / "forbund.yml").write_text(text[:start] + text[text.index("ram:", start) :])
    capsys.readouterr()
    assert cli.main(["ny", "ideskiss", "ingen"]) == ExitCode.USAGE
    assert "har inga frågor för idéskisser" in capsys.readouterr().err
    assert not (tmp_repo / "applications" / "ingen").exists()


def test_the_application_grows_out_of_the_idéskiss(
    tmp_repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_repo)
    shutil.copytree(TESTS / "cases" / "valid" / ALONE, tmp_repo / "applications" / ALONE)
    assert cli.main(["ny", "ansokan", ALONE, "--mall", "standard"]) == ExitCode.OK
    assert "Idéskissens arbetsnamn, parter och tid" in capsys.readouterr().out
    folder = tmp_repo / "applications" / ALONE
    assert {"ansokan.md", "budget.yaml", SKETCH} <= {p.name for p in folder.iterdir()}
    text, _ = facts_and_text(folder / "ansokan.md")
    assert f"titel: {SKETCH_TITLE} " in text
    assert "  part: dalby-kommun #" in text
    assert "  - part: arbetsformedlingen\n    resurser:\n  - part: region-prov\n" in text
    assert "  start: 2026-09-01 #" in text and "  slut: 2028-08-31 #" in text
    # Now the folder holds an application: a second one is refused.
    assert cli.main(["ny", "ansokan", ALONE]) == ExitCode.USAGE


def test_a_title_that_yaml_would_misread_is_quoted() -> None:
    from finsam.scaffold import yaml_scalar

    assert yaml_scalar("Stöd till arbete") == "Stöd till arbete"
    for title in ("Stöd: ett nytt sätt", "2026", "yes", "#1 i länet", "Idé ", "[Arbetsnamn]"):
        quoted = yaml_scalar(title)
        assert quoted.startswith('"') and json.loads(quoted) == title


# ------------------------------------------------------------------------------ finsam status


@pytest.fixture
def status_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(FORBUND, tmp_path / "forbund.yml")
    for name in (ALONE, BOTH, "utkast-utan-underskrifter"):
        shutil.copytree(TESTS / "cases" / "valid" / name, tmp_path / "applications" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_status_shows_the_idéskiss_with_names_and_its_date(
    status_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["status", "--datum", "2026-03-01"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith("Läget den 2026-03-01: 2 insatser och 1 idéskiss.\n")
    block = out.split(f"{SKETCH_TITLE} ({ALONE})\n")[1].split("\n\n")[0]
    assert block.splitlines() == [
        "  Status: idéskiss inkommen 2026-02-10",
        "  Parter: Dalby kommun, Arbetsförmedlingen och Region Provlän",
        "  Kontakt: Enhetschef för arbetsmarknadsenheten, Dalby kommun",
        "  Tänkt insatstid: 2026-09-01–2028-08-31",
    ]
    # An idea that has become an application shows the application's status.
    assert "Gemensamt stöd mot arbete (ideskiss-och-ansokan)\n  Status: beviljad" in out


def test_status_json_and_markdown_show_the_idéskiss(
    status_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["status", "--datum", "2026-03-01", "--format", "json"]) == ExitCode.OK
    data = {i["id"]: i for i in json.loads(capsys.readouterr().out)["insatser"]}
    assert data[ALONE]["status"] == "idéskiss inkommen"
    assert data[ALONE]["ideskiss_inkommen"] == "2026-02-10"
    assert data[ALONE]["vantar_pa_beslut"] is False
    assert data[BOTH]["status"] == "beviljad" and data[BOTH]["ideskiss_inkommen"] == "2025-02-03"
    assert data["utkast-utan-underskrifter"]["ideskiss_inkommen"] is None
    assert cli.main(["status", "--datum", "2026-03-01", "--format", "markdown"]) == ExitCode.OK
    assert f"| {SKETCH_TITLE} (`{ALONE}`) | idéskiss inkommen 2026-02-10 |" in (
        capsys.readouterr().out
    )


def test_the_followup_export_leaves_ideas_out(status_repo: Path) -> None:
    from finsam.followup import uppfoljning_records

    loaded, _ = load_forbund(status_repo / "forbund.yml")
    assert loaded is not None
    assert [r.id for r in uppfoljning_records(status_repo, loaded, 2025)] == [BOTH]


# ------------------------------------------------------------------------------ the site


def _site_repo(tmp_path: Path, publish: bool = False) -> Path:
    text = FORBUND.read_text("utf-8")
    if publish:
        text = text.replace(
            "publicering: {kontaktpersoner: false}",
            "publicering: {kontaktpersoner: false, ideskiss: true}",
        )
        assert "ideskiss: true" in text
    (tmp_path / "forbund.yml").write_text(text, "utf-8")
    for name in (ALONE, BOTH):
        shutil.copytree(TESTS / "cases" / "valid" / name, tmp_path / "applications" / name)
    return tmp_path


def _generated(root: Path) -> dict[str, str]:
    from finsam.site.pages import generate

    loaded, findings = load_forbund(root / "forbund.yml")
    assert loaded is not None, findings
    return generate(root, loaded, "https://provby.example/ansokan/")


def test_an_idéskiss_is_never_published_by_default(tmp_path: Path) -> None:
    from finsam.site.insatser import approved_insatser, published_sketches
    from finsam.site.pages import SKETCHES

    root = _site_repo(tmp_path)
    loaded, _ = load_forbund(root / "forbund.yml")
    assert loaded is not None
    assert [i.id for i in approved_insatser(root, loaded)] == [BOTH]
    assert published_sketches(root, loaded) == []
    files = _generated(root)
    assert SKETCHES not in files
    traces = [path for path, text in files.items() if ALONE in text or SKETCH_TITLE in text]
    assert traces == []
    # The granted insats is published; its idéskiss's answers are not.
    page = files[f"insats/{BOTH}.md"]
    assert "Idén har tagits upp med cheferna" not in page


def test_a_förbund_may_publish_its_idéskisser_but_never_in_the_open_data(tmp_path: Path) -> None:
    from finsam.site.pages import SKETCHES

    files = _generated(_site_repo(tmp_path, publish=True))
    page = files[SKETCHES].replace("\xa0", " ")
    assert SKETCH_TITLE in page and "Dalby kommun" in page and "1 800 000" in page
    assert "Unga vuxna 18–29 år" in page
    # The contact is not on the page, and an idea that became an application is not listed.
    assert "Enhetschef" not in page and "Idén har tagits upp med cheferna" not in page
    for feed in ("insatser.json", "insatser-360giving.json", "rss.xml"):
        assert SKETCH_TITLE not in files[feed] and ALONE not in files[feed]
    assert not [path for path in files if ALONE in path]


def test_the_facts_may_stand_beside_the_text(tmp_path: Path) -> None:
    """The split layout: the facts in ideskiss.yaml, the answers in ideskiss.md. A finding about
    a fact points into the .yaml file, one about a question into the .md file."""
    folder = _sketch(tmp_path)
    facts, text = facts_and_text(folder / SKETCH)
    (folder / "ideskiss.yaml").write_text(
        facts.lstrip("\n").replace("slut: 2028-08-31}", "slut: 2026-08-31}"), "utf-8"
    )
    (folder / SKETCH).write_text(text.replace("## Förankring\n", "## Övrigt\n"), "utf-8")
    found = sorted(run_check(folder, root=tmp_path).findings, key=lambda f: f.rule)
    assert [(f.rule, Path(f.file).name) for f in found] == [
        ("I101", SKETCH),
        ("I105", "ideskiss.yaml"),
    ]
