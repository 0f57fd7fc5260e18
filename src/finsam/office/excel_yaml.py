"""budget.yaml written in the repository's own style (finsam.office.yaml_out): the line naming
the mall's schema first (finsam.document_files), a block list of rader, flow mappings for
period, belopp and each size of tjanster, then fordelning_per_ar with one flow mapping per
group, whole kronor as integers."""

from __future__ import annotations

from typing import Any

from finsam.document_files import yaml_file
from finsam.office.yaml_out import Flow

FLOW_KEYS = frozenset({"period", "belopp"})  # small mappings, written on their key's line


def _row(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key == "tjanster":
            out[key] = [Flow(post) for post in value]
        elif key == "belopp":
            out[key] = Flow(sorted(value.items()))
        elif key in FLOW_KEYS or isinstance(value, dict):
            out[key] = Flow(value)
        else:
            out[key] = value
    return out


def budget_yaml(
    rows: list[dict[str, Any]], groups: list[dict[str, Any]] | None = None, schema_ref: str = ""
) -> str:
    """The text of budget.yaml for ``rows`` (each a mapping of budget.schema.json's rad) and
    ``groups`` (each a fordelning: grupp, finansiering and belopp); its first line names the
    schema ``schema_ref`` (finsam.editor_schemas.schema_url: the mall's on the förbund's
    site), when given."""
    data: dict[str, Any] = {"rader": [_row(row) for row in rows]}
    if groups:
        data["fordelning_per_ar"] = [
            Flow({**group, "belopp": Flow(sorted(group["belopp"].items()))}) for group in groups
        ]
    return yaml_file(data, schema_ref)
