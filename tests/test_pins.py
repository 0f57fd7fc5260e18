"""Everything the project installs is pinned in the repository, and no lock or configuration
file names a package registry: the machine's own settings decide where packages come from."""

from __future__ import annotations

import json
import re

from tests.conftest import TESTS

REPO = TESTS.parent

# Files that say what is installed, and how.
PIN_FILES = ("requirements/constraints.txt", "package.json", "package-lock.json", "Makefile")
REGISTRY = re.compile(
    r"registry\.(npmjs|yarnpkg)|pypi\.org|pythonhosted|index-url|--index|--extra-index|\"resolved\"",
    re.IGNORECASE,
)


def test_no_pin_file_names_a_registry() -> None:
    for name in PIN_FILES:
        text = (REPO / name).read_text("utf-8")
        assert not REGISTRY.search(text), name


def test_every_python_requirement_is_pinned_exactly() -> None:
    for line in (REPO / "requirements" / "constraints.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][A-Za-z0-9.+\-]*", line), line


def test_npm_tools_are_pinned_and_locked_with_integrity() -> None:
    manifest = json.loads((REPO / "package.json").read_text("utf-8"))
    tools = {**manifest.get("dependencies", {}), **manifest["devDependencies"]}
    assert "yaml-language-server" in tools and "lighthouse" in tools
    for name, version in tools.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), name  # an exact version, no range
    lock = json.loads((REPO / "package-lock.json").read_text("utf-8"))
    packages = {k: v for k, v in lock["packages"].items() if k}
    assert packages
    assert all("integrity" in entry and "resolved" not in entry for entry in packages.values())
