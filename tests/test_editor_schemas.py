"""The editor's schemas per mall: the förbund's members and the mall's categories to choose
from, with their names and a Swedish message for anything else; and the templates on the site
point to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema

from finsam.editor_schemas import EDITOR_KINDS, editor_schema, editor_schema_files
from finsam.loader.markdown_doc import split_front_matter
from finsam.loader.text import read_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.forbund import Forbund
from finsam.site.field_guide import template_files
from tests.conftest import TESTS

VALID = TESTS / "cases" / "valid"


def _data(path: Path) -> Any:
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


def test_every_valid_case_is_valid_under_its_malls_editor_schemas(forbund: Forbund) -> None:
    checked = 0
    for case in sorted(p for p in VALID.iterdir() if (p / "ansokan.md").is_file()):
        ansokan = _data(case / "ansokan.md")
        template = forbund.template(ansokan["mall"]["id"], ansokan["mall"]["version"])
        if template is None:
            continue
        documents = {"ansokan": case / "ansokan.md", "budget": case / "budget.yaml"}
        documents |= {f"rapport:{r.name}": r for r in sorted((case / "rapporter").glob("*.md"))}
        for kind, path in documents.items():
            schema = editor_schema(kind.split(":")[0], forbund, template)
            jsonschema.Draft202012Validator.check_schema(schema)
            assert _errors(schema, _data(path)) == [], (case.name, kind)
            checked += 1
    assert checked >= 10


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


def test_the_sites_templates_name_their_malls_schemas(forbund: Forbund) -> None:
    files = editor_schema_files(forbund)
    assert len(files) == len(forbund.templates) * len(EDITOR_KINDS)
    templates = template_files(forbund)
    for template in forbund.templates.values():
        folder = f"schema/mallar/{template.id}-{template.version}"
        for name, kind in (("ansokan.md.txt", "ansokan"), ("budget.yaml", "budget")):
            text = templates[f"mallar/{template.id}-{template.version}/{name}"]
            line = next(line for line in text.split("\n") if "yaml-language-server" in line)
            assert line == (
                f"# yaml-language-server: $schema=https://provby.example/ansokan/{folder}/{kind}.schema.json"
            )
            assert f"{folder}/{kind}.schema.json" in files
