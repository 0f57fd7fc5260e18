"""YAML as the repository writes it, by PyYAML: lists two spaces in under their key, small
mappings on one line where the caller marks them (Flow), and every text quoted and escaped so
that the desk reads back exactly that text."""

from __future__ import annotations

from typing import Any

import yaml


class Flow(dict[Any, Any]):
    """A mapping written on one line: {start: 2025-07-01, slut: 2026-12-31}."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # A list two spaces in under its key, as the repository's files have them.
        super().increase_indent(flow, False)


def _flow_mapping(dumper: yaml.SafeDumper, data: Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # YAML's other line breaks (NEL, LS, PS) would be read back as a plain break or space in
    # any style but double quotes, where they are escaped.
    style = '"' if any(c in data for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(Flow, _flow_mapping)
_Dumper.add_representer(str, _text)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
