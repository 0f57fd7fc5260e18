"""Schemas for the editor, one set per mall: the general schemas of schema/ with the förbund's
own members and the mall's own categories as lists to choose from (`enum`, with the names as
`enumDescriptions`) and Swedish messages for a value outside them (`errorMessage`). An editor
with the YAML extension (yaml-language-server) then completes a party or a category, shows its
name on hover and marks an unknown one in Swedish. Fixed values, patterns, dates and amounts
get Swedish messages too; the kansli's beredning gets the förbund's criteria that apply to the
mall and its scale. One more set holds the idéskiss's schema, which follows the förbund's
questions rather than a mall. The desk itself checks with the general schemas and
its rules; these only help while writing."""

from __future__ import annotations

import copy
import json
from typing import Any

from finsam.model.application import DIRECTION_NAMES
from finsam.model.assessment import PROPOSAL_NAMES
from finsam.model.deadlines import RHYTHM_NAMES
from finsam.model.decision import BODY_NAMES, STATUS_NAMES
from finsam.model.forbund import VERDICT_NAMES, AssessmentConfig, Forbund, SketchQuestions, Template
from finsam.schema_rules import AMOUNT_FORMAT
from finsam.schemas import load_schema

# Every document of an insats folder: the idéskiss, and the application, its budget, the
# kansli's beredning and decision and the reports, which follow a mall.
SKETCH = "ideskiss"
MALL_KINDS = ("ansokan", "budget", "beredning", "beslut", "rapport")  # one set per mall
EDITOR_KINDS = (SKETCH, *MALL_KINDS)

# Fixed values of the general schemas as people read them, shown beside each value.
_VALUE_NAMES: dict[str, dict[str, str]] = {
    "insatsinriktning": DIRECTION_NAMES,
    "organ": {k: v[0].upper() + v[1:] for k, v in BODY_NAMES.items()},
    "utfall": {k: v[0].upper() + v[1:] for k, v in STATUS_NAMES.items()},
    "rytm": {k: v[0].upper() + v[1:] for k, v in RHYTHM_NAMES.items()},
    "forslag": {k: v[0].upper() + v[1:] for k, v in PROPOSAL_NAMES.items()},
}

# What a value that does not match a pattern of the general schemas should look like.
_PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "Skriv bara små bokstäver a–z, siffror och bindestreck, "
    "till exempel 2026-unga-till-arbete.",
    "^(19|20)[0-9]{2}$": "Skriv ett årtal med fyra siffror, till exempel 2026.",
    "^[a-z0-9_]+$": "Skriv bara små bokstäver a–z, siffror och understreck.",
    "^[0-9 +()-]{5,25}$": "Skriv telefonnumret med siffror, och vid behov blanksteg, +, "
    "parenteser och bindestreck.",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": "Skriv en hel e-postadress, med @ och domän.",
}
_AMOUNT_MESSAGE = "Skriv beloppet i hela kronor med bara siffror, till exempel 120000."
# A value of the wrong type, or none where the template leaves a field to fill in.
_TYPE_WORDS = {
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
}
# Fields that take a number or a mapping, in words.
_FIELD_MESSAGES = {
    "forvantat_antal_deltagare": "Skriv ett heltal, eller ett spann som {min: 30, max: 40}.",
}
_LIST_MESSAGE = "Skriv en lista här: en post per rad, som börjar med ett bindestreck (-)."
_DATE_MESSAGE = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-15."


def _listed(ids: list[str], names: list[str]) -> str:
    return ", ".join(f"{i} ({n})" for i, n in zip(ids, names, strict=True))


def _members(forbund: Forbund) -> dict[str, Any]:
    ids = list(forbund.parties)
    names = [p.name for p in forbund.parties.values()]
    return {
        "enum": ids,
        "enumDescriptions": names,
        "errorMessage": f"Skriv id:t för en av förbundets medlemmar: {_listed(ids, names)}.",
    }


def _categories(template: Template) -> dict[str, Any]:
    ids = [c.id for c in template.categories]
    names = [c.name for c in template.categories]
    return {
        "enum": ids,
        "enumDescriptions": names,
        "errorMessage": f"Kategorin finns inte i mallen {template.title}. Mallens kategorier: "
        f"{_listed(ids, names)}.",
    }


