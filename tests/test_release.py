"""A release is one version everywhere: the package, its metadata and the changelog, whose
newest entry says what changes for förbund. Tags are named v<version> (see CHANGELOG.md)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from finsam import __version__

REPO = Path(__file__).resolve().parents[1]
HEADING = re.compile(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2}|ej utgiven)\)$", re.MULTILINE)


def test_one_version_in_the_package_and_its_metadata() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["version"] == __version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_changelog_begins_with_this_version() -> None:
    entries = HEADING.findall((REPO / "CHANGELOG.md").read_text("utf-8"))
    assert entries, "CHANGELOG.md har inga versioner"
    assert entries[0][0] == __version__
    versions = [tuple(int(part) for part in version.split(".")) for version, _ in entries]
    assert versions == sorted(versions, reverse=True)  # newest first, each once
    assert len(set(versions)) == len(versions)
    assert all(date != "ej utgiven" for _, date in entries[1:])  # only the newest may wait


def test_every_released_entry_says_what_to_do_on_upgrade() -> None:
    text = (REPO / "CHANGELOG.md").read_text("utf-8")
    bodies = HEADING.split(text)[1:]
    for version, _, body in zip(bodies[::3], bodies[1::3], bodies[2::3], strict=True):
        if version != "0.1.0":
            assert "### Att göra vid uppgradering" in body, version
