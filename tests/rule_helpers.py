"""Run one rule on a small application put together in a temporary folder.

The folder starts as a copy of a valid case and takes a few edits; it is then read by the real
loader (``load_application``) and the test förbund's configuration, exactly as the checker
reads it, so that a test can look at one rule's findings and nothing else.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from finsam.findings import Finding
from finsam.loader.application import load_application
from finsam.model.forbund import Forbund, load_forbund
from finsam.rules.all import all_rules
from finsam.rules.registry import Context
from tests.conftest import FORBUND, TESTS

Edits = Mapping[str, Sequence[tuple[str, str]]]


def forbund() -> Forbund:
    config, findings = load_forbund(FORBUND)
    assert config is not None and findings == [], findings
    return config


def make_folder(
    tmp_path: Path,
    base: str = "komplett",
    *,
    replace: Edits | None = None,
    files: Mapping[str, str | Mapping[str, Any] | None] | None = None,
) -> Path:
    """A copy of ``cases/valid/<base>`` with ``replace`` (file -> (old, new) pairs, each old
    text required to be there) and ``files`` (file -> text, a dict dumped as YAML, or None to
    delete it)."""
    folder = tmp_path / base
    shutil.copytree(TESTS / "cases" / "valid" / base, folder)
    for name, pairs in (replace or {}).items():
        path = folder / name
        text = path.read_text("utf-8")
        for old, new in pairs:
            assert old in text, f"{name} saknar {old!r}"
            text = text.replace(old, new, 1)
        path.write_text(text, "utf-8")
    for name, content in (files or {}).items():
        path = folder / name
        if content is None:
            path.unlink()
            continue
        if not isinstance(content, str):
            content = yaml.safe_dump(dict(content), allow_unicode=True, sort_keys=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, "utf-8")
    return folder


def context(folder: Path) -> Context:
    app, findings = load_application(folder, folder.name)
    assert findings == [], findings
    return Context(app, forbund())


def run_rule(rule_id: str, folder: Path) -> list[Finding]:
    """The findings of one document rule on the folder."""
    ctx = context(folder)
    for info, function in all_rules():
        if info.id == rule_id:
            return list(function(info, ctx))
    raise KeyError(rule_id)


def run_all(folder: Path) -> list[Finding]:
    """The findings of every document rule on the folder (the loader's too)."""
    app, findings = load_application(folder, folder.name)
    ctx = Context(app, forbund())
    for info, function in all_rules():
        findings.extend(function(info, ctx))
    return findings
