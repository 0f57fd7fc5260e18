"""Schemas for the editor, one set per mall: the general schemas of schema/ with the förbund's
own members and the mall's own categories as lists to choose from (`enum`, with the names as
`enumDescriptions`) and Swedish messages for a value outside them (`errorMessage`). An editor
with the YAML extension (yaml-language-server) then completes a party or a category, shows its
name on hover and marks an unknown one in Swedish. The desk itself checks with the general
schemas and its rules; these only help while writing."""

from __future__ import annotations

import copy
import json
from typing import Any

from finsam.model.forbund import Forbund, Template
from finsam.schemas import load_schema

EDITOR_KINDS = ("ansokan", "budget", "rapport")


def _members(forbund: Forbund) -> dict[str, Any]:
    ids = list(forbund.parties)
    names = [p.name for p in forbund.parties.values()]
    return {
        "enum": ids,
        "enumDescriptions": names,
        "errorMessage": "Skriv id:t för en av förbundets medlemmar: "
        + ", ".join(f"{i} ({n})" for i, n in zip(ids, names, strict=True))
        + ".",
    }


def _categories(template: Template) -> dict[str, Any]:
    ids = [c.id for c in template.categories]
    names = [c.name for c in template.categories]
    return {
        "enum": ids,
        "enumDescriptions": names,
        "errorMessage": f"Kategorin finns inte i mallen {template.title}. Mallens kategorier: "
        + ", ".join(f"{i} ({n})" for i, n in zip(ids, names, strict=True))
        + ".",
    }


def _narrow(node: Any, key: str, extra: dict[str, Any]) -> None:
    """Every property called ``key`` below ``node``, and the member-id definition, get the
    lists and messages of ``extra``."""
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


def editor_schema(kind: str, forbund: Forbund, template: Template) -> dict[str, Any]:
    """The schema of ``kind`` (ansokan, budget or rapport) for an application on ``template``."""
    schema = copy.deepcopy(load_schema(kind))
    schema["title"] = (
        f"{schema.get('title', kind)} – {template.name} ({template.id}, {template.version})"
    )
    members = _members(forbund)
    definitions = schema.get("$defs", {})
    if isinstance(definitions.get("partid"), dict):
        definitions["partid"].update(members)
        definitions["partid"].pop("pattern", None)
    _narrow(schema, "part", members)
    if kind == "budget":
        _narrow(schema, "kategori", _categories(template))
    if kind == "rapport":  # outcomes are keyed by category
        names = schema["properties"]["utfall"]["propertyNames"]
        names.update(_categories(template))
        names.pop("pattern", None)
    if kind == "ansokan":
        mall = schema["properties"]["mall"]["properties"]
        mall["id"].update({"const": template.id})
        mall["version"].update({"enum": [template.version, _number(template.version)]})
    return schema


def _number(version: str) -> str | int:
    return int(version) if version.isdigit() else version


def editor_schema_files(forbund: Forbund) -> dict[str, str]:
    """Every mall's editor schemas by path below the site, schema/mallar/<id>-<version>/."""
    files = {}
    for template in forbund.templates.values():
        for kind in EDITOR_KINDS:
            path = f"{editor_schema_folder(template)}/{kind}.schema.json"
            files[path] = json.dumps(
                editor_schema(kind, forbund, template), ensure_ascii=False, indent=2
            )
    return files


def editor_schema_folder(template: Template) -> str:
    return f"schema/mallar/{template.id}-{template.version}"
