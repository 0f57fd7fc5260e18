"""The form Skriv ansökan on the Python side (finsam.form): its names, the files it writes, the
files it reads back, its check against `finsam kontrollera`, what it hands over, the page's
fields against the names, and the bundle that the browser runs."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from finsam.form.check import check_files, check_json, open_json, pull_request_json, zip_json
from finsam.form.fields import FIELDS, Field, field_of, spec_key
from finsam.form.files import folder_files, typed
from finsam.form.read import open_files
from finsam.form.submission import folder_zip, pull_request_text
from finsam.loader.application import ApplicationFolder, load_application
from finsam.model.forbund import Forbund
from finsam.site.form_page import form_page
from tests.conftest import TESTS
from tests.form_helpers import FOLDER, SKETCH, VALID, config_folder, kontrollera

# -- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ansokan.titel", "ansokan.titel"),
        ("ansokan.kontakter.0.roll", "ansokan.kontakter[].roll"),
        ("budget.rader.12.belopp.2026", "budget.rader[].belopp.{ar}"),
        ("ideskiss.preliminar_budget.per_ar.2027", "ideskiss.preliminar_budget.per_ar.{ar}"),
        ("ansokan.titel<b>", None),
        ("../ansokan", None),
    ],
)
def test_a_form_name_leads_to_its_field(name: str, key: str | None) -> None:
    assert spec_key(name) == key or (key is None and field_of(name) is None)


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("amount", "1 700 000", 1700000),
        ("amount", "1\u00a0700\u00a0000", 1700000),
        ("amount", "1,7 mkr", "1,7 mkr"),  # as written: the check says what is wrong with it
        ("decimal", "37,5", 37.5),
        ("decimal", "50", 50),
        ("count", "30–40", {"min": 30, "max": 40}),
        ("count", "30", 30),
        ("integer", "18 år", "18 år"),
        ("check", "ja", True),
        ("text", "  Två\r\nrader  ", "Två\nrader"),
    ],
)
def test_a_value_gets_the_type_its_field_takes(kind: str, text: str, value: object) -> None:
    assert typed(Field("ansokan.x", kind), text) == value


# -- files ---------------------------------------------------------------------------------------


def _loaded(files: dict[str, str], tmp_path: Path) -> ApplicationFolder:
    folder = tmp_path / "applications" / FOLDER
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    app, findings = load_application(folder, f"applications/{FOLDER}")
    assert findings == []
    return app


def test_an_application_is_written_as_the_desk_writes_it(forbund: Forbund, tmp_path: Path) -> None:
    files = folder_files(VALID, forbund)
    assert sorted(files) == ["ansokan.md", "ansokan.yaml", "budget.yaml"]
    facts = files["ansokan.yaml"]
    assert facts.startswith("# yaml-language-server: $schema=https://provby.example/ansokan/")
    assert "mall: {id: standard, version: 2024}\n" in facts
    assert "period: {start: 2026-01-01, sista_intag: 2028-06-30, slut: 2028-12-31}\n" in facts
    assert "sokt_belopp: 1700000\n" in facts
    assert "  - {roll: Insatsansvarig, part: provby-kommun}\n" in facts
    assert "    belopp: {2026: 540000, 2027: 550000, 2028: 560000}\n" in files["budget.yaml"]
    # The mall's fixed text as the mall has it; the optional section left out.
    assert "### Ansvar" in files["ansokan.md"] and "## Övrigt" not in files["ansokan.md"]
    app = _loaded(files, tmp_path)
    assert app.ansokan is not None and app.budget is not None
    assert app.ansokan.data["period"]["start"] == "2026-01-01"
    assert app.budget.data["rader"][1]["belopp"] == {
        "2026": 20000,
        "2027": 15000,
        "2028": 15000,
    }


def test_empty_required_fields_are_written_empty_and_empty_rows_left_out(
    forbund: Forbund,
) -> None:
    files = folder_files(
        {"id": FOLDER, "budget.rader.0.finansiering": "forbundet", "ansokan.titel": "X"},
        forbund,
    )
    facts = files["ansokan.yaml"]
    assert "sokt_belopp: null\n" in facts and "insatsinriktning: null\n" in facts
    assert "medsokande" not in facts  # optional: left out, not written empty
    assert "rader: []\n" in files["budget.yaml"]  # a row holding only the page's defaults


@pytest.mark.parametrize("given", ["../../utanfor", "Mitt projekt", "", "a" * 81])
def test_an_id_that_cannot_be_a_folder_name_is_written_but_not_used_as_one(
    given: str, forbund: Forbund, tmp_path: Path
) -> None:
    config = config_folder(tmp_path / "data")
    answer = json.loads(check_json(json.dumps({**VALID, "id": given}), str(config)))
    assert answer["mapp"] == "ny-insats"
    assert answer["rapport"]["sammanfattning"]["fel"] > 0  # the check names the id
    assert not (tmp_path.parent / "utanfor").exists()


def test_an_idea_is_written_alone(forbund: Forbund) -> None:
    files = folder_files(SKETCH, forbund)
    assert sorted(files) == ["ideskiss.md", "ideskiss.yaml"]
    assert "mall: {id: ideskiss, version: 2025}\n" in files["ideskiss.yaml"]
    # Writing the application next keeps the idéskiss beside it; a draft keeps everything.
    both = folder_files({**SKETCH, **VALID}, forbund)
    assert folder_files({**VALID, **SKETCH}, forbund, draft=True) == both
    assert sorted(folder_files({**VALID, **SKETCH}, forbund)) == ["ideskiss.md", "ideskiss.yaml"]
    assert sorted(both) == [
        "ansokan.md",
        "ansokan.yaml",
        "budget.yaml",
        "ideskiss.md",
        "ideskiss.yaml",
    ]


# -- reading back --------------------------------------------------------------------------------


def _bytes(files: dict[str, str]) -> dict[str, bytes]:
    return {name: text.encode("utf-8") for name, text in files.items()}


def _normal(values: dict[str, str]) -> dict[str, str]:
    """Values as the form writes them back: amounts without spaces."""
    return {k: v.replace(" ", "") if k.endswith("sokt_belopp") else v for k, v in values.items()}


def test_written_files_read_back_into_the_same_values(forbund: Forbund) -> None:
    for values in (VALID, SKETCH):
        opened = open_files(_bytes(folder_files(values, forbund)), forbund)
        assert opened.findings == [] and opened.kept == []
        assert opened.values == _normal(values)


def test_a_zip_of_the_folder_reads_back_with_its_id(forbund: Forbund) -> None:
    archive = folder_zip(folder_files(VALID, forbund), FOLDER)
    names = zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert names == [
        f"applications/{FOLDER}/{n}" for n in ("ansokan.yaml", "ansokan.md", "budget.yaml")
    ]
    opened = open_files({"utkast.zip": archive}, forbund)
    assert opened.values == _normal(VALID)


@pytest.mark.parametrize("case", ["komplett", "budget-hela-perioden", "delade-filer"])
def test_what_the_form_cannot_show_is_kept_unchanged(
    case: str, forbund: Forbund, tmp_path: Path
) -> None:
    """An application of the repository read into the form and written out again holds the
    same facts, budget and text, also what the form has no field for."""
    source = TESTS / "cases" / "valid" / case
    originals = {p.name: p.read_bytes() for p in source.iterdir() if p.is_file()}
    opened = open_files(originals, forbund)
    assert opened.findings == []
    before, _ = load_application(source, f"applications/{case}")
    written = folder_files(opened.values, forbund)
    after = _loaded(written, tmp_path)
    assert before.ansokan is not None and after.ansokan is not None
    assert before.budget is not None and after.budget is not None
    assert after.ansokan.data == before.ansokan.data
    assert after.budget.data == before.budget.data
    text = [(s.heading, s.text.strip()) for s in after.ansokan.sections]
    assert text == [(s.heading, s.text.strip()) for s in before.ansokan.sections]


def test_a_file_that_cannot_be_read_says_why(forbund: Forbund) -> None:
    opened = open_files({"ansokan.md": b"---\ntitel: [\n---\n"}, forbund)
    assert opened.values == {} or "ansokan.titel" not in opened.values
    assert opened.findings and opened.findings[0].rule.startswith("Y")


# -- the check -----------------------------------------------------------------------------------


def test_the_check_is_the_desks_own(forbund: Forbund, tmp_path: Path) -> None:
    """The same files give the same JSON as `finsam kontrollera --format json`, finding for
    finding, and each finding names its field."""
    config = config_folder(tmp_path / "data")
    off = {**VALID, "ansokan.sokt_belopp": "1700002"}  # 2 kr more than the budget
    answer = json.loads(check_json(json.dumps(off), str(config)))
    code, cli = kontrollera(tmp_path / "repo", FOLDER, answer["filer"])
    assert code == 1
    assert answer["rapport"] == cli
    assert [f["regel"] for f in cli["fynd"]] == ["B208"]
    assert answer["falt"] == ["ansokan.sokt_belopp"]
    fixed = json.loads(check_json(json.dumps(VALID), str(config)))
    assert fixed["rapport"]["fynd"] == [] and fixed["mapp"] == FOLDER
    assert kontrollera(tmp_path / "repo2", FOLDER, fixed["filer"])[0] == 0


def test_findings_point_at_fields_documents_and_sections(forbund: Forbund, tmp_path: Path) -> None:
    config = config_folder(tmp_path / "data")
    values = {k: v for k, v in VALID.items() if k not in ("ansokan.titel", "ansokan.avsnitt.syfte")}
    values["budget.rader.1.belopp.2027"] = "15 000 kr"
    files = folder_files(values, forbund)
    result, fields = check_files(files, FOLDER, config / "forbund.yml")
    by_rule = {(f.rule, name) for f, name in zip(result.findings, fields, strict=True)}
    assert ("S001", "ansokan.titel") in by_rule
    assert ("A109", "ansokan.avsnitt.syfte") in by_rule
    assert any(name == "budget.rader.1.belopp.2027" for _, name in by_rule)


def test_the_entry_points_take_and_give_json(forbund: Forbund, tmp_path: Path) -> None:
    config = str(config_folder(tmp_path / "data"))
    archive = zip_json(json.dumps(VALID), config)
    opened = json.loads(open_json(json.dumps({"x.zip": _b64(archive)}), config))
    assert opened["varden"] == _normal(VALID) and opened["fynd"] == []
    assert json.loads(check_json("{}", config))["rapport"]["sammanfattning"]["fel"] > 0
    (Path(config) / "pull_request.md").write_text("**Insatsägare:**\n", "utf-8")
    assert pull_request_json(json.dumps(VALID), config).strip() == "**Insatsägare:** Provby kommun"
    # An idéskiss takes its own template where the repository has one, else the application's.
    assert pull_request_json(json.dumps(SKETCH), config).startswith("**Insatsägare:**")
    (Path(config) / "pull_request_ideskiss.md").write_text("## Idéskiss\n**Arbetsnamn:**\n")
    sketch_text = pull_request_json(json.dumps(SKETCH), config)
    assert sketch_text.startswith("## Idéskiss\n**Arbetsnamn:** ") and len(sketch_text) > 25
    assert pull_request_json(json.dumps(VALID), config).startswith("**Insatsägare:**")


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode()


# -- handing in ----------------------------------------------------------------------------------


def test_the_pull_request_text_is_the_repositorys_template_filled_in(forbund: Forbund) -> None:
    template = (TESTS.parent / ".github" / "PULL_REQUEST_TEMPLATE" / "ny-ansokan.md").read_text(
        "utf-8"
    )
    text = pull_request_text(template, VALID, forbund)
    assert f"`applications/{FOLDER}/`" in text and "<id>" not in text
    assert "**Insatsägare:** Provby kommun\n" in text
    assert "**Samverkande parter:** Arbetsförmedlingen\n" in text
    assert "**Planerad insatstid:** 2026-01-01 – 2028-12-31\n" in text
    # The opening of the section that sums the insats up (the test förbund names none: the
    # first section), in place of the template's placeholder comment.
    assert "### Kort om insatsen\n\nMånga i målgruppen har kontakt med flera myndigheter.\n" in text
    assert "<!-- Två eller tre meningar" not in text
    assert "- [ ]" in text  # the checklist is the applicant's to tick


# -- the page ------------------------------------------------------------------------------------


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.ids: list[str] = []
        self.labelled: set[str] = set()
        self.described: set[str] = set()
        self.controls: list[str] = []
        self._template = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "template":
            self._template += 1
        if self._template:
            return
        if "id" in found:
            self.ids.append(found["id"])
        if tag == "label" and "for" in found:
            self.labelled.add(found["for"])
        self.described.update(found.get("aria-describedby", "").split())
        if tag in ("input", "select", "textarea") and found.get("type") not in ("hidden", "file"):
            self.controls.append(found["id"])
        if tag in ("input", "select", "textarea") and "name" in found:
            self.names.add(found["name"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._template -= 1


def test_the_page_draws_every_field_under_the_names_the_files_take(forbund: Forbund) -> None:
    page = form_page(forbund, 2026)
    controls = _Controls()
    controls.feed(page)
    assert len(controls.ids) == len(set(controls.ids))  # unique ids
    assert set(controls.controls) <= controls.labelled  # every control has its label
    assert controls.described <= set(controls.ids)  # every help text exists
    special = {"id", "mall", "dokument", "behall"}
    for name in controls.names - special:
        assert (
            name.endswith(".behall") or re.match(r"\w+\.avsnitt\.\w+\Z", name) or field_of(name)
        ), name
    drawn = {spec_key(n) for n in controls.names}
    assert {k for k in FIELDS if "[]" not in k and "{ar}" not in k} <= drawn
    assert "Insatsens namn" in page and "Arbetsnamn" in page  # the schemas' titles
    assert "Beskriv behovet ur alla parters perspektiv." in page  # a mall's guidance


def test_a_form_for_a_forbund_without_ideas_offers_the_application_only(
    forbund: Forbund,
) -> None:
    page = form_page(forbund._replace(sketch=None), 2026)
    assert '<input type="hidden" name="dokument" value="ansokan">' in page
    assert "Idéskissens frågor" not in page


def test_fields_are_typed_into_the_schemas_dates(forbund: Forbund) -> None:
    files = folder_files({**VALID, "ansokan.period.start": "2026-02-30"}, forbund)
    assert "start: '2026-02-30'" in files["ansokan.yaml"]  # no date: written as text
    assert dt.date(2026, 1, 1).isoformat() in folder_files(VALID, forbund)["ansokan.yaml"]


# -- the bundle ----------------------------------------------------------------------------------


def test_the_bundle_holds_what_the_check_imports_in_plain_python(tmp_path: Path) -> None:
    from finsam.site.form_assets import bundle, module_files

    shutil.copyfile(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    modules = module_files(tmp_path)
    assert "jsonschema" in modules and "referencing" in modules and "finsam.checker" in modules
    assert not any(name.startswith("finsam.site") for name in modules)
    names = zipfile.ZipFile(io.BytesIO(bundle(tmp_path, modules))).namelist()
    assert "finsam/form/check.py" in names and "finsam/schema/ansokan.schema.json" in names
    assert "rpds/__init__.py" in names and "data/forbund.yml" in names
    assert "yaml/__init__.py" in names and "finsam/site/pages.py" not in names
    assert not [n for n in names if n.endswith((".so", ".pyc", ".pyd"))]
    assert any(n.startswith("jsonschema_specifications/schemas/draft202012/") for n in names)


# -- the way in, shown on the site ----------------------------------------------------------------

WALKTHROUGH = TESTS.parent / "docs" / "lamna-in.md"
PNG = b"\x89PNG\r\n\x1a\n"


def test_the_walkthrough_shows_every_step_in_a_picture_with_a_description() -> None:
    text = WALKTHROUGH.read_text("utf-8")
    pictures = re.findall(r"!\[([^\]]+)\]\((bilder/[^)]+)\)", text)
    assert len(pictures) == 4
    for alt, path in pictures:
        assert len(" ".join(alt.split())) >= 60, path  # says what the picture shows
        assert (WALKTHROUGH.parent / path).read_bytes().startswith(PNG), path
    # The pictures come from the form itself (make bilder): each is taken, none left over.
    taken = re.findall(r'"(skriv-[a-z-]+\.png)"', (TESTS / "form_screenshots.py").read_text())
    assert sorted(f"bilder/{name}" for name in taken) == sorted(path for _, path in pictures)


# What GitHub's own pages call their parts (they are in English), and the page's own words.
GITHUB_WORDS = {
    "Upload files",
    "Drag files here",
    "choose your files",
    "Commit changes",
    "Propose changes",
    "Create pull request",
    "Add file",
    "fork",
    "pull request",
}
PAGE_WORDS = {"Fel", "Varningar"}


def test_the_walkthrough_names_the_forms_own_buttons_and_headings(forbund: Forbund) -> None:
    """The page tells the applicant what to press and where to look: every name it sets in
    bold or italics is GitHub's, or the form's own words (in its page or its script)."""
    script = (TESTS.parent / "docs" / "javascripts" / "skriv.js").read_text("utf-8")
    form = " ".join((form_page(forbund, 2026) + script).split())
    text = " ".join(WALKTHROUGH.read_text("utf-8").split())
    named = re.findall(r"\*\*([^*]+)\*\*", text) + re.findall(r"(?<!\*)\*([^*]+)\*(?!\*)", text)
    ours = [name for name in named if name not in GITHUB_WORDS | PAGE_WORDS]
    assert len(ours) >= 6, ours
    assert [name for name in ours if name not in form] == []
