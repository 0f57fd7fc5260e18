"""An Office file as it arrives from outside: a zip package, checked before any library
unpacks it (size, and how far it unpacks: a small file that unpacks to gigabytes is refused)."""

from __future__ import annotations

import io
import zipfile

from finsam.findings import Finding
from finsam.office_rules import UNREADABLE

MAX_FILE_BYTES = 20 * 1024 * 1024  # an application with pictures stays far below
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 2000
KINDS = {
    "docx": ("word/document.xml", "ett Word-dokument (.docx)"),
    "xlsx": ("xl/workbook.xml", "en Excel-arbetsbok (.xlsx)"),
}


def unreadable(rel: str, message: str, hint: str) -> Finding:
    return UNREADABLE.finding(rel, 0, 0, message, hint)


def check_package(data: bytes, rel: str, kind: str) -> Finding | None:
    """None when ``data`` is a package of ``kind`` (docx or xlsx) that is safe to open, else
    the O001 finding that says why not."""
    main, what = KINDS[kind]
    save_as = f"Spara filen som {what} och försök igen."
    if len(data) > MAX_FILE_BYTES:
        return unreadable(rel, f"Filen är större än {MAX_FILE_BYTES // 1024 // 1024} MB.", save_as)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return unreadable(
            rel,
            "Filen är i ett äldre Office-format (.doc eller .xls), som inte kan läsas.",
            save_as,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return unreadable(rel, f"Filen är inte {what}.", save_as)
    names = {m.filename for m in members}
    if main not in names:
        return unreadable(rel, f"Filen är inte {what}.", save_as)
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        return unreadable(
            rel,
            "Filen packas upp till mer än vad en ansökan rimligen innehåller.",
            "Ta bort stora bilder och inbäddade filer och spara igen.",
        )
    return None
