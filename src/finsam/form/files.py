"""The form's values as the files of an insats folder, written as the desk writes the files it
imports from Word and Excel (finsam.document_files, finsam.office.excel_yaml): each text
document's facts in <name>.yaml and its text in <name>.md, the budget in budget.yaml, each
naming its mall's schema on the förbund's site.

``folder_files`` is the one way from the form to files: the page's check, its downloads and
its zip all come from it. A value is typed as its document's schema types it (a date as a
date, whole kronor as a whole number); what cannot be read as that type is written as the text
it is, so that the desk's check says what is wrong with it, in its own words. A field that the
document requires and the applicant left empty is written empty (``titel: null``), as the
templates write it: the check then names that very field, and the page links to it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from finsam.document_files import text_document_files
from finsam.editor_schemas import schema_url
from finsam.form.fields import (
    APPLICATION,
    DOCUMENT,
    FOLDER_ID,
    KEPT,
    SECTIONS,
    SKETCH,
    TEMPLATE,
    YES,
    Field,
    field_of,
    section_name,
)
from finsam.loader.application import ANSOKAN, BUDGET, IDESKISS
from finsam.model.forbund import Forbund, SectionSpec, Template
from finsam.office.excel_yaml import budget_yaml
from finsam.office.yaml_out import Flow
from finsam.rules.application import ID_PATTERN
from finsam.schemas import load_schema

NEW_ID = "ny-insats"  # the folder's name until the applicant gives the id
MAX_ID = 80  # as the schemas allow
_WHOLE = re.compile(r"[0-9]+\Z")
_DECIMAL = re.compile(r"[0-9]+(?:[.,][0-9]+)?\Z")
_RANGE = re.compile(r"([0-9]+)\s*(?:[-–—]|till)\s*([0-9]+)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Small mappings written on one line, and lists whose entries are, as the Word import writes them.
_FLOW = ("mall", "period", "datering")
_FLOW_ENTRIES = ("tidplan", "kontakter", "underskrifter")


def folder_id(values: Mapping[str, str]) -> str:
    """The folder's name: the id the applicant gave, when it can be one (the check says what
    is wrong with any other, and no other becomes a path)."""
    given = values.get(FOLDER_ID, "").strip()
    return given if ID_PATTERN.match(given) and len(given) <= MAX_ID else NEW_ID


def _given_id(values: Mapping[str, str]) -> str | None:
    """The id as the documents hold it: empty until the applicant gives it."""
    return values.get(FOLDER_ID, "").strip() or None


def chosen_template(values: Mapping[str, str], forbund: Forbund) -> Template:
    """The mall the form names (id@version), else the förbund's first."""
    template_id, _, version = values.get(TEMPLATE, "").partition("@")
    return forbund.template(template_id, version) or next(iter(forbund.templates.values()))


def folder_files(
    values: Mapping[str, str], forbund: Forbund, draft: bool = False
) -> dict[str, str]:
    """The folder's files (name: text) for the form's values: the idéskiss (ideskiss.yaml and
    ideskiss.md) for an idéskiss; the application (ansokan.yaml, ansokan.md) and budget.yaml
    for an application, and the idéskiss beside them when the form holds one, so that revising
    an application keeps it. A ``draft`` holds every document the form has anything of, so
    that saving it as files loses nothing."""
    kept = _kept(values.get(KEPT, ""))
    files: dict[str, str] = {}
    sketch = forbund.sketch
    writing_sketch = values.get(DOCUMENT) == SKETCH
    if sketch is not None and (writing_sketch or _has_content(values, SKETCH)):
        files.update(_sketch_files(values, forbund, kept.get(SKETCH, {})))
    has_application = _has_content(values, APPLICATION) or _has_content(values, "budget")
    if not writing_sketch or (draft and has_application):
        template = chosen_template(values, forbund)
        files.update(_application_files(values, forbund, template, kept.get(APPLICATION, {})))
        files[BUDGET] = _budget_text(values, forbund, template, kept.get("budget", {}))
    return files


