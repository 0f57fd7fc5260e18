"""Folders of this repository that ship inside the package (see [tool.setuptools] package-dir in
pyproject.toml): in an installed wheel they sit beside the code as finsam/<name>/, in a checkout
(an editable install) they are the repository's own top-level folders."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
# Name inside the package → the repository folder it is shipped from.
SHIPPED = {
    "schema": "schema",
    "docs": "docs",
    "theme": "overrides",
    "github": ".github",
    "requirements": "requirements",
}


def package_folder(name: str) -> Path:
    """finsam/<name> of an installed wheel, else the repository's own folder."""
    packaged = _HERE / name
    return packaged if packaged.is_dir() else _HERE.parents[1] / SHIPPED[name]
