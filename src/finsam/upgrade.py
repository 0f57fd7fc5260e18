"""`finsam uppgradera`: a förbund's repository brought to the installed release of finsam.

requirements.txt names the release (the one place a förbund changes to upgrade); the files that
finsam writes for a release (scaffold_forbund.release_files) are compared with what this
release would write, and written anew where they differ. The documents themselves are moved to
the current format by finsam.migrate (the command runs it after this).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from finsam import __version__
from finsam.errors import UsageError
from finsam.model.forbund import Forbund
from finsam.scaffold_forbund import REQUIREMENTS, Release, read_release, release_files


class Outdated(NamedTuple):
    rel: str
    missing: bool


def installed_release(root: Path) -> Release:
    """The release requirements.txt names, which must be the one installed."""
    release = read_release(root)
    if release.tag.removeprefix("v") != __version__:
        raise UsageError(
            f"{REQUIREMENTS} anger finsam {release.tag}, men det som körs är finsam "
            f"{__version__}. Installera utgåvan först: make uppgradera (eller make) gör det."
        )
    return release


def outdated(root: Path, files: dict[str, str]) -> list[Outdated]:
    """finsam's files in the repository (``files``: what this release writes) that differ."""
    found = []
    for rel, text in files.items():
        path = root / rel
        if path.is_symlink() or not path.is_file():
            found.append(Outdated(rel, missing=True))
        elif path.read_bytes() != text.encode("utf-8"):
            found.append(Outdated(rel, missing=False))
    return found


def write_release_files(root: Path, forbund: Forbund, release: Release) -> list[Outdated]:
    """Write each of finsam's files that differs; return those written."""
    files = release_files(forbund, release)
    changed = outdated(root, files)
    for item in changed:  # before anything is written: all or nothing
        path = root / item.rel
        if path.is_dir() and not path.is_symlink():
            raise UsageError(f"{item.rel} är en mapp; finsam skriver en fil där. Flytta mappen.")
    for item in changed:
        path = root / item.rel
        if path.is_symlink():
            path.unlink()  # a link is never written through
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[item.rel], "utf-8")
    return changed
