"""Bytes to text: regular files only, size cap before reading, strict UTF-8, BOM tolerated.

Text is normalised here, once, where bytes become text, and nowhere downstream: a leading
byte-order mark is dropped, line endings become LF (CRLF and lone CR alike) and the text is put
in Unicode NFC. Everything that reads a document (the YAML reader, the section scanner, the
rules, the site) therefore sees å written as one character whether the file stored it composed
(U+00E5, as most editors do) or decomposed (a + U+030A, as macOS and some web forms do), and no
comparison of keys, headings or fixed texts needs to normalise again.

Positions in findings are counted in the normalised text. Line numbers are unchanged by it
(a CRLF or lone CR is one line break in every editor, and NFC never adds or removes one).
Columns count characters as the user sees them: a letter with its accent is one column however
it is stored, so in a decomposed file a column after å counts å once, as the editor shows it,
not as its two stored code points. NFC changes the count only for decomposed sequences (and a
handful of rare characters that NFC itself decomposes); composed text keeps its code-point
columns exactly.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path

from finsam.findings import Finding
from finsam.limits import MAX_FILE_BYTES
from finsam.loader.format_rules import FILE_TOO_LARGE, INVALID_UTF8, NOT_REGULAR, UNREADABLE

_KINDS = (
    (stat.S_ISLNK, "en symbolisk länk"),
    (stat.S_ISDIR, "en mapp"),
    (stat.S_ISCHR, "en teckenenhet"),
    (stat.S_ISBLK, "en blockenhet"),
    (stat.S_ISFIFO, "en namngiven pipe"),
    (stat.S_ISSOCK, "en socket"),
)


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is, in Swedish (None when it cannot be told)."""
    return next((name for test, name in _KINDS if test(mode)), None)


def not_regular(rel: str, mode: int) -> Finding:
    name, kind = rel.rsplit("/", 1)[-1], kind_of(mode)
    what = f"är {kind}, inte en vanlig fil," if kind else "är inte en vanlig fil"
    return NOT_REGULAR.finding(
        rel,
        0,
        0,
        f"{name} {what} och läses inte.",
        "Lägg in filen själv i stället för en länk. Arkivet tar bara emot vanliga filer.",
    )


def read_bytes(
    path: Path, rel: str, limit: int = MAX_FILE_BYTES
) -> tuple[bytes | None, list[Finding]]:
    """A regular file's bytes, never more than ``limit``; links and devices are refused.

    The file is opened without following a final symbolic link and without blocking, and its
    type and size are taken from the open descriptor, so nothing can swap it in between."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            return None, [not_regular(rel, mode)]
        fd = os.open(path, flags)
    except OSError as exc:
        return None, [UNREADABLE.finding(rel, 0, 0, f"Filen kunde inte läsas: {_reason(exc)}.")]
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None, [not_regular(rel, info.st_mode)]
        if info.st_size > limit:
            return None, [_too_large(rel, info.st_size)]
        raw = handle.read(limit + 1)
    if len(raw) > limit:  # the file grew while it was read
        return None, [_too_large(rel, len(raw))]
    return raw, []


_REASONS = {
    errno.EACCES: "läsrättighet saknas",
    errno.EPERM: "läsrättighet saknas",
    errno.ENOENT: "filen finns inte längre",
    errno.ELOOP: "den är en symbolisk länk",
    errno.EISDIR: "den är en mapp",
}


def _reason(exc: OSError) -> str:
    """Why a file could not be opened, in Swedish (the system's own text is English)."""
    return _REASONS.get(exc.errno or 0, "operativsystemet nekade åtkomst")


def _too_large(rel: str, size: int) -> Finding:
    return FILE_TOO_LARGE.finding(
        rel,
        1,
        1,
        f"Filen är {size // 1024} KiB; gränsen är {MAX_FILE_BYTES // 1024} KiB.",
        "Dela upp texten eller ta bort inklistrade bilder och bilagor.",
    )


def read_text(path: Path, rel: str) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8 text, or explain in a finding why it cannot be read."""
    raw, findings = read_bytes(path, rel)
    if raw is None:
        return None, findings
    return decode(raw, rel)


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Finding]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(rel, len(raw))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Counted in the normalised text, like every other position.
        before = normalize_text(raw[: exc.start].decode("utf-8", errors="replace"))
        line = before.count("\n") + 1
        column = len(before) - before.rfind("\n")
        return None, [
            INVALID_UTF8.finding(
                rel,
                line,
                column,
                f"Filen är inte giltig UTF-8 (byte 0x{raw[exc.start]:02X}).",
                "Spara filen som UTF-8 i din editor (i Anteckningar: Spara som → Kodning: UTF-8).",
            )
        ]
    return normalize_text(text), []


def normalize_text(text: str) -> str:
    """The one normalisation of decoded text: no byte-order mark, LF line endings, NFC."""
    # A byte-order mark is harmless: editors on Windows often add one.
    text = text.removeprefix("\ufeff")
    # Line endings as LF, so that line numbers agree with every editor.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Composed characters, so that å compares equal however the file stored it.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text
