"""The acceptance cases on disk: case folders, and overlays put together from a valid case.

An overlay, ``<case>.overlay.yaml`` beside the case folders, is a valid case (``bas``) with a
few changes (``andringar``), put together in a temporary folder when a test needs it. Each
change names a file (``fil``, relative to the case folder) and does one of:

* ``ersatt`` + ``med``: replace the first occurrence of ``ersatt`` with ``med``;
* ``med`` alone: put ``med`` first in the file (which may be new);
* ``ta_bort: true``: delete the file;
* ``byt_namn_till``: rename the file (within the case folder).

The ``id: <bas>`` line of the base's ansokan.md (or ansokan.yaml) becomes ``id: <case>`` first. The placeholders
{personnummer} (12 digits) and {personnummer10} stand for the Tax Agency's test identity, so
that no file in the repository holds a personnummer written out. Files are read and written
as bytes of UTF-8 text with the base's line endings untouched.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import TESTS

CASES = TESTS / "cases"
OVERLAY = ".overlay.yaml"
EXPECTED = ".expected.txt"
PLACEHOLDERS = {"personnummer": f"{19121212}-{1212}", "personnummer10": f"{121212}{1212}"}


def cases(kind: str) -> list[Path]:
    """Every case of a kind: its folders and its overlays (named without the suffix)."""
    folders = [p for p in (CASES / kind).iterdir() if p.is_dir()]
    overlays = [
        p.with_name(p.name.removesuffix(OVERLAY)) for p in (CASES / kind).glob("*" + OVERLAY)
    ]
    return sorted(folders + overlays)


def spec(case: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(case.with_name(case.name + OVERLAY).read_text("utf-8"))
    return loaded


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8") if path.exists() else ""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _placeholders(text: str) -> str:
    for name, value in PLACEHOLDERS.items():
        text = text.replace("{" + name + "}", value)
    return text


def apply(case_name: str, overlay: dict[str, Any], folder: Path) -> None:
    """Turn a copy of the base in ``folder`` into the case, change by change."""
    base_name = Path(overlay["bas"]).name
    # The facts stand in the .md file or the .yaml beside it; an idéskiss has its own id too.
    for name in ("ansokan.md", "ansokan.yaml", "ideskiss.md", "ideskiss.yaml"):
        ansokan = folder / name
        if ansokan.exists():
            text = _read(ansokan).replace(f"id: {base_name}\n", f"id: {case_name}\n", 1)
            _write(ansokan, text)
    for change in overlay.get("andringar") or []:
        path = folder / change["fil"]
        assert folder.resolve() in path.resolve().parents, (
            f"{case_name}: {change['fil']} utanför mappen"
        )
        if change.get("ta_bort"):
            assert path.is_file(), f"{case_name}: {change['fil']} finns inte"
            path.unlink()
            continue
        if "byt_namn_till" in change:
            target = folder / change["byt_namn_till"]
            assert path.is_file() and not target.exists(), f"{case_name}: {change['fil']}"
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
            continue
        text = _read(path)
        old, new = change.get("ersatt", ""), _placeholders(change["med"])
        assert old in text, f"{case_name}: {change['fil']} saknar {old!r}"
        _write(path, text.replace(old, new, 1) if old else new + text)


def materialise(case: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The case's folder and the root to check it from: itself, or an overlay put together
    under ``tmp_path`` at the same relative place (cases/<kind>/<case>)."""
    if case.is_dir():
        return case, TESTS
    overlay = spec(case)
    folder = tmp_path / case.relative_to(TESTS)
    shutil.copytree(CASES / overlay["bas"], folder)
    apply(case.name, overlay, folder)
    return folder, tmp_path
