"""The editor's schemas per mall: the förbund's members and the mall's categories to choose
from, with their names and a Swedish message for anything else; and the templates on the site
point to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema

from finsam.editor_schemas import EDITOR_KINDS, MALL_KINDS, editor_schema, editor_schema_files
from finsam.loader.markdown_doc import split_front_matter
from finsam.loader.text import read_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.forbund import Forbund
from finsam.site.field_guide import template_files
from tests.conftest import TESTS

VALID = TESTS / "cases" / "valid"


def _data(path: Path) -> Any:
    if path.with_suffix(".yaml").is_file():  # the split layout: the facts beside the text
        path = path.with_suffix(".yaml")
    text, _ = read_text(path, path.name)  # as the desk reads it: BOM and CRLF folded away
    assert text is not None
    if path.suffix == ".md":
        front, _ = split_front_matter(text, path.name)
        assert front is not None
        text = front.yaml_text
    doc, findings = parse_yaml(text, path.name)
    assert doc is not None, findings
    return doc.data


def _errors(schema: dict[str, Any], data: Any) -> list[jsonschema.ValidationError]:
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return list(validator.iter_errors(data))


def _documents(case: Path) -> dict[str, Path]:
    """A case's documents by kind (a report by kind:name), each by its text file or its own
    .yaml file: the split layout and the front matter alike."""
    documents = {
        kind: case / name
        for kind, name in (
            ("ideskiss", "ideskiss.md"),
            ("ansokan", "ansokan.md"),
            ("budget", "budget.yaml"),
            ("beredning", "beredning.yaml"),
            ("beslut", "beslut.yaml"),
        )
        if (case / name).is_file() or (case / name).with_suffix(".yaml").is_file()
    }
    reports = {r.stem for r in (case / "rapporter").glob("*") if r.suffix in (".md", ".yaml")}
    documents |= {f"rapport:{r}": case / "rapporter" / f"{r}.md" for r in sorted(reports)}
    return documents


def test_every_valid_case_is_valid_under_its_malls_editor_schemas(forbund: Forbund) -> None:
    checked: set[str] = set()
    for case in sorted(p for p in VALID.iterdir() if p.is_dir()):
        documents = _documents(case)
        template = None
        if "ansokan" in documents:
            mall = _data(documents["ansokan"])["mall"]
            template = forbund.template(mall["id"], mall["version"])
            if template is None:
                continue
        for kind, path in documents.items():
            kind = kind.split(":")[0]
            if template is None and kind != "ideskiss":
                continue
            schema = editor_schema(kind, forbund, template)
            jsonschema.Draft202012Validator.check_schema(schema)
            assert _errors(schema, _data(path)) == [], (case.name, kind)
            checked.add(kind)
    assert checked == set(EDITOR_KINDS)


def test_members_and_categories_are_lists_with_names_and_swedish_messages(
    forbund: Forbund,
) -> None:
    template = forbund.template("standard", "2024")
    assert template is not None
    budget = editor_schema("budget", forbund, template)
    row = budget["$defs"]["rad"]["properties"]
    assert row["kategori"]["enum"] == [c.id for c in template.categories]
    assert row["kategori"]["enumDescriptions"] == [c.name for c in template.categories]
    assert row["part"]["enum"] == list(forbund.parties)
    assert "Provby kommun" in row["part"]["enumDescriptions"]
    data = _data(VALID / "komplett" / "budget.yaml")
    data["rader"][0]["kategori"] = "konsulter"
    data["rader"][0]["part"] = "norrby-kommun"
    wrong = {tuple(e.absolute_path)[-1] for e in _errors(budget, data)}
    assert wrong == {"kategori", "part"}
    assert "finns inte i mallen" in row["kategori"]["errorMessage"]
    assert "lon (Lönekostnad)" in row["kategori"]["errorMessage"]
    report = editor_schema("rapport", forbund, template)
    assert report["properties"]["utfall"]["propertyNames"]["enum"] == row["kategori"]["enum"]
    ansokan = editor_schema("ansokan", forbund, template)
    assert ansokan["$defs"]["partid"]["enum"] == list(forbund.parties)
    assert ansokan["properties"]["mall"]["properties"]["id"]["const"] == "standard"


def _editor_message(error: jsonschema.ValidationError) -> str:
    """What the editor says for an error: the schema's own message, as yaml-language-server
    prefers it (patternErrorMessage for a pattern or format, else errorMessage)."""
    schema = error.schema
    assert isinstance(schema, dict)
    return str(schema.get("patternErrorMessage") or schema.get("errorMessage") or error.message)


def test_the_other_documents_get_lists_names_and_swedish_messages(forbund: Forbund) -> None:
    template = forbund.template("standard", "2024")
    assert template is not None
    sketch = editor_schema("ideskiss", forbund, None)
    assert sketch["$defs"]["partid"]["enum"] == list(forbund.parties)
    assert sketch["$defs"]["partid"]["errorMessage"].startswith("Skriv id:t för en av")
    assert sketch["properties"]["mall"]["properties"]["version"]["enum"] == ["2025", 2025]
    decision = editor_schema("beslut", forbund, template)["$defs"]["beslut"]["properties"]
    assert decision["organ"]["enumDescriptions"][-1] == "Förbundschefen (på delegation)"
    assert decision["utfall"]["errorMessage"].startswith("Välj ett av värdena: beviljad,")
    report = editor_schema("rapport", forbund, template)["properties"]["utfall"]
    assert report["properties"]["lon"]["title"] == "Lönekostnad"  # completed, with its name
    data = _data(VALID / "delade-filer" / "beslut.yaml")
    data["beslut"][0]["datum"] = "12 juni 2025"
    data["beslut"][0]["beviljat"][2025] = "300 tkr"
    schema = editor_schema("beslut", forbund, template)
    messages = sorted(_editor_message(e) for e in _errors(schema, data))
    assert messages == [
        "Skriv beloppet i hela kronor med bara siffror, till exempel 120000.",
        "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15.",
    ]


def test_the_sites_templates_name_their_malls_schemas(forbund: Forbund) -> None:
    files = editor_schema_files(forbund)
    assert len(files) == len(forbund.templates) * len(MALL_KINDS) + 1  # and the idéskiss's
    assert "schema/mallar/ideskiss-2025/ideskiss.schema.json" in files
    templates = template_files(forbund)
    site = "https://provby.example/ansokan"
    for template in forbund.templates.values():
        folder = f"schema/mallar/{template.id}-{template.version}"
        downloads = f"mallar/{template.id}-{template.version}"
        for name, kind in (("ansokan.yaml", "ansokan"), ("budget.yaml", "budget")):
            first = templates[f"{downloads}/{name}"].split("\n", 1)[0]
            assert first == f"# yaml-language-server: $schema={site}/{folder}/{kind}.schema.json"
            assert f"{folder}/{kind}.schema.json" in files
        # The text has the mall's headings, and no facts of its own (that would be Y014).
        text = templates[f"{downloads}/ansokan.md.txt"]
        assert text.startswith("## ") and "---" not in text.split("\n", 1)[0]


def test_the_beredning_offers_the_malls_criteria_the_scale_and_the_body(forbund: Forbund) -> None:
    template = forbund.template("standard", "2024")
    assert template is not None
    schema = editor_schema("beredning", forbund, template)
    verdict = schema["$defs"]["kriteriebedomning"]["properties"]
    # The criterion for the old form only (tidplan) is not offered for the standard mall.
    assert verdict["kriterium"]["enum"] == ["behovsanalys", "samverkan", "utvardering"]
    assert verdict["kriterium"]["enumDescriptions"][0] == "Grundad i en behovsanalys"
    assert verdict["kriterium"]["errorMessage"].startswith("Skriv id:t för ett av kriterierna")
    assert verdict["bedomning"]["enum"] == ["ja", "delvis", "nej"]
    assert verdict["bedomning"]["enumDescriptions"] == [
        "Uppfyllt",
        "Delvis uppfyllt",
        "Inte uppfyllt",
    ]
    assert schema["properties"]["bedomning"]["properties"]["organ"]["enum"] == ["beredningsgruppen"]
    proposal = schema["properties"]["rekommendation"]["properties"]["forslag"]
    assert proposal["enumDescriptions"] == [
        "Bevilja",
        "Bevilja med villkor",
        "Avslå",
        "Återremittera",
    ]
    data = _data(VALID / "beredd" / "beredning.yaml")
    data["bedomning"]["kriterier"][0]["bedomning"] = "kanske"
    data["bedomning"]["kriterier"][1]["kriterium"] = "tidplan"
    messages = sorted(_editor_message(e) for e in _errors(schema, data))
    assert messages == [
        "Skriv id:t för ett av kriterierna som gäller ansökan: behovsanalys (Grundad i en "
        "behovsanalys), samverkan (Utvecklar samverkan), utvardering (Plan för utvärdering).",
        "Skriv ja, delvis eller nej.",
    ]


def test_a_points_scale_is_a_range_of_whole_numbers(forbund: Forbund) -> None:
    from finsam.model.forbund import AssessmentConfig

    assert forbund.assessment is not None
    points = forbund._replace(
        assessment=AssessmentConfig(
            "radet", "rådet", "poang", forbund.assessment.criteria, points_min=1, points_max=5
        )
    )
    schema = editor_schema("beredning", points, forbund.template("nnv", "2020"))
    verdict = schema["$defs"]["kriteriebedomning"]["properties"]
    assert verdict["kriterium"]["enum"] == ["behovsanalys", "samverkan", "tidplan"]
    assert (verdict["bedomning"]["minimum"], verdict["bedomning"]["maximum"]) == (1, 5)
    assert verdict["bedomning"]["errorMessage"] == "Skriv poängen som ett heltal från 1 till 5."