def _narrow(node: Any, key: str, extra: dict[str, Any]) -> None:
    """Every property called ``key`` below ``node`` gets the lists and messages of
    ``extra``, in place of its pattern."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict) and isinstance(properties.get(key), dict):
            properties[key].update(extra)
            properties[key].pop("pattern", None)
        for value in node.values():
            _narrow(value, key, extra)
    elif isinstance(node, list):
        for value in node:
            _narrow(value, key, extra)


def _in_swedish(node: Any, key: str = "") -> None:
    """Swedish messages for the general schemas' fixed values, patterns, dates, amounts and
    values of the wrong type (or none, as in a template's empty fields), where the editor would
    otherwise say it in English; the names of fixed values beside them."""
    if isinstance(node, list):
        for value in node:
            _in_swedish(value)
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("enum"), list) and "errorMessage" not in node:
        values = [str(v) for v in node["enum"]]
        names = _VALUE_NAMES.get(key, {})
        if names and all(v in names for v in values):
            node["enumDescriptions"] = [names[v] for v in values]
        node["errorMessage"] = f"Välj ett av värdena: {', '.join(values)}."
    if key in _FIELD_MESSAGES:
        node.setdefault("errorMessage", _FIELD_MESSAGES[key])
    if node.get("type") == "integer" and node.get("x-regel") == AMOUNT_FORMAT.id:
        node.setdefault("errorMessage", _AMOUNT_MESSAGE)
    if node.get("format") == "date":
        node.setdefault("errorMessage", _DATE_MESSAGE)  # also for a date left empty
    kinds = node.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if kinds == ["array"]:
        node.setdefault("errorMessage", _LIST_MESSAGE)
    elif isinstance(kinds, list) and kinds and all(k in _TYPE_WORDS for k in kinds):
        # Not for objects: an object's message would stand for every key it does not allow.
        words = " eller ".join(_TYPE_WORDS[k] for k in kinds)
        node.setdefault("errorMessage", f"Skriv {words} här.")
    if "const" in node and "errorMessage" not in node:
        node["errorMessage"] = f"Här ska det stå {node['const']}."
    if isinstance(node.get("pattern"), str) and node["pattern"] in _PATTERN_MESSAGES:
        node.setdefault("patternErrorMessage", _PATTERN_MESSAGES[node["pattern"]])
    if node.get("format") == "date":
        node.setdefault("patternErrorMessage", _DATE_MESSAGE)  # a text that is no date
    for name, value in node.items():
        if name in ("properties", "$defs") and isinstance(value, dict):
            for child, sub in value.items():
                _in_swedish(sub, child)
        else:
            _in_swedish(value, key if name in ("items", "allOf", "anyOf", "oneOf") else "")


def _outcomes_by_category(schema: dict[str, Any], template: Template) -> None:
    """A report's utfall is keyed by category: each of the mall's categories as a property
    (which the editor completes, with its name), and any other key marked in Swedish."""
    outcome = schema["properties"]["utfall"]
    names = outcome["propertyNames"]
    names.update(_categories(template))
    names.pop("pattern", None)
    per_year = outcome["additionalProperties"]
    about = per_year.get("description", "")
    outcome["properties"] = {
        c.id: {**copy.deepcopy(per_year), "title": c.name, "description": f"{c.name}. {about}"}
        for c in template.categories
    }


def _assessment(
    schema: dict[str, Any], config: AssessmentConfig, template: Template | None
) -> None:
    """The beredning's body, the criteria that apply to the mall, and the förbund's scale, as
    lists to choose from with their names and Swedish messages."""
    schema["properties"]["bedomning"]["properties"]["organ"].update(
        {
            "enum": [config.body_id],
            "enumDescriptions": [config.body_name],
            "errorMessage": f"Skriv {config.body_id}: ansökningarna bedöms av {config.body_name}.",
        }
    )
    schema["properties"]["bedomning"]["properties"]["organ"].pop("pattern", None)
    criteria = config.applicable(template.id if template is not None else None)
    verdict = schema["$defs"]["kriteriebedomning"]["properties"]
    ids, names = [c.id for c in criteria], [c.name for c in criteria]
    verdict["kriterium"].update(
        {
            "enum": ids,
            "enumDescriptions": names,
            "errorMessage": f"Skriv id:t för ett av kriterierna som gäller ansökan: "
            f"{_listed(ids, names)}.",
        }
    )
    verdict["kriterium"].pop("pattern", None)
    if config.points:
        verdict["bedomning"].update(
            {
                "type": "integer",
                "minimum": config.points_min,
                "maximum": config.points_max,
                "errorMessage": f"Skriv poängen som ett heltal från {config.points_min} till "
                f"{config.points_max}.",
            }
        )
    else:
        verdict["bedomning"].update(
            {
                "type": "string",
                "enum": list(VERDICT_NAMES),
                "enumDescriptions": [v[0].upper() + v[1:] for v in VERDICT_NAMES.values()],
                "errorMessage": "Skriv ja, delvis eller nej.",
            }
        )


def editor_schema(kind: str, forbund: Forbund, template: Template | None) -> dict[str, Any]:
    """The schema of ``kind`` (one of EDITOR_KINDS) for a document of an insats on
    ``template``; the idéskiss, written before any mall is chosen, has none."""
    schema = copy.deepcopy(load_schema(kind))
    title = schema.get("title", kind)
    if template is not None:
        schema["title"] = f"{title} – {template.name} ({template.id}, {template.version})"
    elif forbund.sketch is not None:
        schema["title"] = f"{title} – {forbund.name} (frågornas version {forbund.sketch.version})"
    members = _members(forbund)
    definitions = schema.get("$defs", {})
    if isinstance(definitions.get("partid"), dict):
        definitions["partid"].update(members)
        definitions["partid"].pop("pattern", None)
    _narrow(schema, "part", members)
    if kind == "budget" and template is not None:
        _narrow(schema, "kategori", _categories(template))
    if kind == "rapport" and template is not None:
        _outcomes_by_category(schema, template)
    if kind == "beredning" and forbund.assessment is not None:
        _assessment(schema, forbund.assessment, template)
    if kind == "ansokan" and template is not None:
        mall = schema["properties"]["mall"]["properties"]
        mall["id"].update(
            {
                "const": template.id,
                "errorMessage": f"Schemat gäller mallen {template.id}. Följer ansökan en annan "
                "mall, byt adressen på första raden (yaml-language-server) mot den mallens.",
            }
        )
        mall["version"].update(
            {
                "enum": [template.version, _number(template.version)],
                "errorMessage": f"Schemat gäller version {template.version} av mallen "
                f"{template.id}.",
            }
        )
    if kind == "ideskiss" and forbund.sketch is not None:
        version = forbund.sketch.version
        schema["properties"]["mall"]["properties"]["version"].update(
            {
                "enum": [version, _number(version)],
                "errorMessage": f"Förbundets frågor för idéskisser har version {version}.",
            }
        )
    _in_swedish(schema)
    return schema


def _number(version: str) -> str | int:
    return int(version) if version.isdigit() else version


def editor_schema_files(forbund: Forbund) -> dict[str, str]:
    """Every editor schema by its path below the site: each mall's in
    schema/mallar/<id>-<version>/, and the idéskiss's (when the förbund takes idéskisser) in
    schema/mallar/ideskiss-<version>/, as an idéskiss names its questions (mall: ideskiss)."""
    files = {}
    for template in forbund.templates.values():
        for kind in MALL_KINDS:
            files[f"{editor_schema_folder(template)}/{kind}.schema.json"] = _json(
                editor_schema(kind, forbund, template)
            )
    if forbund.sketch is not None:
        files[f"{sketch_schema_folder(forbund.sketch)}/{SKETCH}.schema.json"] = _json(
            editor_schema(SKETCH, forbund, None)
        )
    return files


def _json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2)


def editor_schema_folder(template: Template) -> str:
    return f"schema/mallar/{template.id}-{template.version}"


def sketch_schema_folder(questions: SketchQuestions) -> str:
    return f"schema/mallar/{SKETCH}-{questions.version}"


def schema_url(forbund: Forbund, template: Template | None, kind: str, site_url: str = "") -> str:
    """Where the förbund's site publishes the editor schema of ``kind`` for ``template`` (for
    the idéskiss: for the förbund's questions, whatever the mall): a full address, so that a
    file saved anywhere, or in another förbund's repository, still finds its schema. Without
    a mall, or without questions for an idéskiss, the general schema of ``kind``."""
    base = (site_url or forbund.site_url).rstrip("/")
    if kind == SKETCH and forbund.sketch is not None:
        folder = sketch_schema_folder(forbund.sketch)
    elif kind != SKETCH and template is not None:
        folder = editor_schema_folder(template)
    else:
        folder = "schema"
    return f"{base}/{folder}/{kind}.schema.json"
