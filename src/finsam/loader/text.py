"""Bytes to text: size cap, strict UTF-8, BOM tolerated."""

from __future__ import annotations

from pathlib import Path

from finsam.findings import Finding
from finsam.limits import MAX_FILE_BYTES
from finsam.rules.format import FILE_TOO_LARGE, INVALID_UTF8, UNREADABLE


def read_text(path: Path, rel: str) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8 text, or explain in a finding why it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                FILE_TOO_LARGE.finding(
                    rel,
                    1,
                    1,
                    f"Filen är {size // 1024} KiB; gränsen är {MAX_FILE_BYTES // 1024} KiB.",
                    "Dela upp texten eller ta bort inklistrade bilder och bilagor.",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [UNREADABLE.finding(rel, 0, 0, f"Filen kunde inte läsas ({exc.strerror}).")]
    return decode(raw, rel)


def decode(raw: bytes, rel: str) -> tuple[str | None, list[Finding]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            FILE_TOO_LARGE.finding(
                rel,
                1,
                1,
                f"Filen är {len(raw) // 1024} KiB; gränsen är {MAX_FILE_BYTES // 1024} KiB.",
                "Dela upp texten eller ta bort inklistrade bilder och bilagor.",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return None, [
            INVALID_UTF8.finding(
                rel,
                line,
                column,
                f"Filen är inte giltig UTF-8 (byte 0x{raw[exc.start]:02X}).",
                "Spara filen som UTF-8 i din editor (i Anteckningar: Spara som → Kodning: UTF-8).",
            )
        ]
    # A byte-order mark is harmless: editors on Windows often add one.
    text = text.removeprefix("\ufeff")
    # Normalise line endings so that line numbers agree with every editor.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []
