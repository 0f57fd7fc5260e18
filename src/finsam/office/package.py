"""An Office file as it arrives from outside: a zip package, checked before any library
unpacks it. What it is (empty, an older format, OpenDocument, the other Office kind, damaged)
is told in words, and a small file that unpacks to far more than its kind needs is refused."""

from __future__ import annotations

import io
import zipfile
from typing import NamedTuple

from finsam.findings import Finding
from finsam.office_rules import UNREADABLE

MAX_FILE_BYTES = 20 * 1024 * 1024  # an application with pictures stays far below
MAX_MEMBERS = 2000


class Kind(NamedTuple):
    main: str  # the part that only this kind of package has
    what: str  # the kind in words, after "är" or "inte"
    max_unpacked: int  # bytes: a Word file may hold pictures, a budget workbook needs little


KINDS = {
    "docx": Kind("word/document.xml", "ett Word-dokument (.docx)", 100 * 1024 * 1024),
    "xlsx": Kind("xl/workbook.xml", "en Excel-arbetsbok (.xlsx)", 16 * 1024 * 1024),
}
_OLE = b"\xd0\xcf\x11\xe0"  # Word 97–2003, Excel 97–2003, and files protected by a password


def unreadable(rel: str, message: str, hint: str) -> Finding:
    return UNREADABLE.finding(rel, 0, 0, message, hint)


def check_package(data: bytes, rel: str, kind: str) -> Finding | None:
    """None when ``data`` is a package of ``kind`` (docx or xlsx) that is safe to open, else
    the O001 finding that says why not."""
    expected = KINDS[kind]
    save_as = f"Öppna filen i Word, Excel eller LibreOffice och spara den som {expected.what}."
    if not data:
        return unreadable(rel, "Filen är tom.", save_as)
    if len(data) > MAX_FILE_BYTES:
        return unreadable(rel, f"Filen är större än {MAX_FILE_BYTES // 1024 // 1024} MB.", save_as)
    if data.startswith(_OLE):
        return unreadable(
            rel,
            "Filen är i ett äldre Office-format (.doc eller .xls) eller skyddad med lösenord, "
            "och kan inte läsas.",
            f"Ta bort ett eventuellt lösenord. {save_as}",
        )
    if not data.startswith(b"PK"):
        return unreadable(rel, f"Filen är inte {expected.what}.", save_as)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            names = {m.filename for m in members}
            mimetype = package.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:  # any broken archive: zipfile raises many kinds of errors
        return unreadable(rel, "Filen är skadad: den går inte att packa upp.", save_as)
    if b"opendocument" in mimetype:
        return unreadable(
            rel,
            f"Filen är ett OpenDocument-dokument (.odt eller .ods), inte {expected.what}.",
            save_as,
        )
    if expected.main not in names:
        other = next((k.what for k in KINDS.values() if k.main in names), None)
        shown = (
            f"Filen är {other}, inte {expected.what}."
            if other
            else (f"Filen är inte {expected.what}.")
        )
        return unreadable(rel, shown, save_as)
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > expected.max_unpacked:
        return unreadable(
            rel,
            f"Filen packas upp till mer än {expected.max_unpacked // 1024 // 1024} MB, långt mer "
            "än en ansökan eller en budget behöver, och läses inte.",
            "Ta bort stora bilder, andra blad och inbäddade filer och spara igen.",
        )
    return None
