"""LibreOffice for the Office tests: open a Word or Excel file the way an official's office
suite does, recalculate it and save it again (Debian's libreoffice-writer-nogui and
libreoffice-calc-nogui, installed by .ci/run)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# The filter names LibreOffice saves with: Word 2007–365 and Excel 2007–365.
FILTERS = {
    "docx": "docx:MS Word 2007 XML",
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "pdf": "pdf",
}


def soffice() -> str:
    """The LibreOffice program; a test that needs it fails in CI and is skipped elsewhere."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("LibreOffice saknas i CI: .ci/run ska installera libreoffice-writer-nogui.")
    pytest.skip("LibreOffice är inte installerat (apt-get install libreoffice-calc-nogui).")


def through_libreoffice(files: list[Path], to: str, out: Path) -> list[Path]:
    """Each file opened, recalculated and saved by LibreOffice as ``to`` (docx, xlsx or pdf)
    into ``out``, all in one run of the program; the saved files, in the same order."""
    program = soffice()
    out.mkdir(parents=True, exist_ok=True)
    profile = out / ".profil"  # a profile of its own: no lock shared with another run
    done = subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            FILTERS[to],
            "--outdir",
            str(out),
            *(str(f) for f in files),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    saved = [out / f"{f.stem}.{to}" for f in files]
    missing = [p.name for p in saved if not p.exists()]
    assert done.returncode == 0 and not missing, (done.stdout, done.stderr, missing)
    return saved