# -- values to data ------------------------------------------------------------------------------


def _has_content(values: Mapping[str, str], document: str) -> bool:
    prefix = f"{document}."
    for name, value in values.items():
        field = field_of(name)
        if name.startswith(prefix) and value.strip() and (field is None or value != field.default):
            return True
    return False


def _kept(text: str) -> dict[str, Any]:
    """What a read document held that the form has no field for (read.py), by document."""
    try:
        kept = json.loads(text) if text else {}
    except ValueError:
        return {}
    return kept if isinstance(kept, dict) else {}


def typed(field: Field, text: str) -> Any:
    """A control's text as the value its document holds, or the text itself when it is not
    what the field takes (the check then says so)."""
    value = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if field.kind in ("amount", "integer"):
        bare = _SPACES.sub("", value)
        return int(bare) if _WHOLE.match(bare) and len(bare) <= 15 else value
    if field.kind == "decimal":
        bare = _SPACES.sub("", value)
        if not _DECIMAL.match(bare) or len(bare) > 15:
            return value
        number = float(bare.replace(",", "."))
        return int(number) if number.is_integer() else number
    if field.kind == "count":
        bare = value.removesuffix("deltagare").removesuffix("personer").strip()
        if _WHOLE.match(bare) and len(bare) <= 9:
            return int(bare)
        span = _RANGE.match(bare)
        if span and len(bare) <= 20:
            return {"min": int(span[1]), "max": int(span[2])}
        return value
    if field.kind == "check":
        return value == YES
    return value


def _set(target: dict[str, Any], parts: list[str], value: Any) -> None:
    """Put ``value`` at a form name's path: a number is an entry of a list (as a mapping of
    index to entry until _lists makes it a list), except in a mapping of years."""
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def _lists(node: Any, key: str = "") -> Any:
    """The mappings of entry numbers as lists, in order (a year mapping stays a mapping)."""
    if not isinstance(node, dict):
        return node
    if node and key not in ("belopp", "per_ar") and all(k.isdigit() for k in node):
        return [_lists(node[k], key) for k in sorted(node, key=int)]
    return {k: _lists(v, k) for k, v in node.items()}


def document_data(values: Mapping[str, str], document: str) -> dict[str, Any]:
    """The facts of one document from the form's values: every filled-in field typed, every
    entry of a list that holds more than its defaults, and what a read document held beside
    them for an entry (its ``behall``)."""
    data: dict[str, Any] = {}
    kept_entries: list[tuple[list[str], str]] = []
    prefix = f"{document}."
    for name, text in values.items():
        if not name.startswith(prefix):
            continue
        parts = name.split(".")[1:]
        if parts[-1] == KEPT:
            kept_entries.append((parts[:-1], text))
            continue
        field = field_of(name)
        if field is None or parts[0] == SECTIONS:
            continue
        value = typed(field, text)
        if value == "" or value is False:
            continue
        if field.default and text.strip() == field.default:
            _set(data, parts, _Default(value))
        else:
            _set(data, parts, value)
    for parts, text in kept_entries:
        extra = _kept(text)
        if extra:
            target = data
            for part in parts:
                target = target.setdefault(part, {})
            for key, value in extra.items():
                target.setdefault(key, value)
    shaped_data: dict[str, Any] = _without_empty_entries(_lists(data))
    return shaped_data


class _Default(str):
    """A value the page starts with: an entry that holds nothing else is empty."""

    __slots__ = ()


def _without_empty_entries(node: Any) -> Any:
    """Entries of lists that hold only defaults are left out (an empty row of the page)."""
    if isinstance(node, dict):
        return {key: _without_empty_entries(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_without_empty_entries(e) for e in node if _has_own_value(e)]
    return str(node) if isinstance(node, _Default) else node


def _has_own_value(node: Any) -> bool:
    if isinstance(node, dict):
        return any(_has_own_value(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_own_value(v) for v in node)
    return not isinstance(node, _Default)


def _merge(kept: Any, given: Any) -> Any:
    """What the form gives, over what a read document held beside it."""
    if isinstance(kept, dict) and isinstance(given, dict):
        out = dict(kept)
        for key, value in given.items():
            out[key] = _merge(kept.get(key), value)
        return out
    return given


# -- the schema's shape --------------------------------------------------------------------------


def _resolve(root: dict[str, Any], node: Any) -> dict[str, Any]:
    if not isinstance(node, dict):
        return {}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = root["$defs"][ref.removeprefix("#/$defs/")]
        return {**_resolve(root, target), **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def shaped(root: dict[str, Any], node: Any, value: Any) -> Any:
    """``value`` as its schema has it: keys in the schema's order (others after them), dates
    as dates and years as whole numbers, so that the file reads as the desk writes it."""
    node = _resolve(root, node)
    if isinstance(value, dict):
        properties = node.get("properties", {})
        if properties:
            order = [k for k in properties if k in value] + [
                k for k in value if k not in properties
            ]
            return {k: shaped(root, properties.get(k), value[k]) for k in order}
        inner = node.get("additionalProperties")
        years = {_year(k): shaped(root, inner, v) for k, v in value.items()}
        return dict(sorted(years.items(), key=lambda item: (str(type(item[0])), item[0])))
    if isinstance(value, list):
        return [shaped(root, node.get("items"), entry) for entry in value]
    if isinstance(value, str) and node.get("format") == "date" and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # 2026-02-30: written as typed, and the check says so
            return value
    return value


def _year(key: Any) -> Any:
    return int(key) if isinstance(key, str) and _WHOLE.match(key) and len(key) == 4 else key


def _required(root: dict[str, Any], node: Any, value: dict[str, Any]) -> None:
    """Every key that the schema requires and the form left empty, written empty (null), down
    through the mappings and list entries that are there."""
    node = _resolve(root, node)
    properties = node.get("properties", {})
    for key in node.get("required", []):
        if key not in value and key in properties:
            sub = _resolve(root, properties[key])
            if sub.get("type") == "object":
                value[key] = {}
            elif sub.get("type") == "array":
                value[key] = [{}] if _resolve(root, sub.get("items")).get("required") else None
            else:
                value[key] = None
    for key, sub_value in value.items():
        sub = _resolve(root, properties.get(key))
        if isinstance(sub_value, dict) and sub.get("properties"):
            _required(root, sub, sub_value)
        elif isinstance(sub_value, list):
            for entry in sub_value:
                if isinstance(entry, dict):
                    _required(root, sub.get("items"), entry)


def _empty(value: dict[str, Any], path: str) -> None:
    """Write the key at ``path`` (dots) empty when it is missing, below what exists."""
    *parents, last = path.split(".")
    for part in parents:
        child = value.get(part)
        if child is None:
            child = value[part] = {}
        if not isinstance(child, dict):
            return
        value = child
    value.setdefault(last, None)


# -- the documents -------------------------------------------------------------------------------


def _version(version: str) -> int | str:
    return int(version) if version.isdigit() else version


def _flowed(front: dict[str, Any]) -> dict[str, Any]:
    """Small mappings on one line, as the repository writes them: mall: {id: …, version: …}."""
    for key in _FLOW:
        if isinstance(front.get(key), dict):
            front[key] = Flow(front[key])
    for key in _FLOW_ENTRIES:
        if isinstance(front.get(key), list):
            front[key] = [Flow(e) if isinstance(e, dict) else e for e in front[key]]
    return front


def _text_document(
    name: str, front: dict[str, Any], sections: list[str], kept_sections: list[Any], schema: str
) -> dict[str, str]:
    """A text document as the Word import writes it (finsam.document_files): its facts in
    <name>.yaml, and each section under its ## heading in <name>.md."""
    body = list(sections)
    for entry in kept_sections:  # headings the mall does not have, kept from a read document
        if isinstance(entry, list) and len(entry) == 2 and all(isinstance(e, str) for e in entry):
            body.append(_section(entry[0], entry[1]))
    return text_document_files(name, front, "\n".join(body), schema)


def _section(heading: str, text: str) -> str:
    return f"## {heading}\n" + (f"\n{text}\n" if text else "")


def _sections(
    values: Mapping[str, str], document: str, specs: tuple[SectionSpec, ...]
) -> list[str]:
    """Each section of the mall with the applicant's text; a fixed text as the mall has it. An
    optional section left empty is left out, a required one is written empty (the check says
    so at its heading)."""
    out = []
    for spec in specs:
        if spec.fixed_text is not None:
            out.append(_section(spec.heading, spec.fixed_text.strip()))
            continue
        text = values.get(section_name(document, spec.key), "")
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if text or spec.required:
            out.append(_section(spec.heading, text))
    return out


def _application_files(
    values: Mapping[str, str], forbund: Forbund, template: Template, kept: dict[str, Any]
) -> dict[str, str]:
    schema = load_schema("ansokan")
    data = _merge(kept.get("uppgifter", {}), document_data(values, APPLICATION))
    front: dict[str, Any] = {
        "id": _given_id(values),
        "mall": {"id": template.id, "version": _version(template.version)},
        **data,
    }
    _required(schema, schema, front)
    rules = template.rules
    if rules.last_intake_required:
        _empty(front, "period.sista_intag")
    if rules.ages_required:
        _empty(front, "malgrupp.alder_min")
        _empty(front, "malgrupp.alder_max")
    if front.get("insatsinriktning") == "individinriktad":
        _empty(front, "malgrupp.forvantat_antal_deltagare")
    if rules.dating_required and front.get("status") == "inlamnad":
        _empty(front, "datering.ort")
        _empty(front, "datering.datum")
    front = _flowed(shaped(schema, schema, front))
    return _text_document(
        ANSOKAN,
        front,
        _sections(values, APPLICATION, template.sections),
        kept.get(SECTIONS, []),
        schema_url(forbund, template, APPLICATION),
    )


def _sketch_files(
    values: Mapping[str, str], forbund: Forbund, kept: dict[str, Any]
) -> dict[str, str]:
    assert forbund.sketch is not None
    schema = load_schema("ideskiss")
    data = _merge(kept.get("uppgifter", {}), document_data(values, SKETCH))
    front: dict[str, Any] = {
        "id": _given_id(values),
        "mall": {"id": "ideskiss", "version": _version(forbund.sketch.version)},
        **data,
    }
    _required(schema, schema, front)
    front = _flowed(shaped(schema, schema, front))
    return _text_document(
        IDESKISS,
        front,
        _sections(values, SKETCH, forbund.sketch.sections),
        kept.get(SECTIONS, []),
        schema_url(forbund, None, SKETCH),
    )


def _salary(template: Template, row: dict[str, Any]) -> bool:
    category = template.category_lookup.get(str(row.get("kategori")))
    return category is not None and category.group == "lon" and row.get("i_natura") is not True


def _budget_text(
    values: Mapping[str, str], forbund: Forbund, template: Template, kept: dict[str, Any]
) -> str:
    """budget.yaml as the Excel import writes it, one entry of rader per row of the page."""
    schema = load_schema("budget")
    data = _merge(kept.get("uppgifter", {}), document_data(values, "budget"))
    rows = [row for row in data.get("rader", []) if isinstance(row, dict)]
    for row in rows:
        _required(schema, schema["$defs"]["rad"], row)
        if row.get("finansiering") == "forbundet":
            row.setdefault("part", None)
        if _salary(template, row):
            if "tjanster" not in row:
                row.setdefault("tjanstgoringsgrad", None)
            _empty(row, "period.start")
            _empty(row, "period.slut")
    typed_rows = [shaped(schema, schema["$defs"]["rad"], row) for row in rows]
    groups = [
        shaped(schema, schema["$defs"]["fordelning"], g) for g in data.get("fordelning_per_ar", [])
    ]
    return budget_yaml(typed_rows, groups or None, schema_url(forbund, template, "budget"))
