"""Scannable text from the bytes of any file type, for the personnummer check.

Text files in any common encoding, Office Open XML (docx, xlsx, pptx) and OpenDocument (odt,
ods, odp) documents, PDF files, zip archives (recursively) and, for anything else, the
readable strings inside the bytes (like the `strings` tool). Every step has a hard cap; a file
that cannot be read, or is too large to read whole, becomes a problem described in Swedish,
never an exception.
"""

from __future__ import annotations

import bisect
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from finsam.sv import plural

MAX_INPUT_BYTES = 32 * 1024 * 1024  # a file larger than this is not read at all
MAX_MEMBER_BYTES = 32 * 1024 * 1024  # one archive member, decompressed
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # all members of one archive (and its inner archives)
MAX_MEMBERS = 5000
MAX_DEPTH = 4  # archives inside archives
MAX_PDF_PAGES = 2000
MIN_STRING = 4  # shortest run of characters taken from binary data

_MiB = 1024 * 1024


@dataclass(frozen=True)
class Piece:
    """Text taken from one part of a file, and how to name a place in it."""

    label: str  # "" for the file's own text, else a member, a sheet, a page or "filnamn"
    text: str
    kind: str = "text"  # text | document | sheet | pdf | strings | name | names
    cells: tuple[tuple[int, str], ...] = ()  # (offset in text, cell reference) for sheets

    def where(self, line: int, column: int) -> str:
        """A Swedish description of a position, or "" for the file's own lines."""
        if self.kind == "text" and not self.label:
            return ""
        if self.kind == "name":
            return "filnamnet"
        if self.kind == "names":
            return f"ett filnamn i {self.label}" if self.label else "ett filnamn i arkivet"
        if self.kind == "sheet" and self.cells:
            offset = _offset(self.text, line, column)
            index = bisect.bisect_right([start for start, _ in self.cells], offset) - 1
            if index >= 0:
                return f"{self.label}!{self.cells[index][1]}"
            return self.label
        if self.kind == "document":
            return f"{self.label}, stycke {line}"
        if self.kind == "pdf":
            return f"{self.label}, rad {line}"
        if self.kind == "strings":
            return f"{self.label} (läsbar text i binärdata)" if self.label else "binärdata"
        return f"{self.label}, rad {line}"


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


@dataclass
class _Budget:
    """What one top-level file may still decompress."""

    left: int = MAX_TOTAL_BYTES
    problems: list[str] = field(default_factory=list)


def texts_in_file(name: str, data: bytes) -> list[tuple[str, str]]:
    """(label, text) for every scannable part of a file: its name, its text or the text of
    its parts. Problems are left out; see :func:`extract`."""
    pieces, _ = extract(name, data)
    return [(piece.label, piece.text) for piece in pieces]


def extract(name: str, data: bytes) -> tuple[list[Piece], list[str]]:
    """The pieces of text in a file (its name first) and, in Swedish, everything that could
    not be read."""
    # The whole path, and its last part on a line of its own: "mapp2/ÅÅÅÅMMDD-NNNN.txt" would
    # otherwise read as a longer figure.
    base = name.rsplit("/", 1)[-1]
    pieces = [Piece("filnamn", name if base == name else f"{name}\n{base}", "name")]
    if len(data) > MAX_INPUT_BYTES:
        return pieces, [_too_large(len(data))]
    budget = _Budget()
    try:
        pieces += _extract(name, data, "", 0, budget)
    except Exception as exc:  # a parser's bug must not let the file through unread
        budget.problems.append(f"Filen kunde inte läsas ({type(exc).__name__}).")
    return pieces, budget.problems


def _too_large(size: int) -> str:
    return (
        f"Filen är {size / _MiB:.0f} MiB; personnummerkontrollen läser högst "
        f"{MAX_INPUT_BYTES // _MiB} MiB."
    )


def _extract(name: str, data: bytes, prefix: str, depth: int, budget: _Budget) -> list[Piece]:
    """``prefix`` names the place inside an outer archive ("" for the file itself)."""
    lower = name.lower()
    try:
        if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            return _zip(data, prefix, depth, budget)
        if data[:5] == b"%PDF-" or (lower.endswith(".pdf") and b"%PDF-" in data[:1024]):
            return _pdf(data, prefix, budget)
    except _Unreadable as exc:
        budget.problems.append(str(exc))
        return _strings(data, prefix)
    text = decode_text(data)
    if text is not None:
        return [Piece(prefix, text)]
    return _strings(data, prefix)


class _Unreadable(Exception):
    """A Swedish sentence on why a part of a file could not be read."""


# --- Text ----------------------------------------------------------------------------------

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


def decode_text(data: bytes) -> str | None:
    """The text of a text file in UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM,
    UTF-16 without a BOM, or Windows-1252; None when the bytes are not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    if b"\0" in data:
        utf16 = _utf16_without_bom(data)
        return None if utf16 is None else data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _controls(data) > 0.05 * len(data):
        return None
    return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of Latin script has a NUL in every other byte."""
    sample = data[: 64 * 1024]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd >= 0.6 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")


def _controls(data: bytes) -> int:
    return len(_CONTROL.findall(data[: 64 * 1024]))


# --- Binary data -----------------------------------------------------------------------------

_ASCII_RUN = re.compile(rb"[\x20-\x7e\t]{%d,}" % MIN_STRING)
_UTF16_RUN = re.compile(rb"(?:[\x20-\x7e\t]\x00){%d,}" % MIN_STRING)


def _strings(data: bytes, prefix: str) -> list[Piece]:
    """Readable runs in binary data: ASCII and UTF-16LE, one run per line."""
    runs = [m.group().decode("ascii") for m in _ASCII_RUN.finditer(data)]
    runs += [m.group().decode("utf-16-le") for m in _UTF16_RUN.finditer(data)]
    return [Piece(prefix, "\n".join(runs), "strings")] if runs else []


# --- Zip archives, Office Open XML and OpenDocument ---------------------------------------

_OFFICE_XML = (".xml", ".rels", ".vml")


def _zip(data: bytes, prefix: str, depth: int, budget: _Budget) -> list[Piece]:
    if depth >= MAX_DEPTH:
        raise _Unreadable(
            _at(prefix, f"arkiv i arkiv i mer än {MAX_DEPTH} nivåer genomsöktes inte.")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _Unreadable(_at(prefix, "zip-arkivet är trasigt eller ofullständigt.")) from exc
    if len(infos) > MAX_MEMBERS:
        raise _Unreadable(
            _at(
                prefix,
                f"zip-arkivet har {len(infos)} filer; personnummerkontrollen läser högst "
                f"{MAX_MEMBERS}.",
            )
        )
    names = {info.filename for info in infos}
    office = "[Content_Types].xml" in names or "mimetype" in names or "content.xml" in names
    members: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        content = _read_member(archive, info, prefix, budget)
        if content is not None:
            members[info.filename] = content
    label = (prefix + "/") if prefix else ""
    pieces = [Piece(prefix, "\n".join(sorted(names)), "names")]
    if office:
        pieces += _office(members, label, depth, budget)
    else:
        for member, content in members.items():
            pieces += _extract(member, content, label + member, depth + 1, budget)
    return pieces


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, prefix: str, budget: _Budget
) -> bytes | None:
    where = f"{prefix}/{info.filename}" if prefix else info.filename
    cap = min(MAX_MEMBER_BYTES, budget.left)
    if info.flag_bits & 0x1:
        budget.problems.append(f"{where} är krypterad och kunde inte genomsökas.")
        return None
    if info.file_size > cap:
        budget.problems.append(
            f"{where} packas upp till {info.file_size / _MiB:.0f} MiB och genomsöktes inte "
            f"(gränsen är {cap // _MiB} MiB)."
        )
        return None
    try:
        with archive.open(info) as stream:
            content = stream.read(cap + 1)  # the header may lie about the size
    except NotImplementedError:
        budget.problems.append(f"{where} är packad på ett sätt som inte kan läsas.")
        return None
    except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, zlib.error):
        budget.problems.append(f"{where} kunde inte packas upp: filen är trasig.")
        return None
    if len(content) > cap:
        budget.problems.append(
            f"{where} packas upp till mer än {cap // _MiB} MiB och genomsöktes inte."
        )
        return None
    budget.left -= len(content)
    return content


def _office(members: dict[str, bytes], label: str, depth: int, budget: _Budget) -> list[Piece]:
    pieces: list[Piece] = []
    sheet_names = _sheet_names(members)
    shared = _shared_strings(members.get("xl/sharedStrings.xml"), label, budget)
    for member, content in members.items():
        lower = member.lower()
        if lower == "xl/sharedstrings.xml" or lower == "mimetype":
            continue
        if lower.startswith("xl/worksheets/") and lower.endswith(".xml"):
            root = _parse(content, label + member, budget)
            if root is not None:
                sheet = sheet_names.get(member, member)
                pieces.append(_sheet(root, shared, label + sheet))
        elif lower.endswith(_OFFICE_XML):
            root = _parse(content, label + member, budget)
            if root is not None:
                try:
                    pieces.append(Piece(label + member, _xml_text(root), "document"))
                except RecursionError:
                    budget.problems.append(f"{label + member} är för djupt nästlad för att läsas.")
        else:  # pictures, embedded documents and other parts
            pieces += _extract(member, content, label + member, depth + 1, budget)
    return pieces


def _parse(content: bytes, where: str, budget: _Budget) -> Element | None:
    try:
        root: Element = fromstring(content)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        reason = (
            "den innehåller en DTD eller entiteter, vilket inte tillåts"
            if isinstance(exc, DefusedXmlException)
            else "den är inte giltig XML"
        )
        budget.problems.append(f"{where} kunde inte läsas: {reason}.")
        return None
    return root


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# Elements that end a paragraph or a row, or a cell, in WordprocessingML, DrawingML,
# SpreadsheetML and OpenDocument.
_LINE_ENDS = {"p", "h", "tr", "table-row", "row", "br", "cr", "line-break", "list-item"}
_CELL_ENDS = {"tc", "table-cell", "tab", "covered-table-cell"}
_SPACES = {"s"}  # text:s, a run of spaces in OpenDocument


def _xml_text(root: Element) -> str:
    """The text of an XML document: runs of one paragraph joined (so that a number split over
    runs is whole), paragraphs and rows on lines of their own, cells separated by tabs."""
    parts: list[str] = []

    def visit(element: Element) -> None:
        start = len(parts)
        if element.text and not _layout(element.text):
            parts.append(element.text)
        for child in element:
            visit(child)
            name = _local(child.tag)
            if name in _LINE_ENDS:
                parts.append("\n")
            elif name in _CELL_ENDS:
                parts.append("\t")
            elif name in _SPACES:
                parts.append(" ")
            if child.tail and not _layout(child.tail):
                parts.append(child.tail)
        # An OpenDocument cell keeps its number in an attribute and may show it otherwise
        # (1,91E+11): the number itself is read too.
        value = _number_value(element)
        if value and value not in "".join(parts[start:]):
            parts.append(f" {value}")

    visit(root)
    return "".join(parts)


def _number_value(element: Element) -> str:
    for key, value in element.attrib.items():
        if _local(key) == "value" and "opendocument" in key:
            return _whole_number(value)
    return ""


def _whole_number(value: str) -> str:
    """A whole number in plain digits (Excel and OpenDocument may write 1.91212121212E+11)."""
    if not re.fullmatch(r"[0-9.]+([eE][+-]?[0-9]+)?", value):
        return value
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if number == number.to_integral_value() and number < Decimal(10) ** 20:
        return str(int(number))
    return value


def _layout(text: str) -> bool:
    """Whitespace that only indents the XML itself."""
    return "\n" in text and not text.strip()


def _sheet_names(members: dict[str, bytes]) -> dict[str, str]:
    """Worksheet part (xl/worksheets/sheet1.xml) to the sheet's name (Blad1)."""
    workbook, rels = members.get("xl/workbook.xml"), members.get("xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return {}
    try:
        targets = {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in fromstring(rels).iter()
            if _local(rel.tag) == "Relationship"
        }
        names: dict[str, str] = {}
        for sheet in fromstring(workbook).iter():
            if _local(sheet.tag) != "sheet":
                continue
            rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), "")
            target = targets.get(rid, "").lstrip("/")
            if target:
                part = target if target.startswith("xl/") else f"xl/{target}"
                names[part] = sheet.get("name", part)
        return names
    except (ParseError, DefusedXmlException, ValueError):
        return {}


def _shared_strings(content: bytes | None, label: str, budget: _Budget) -> list[str]:
    if content is None:
        return []
    root = _parse(content, label + "xl/sharedStrings.xml", budget)
    if root is None:
        return []
    return [
        "".join(t.text or "" for t in item.iter() if _local(t.tag) == "t")
        for item in root
        if _local(item.tag) == "si"
    ]


def _cell_value(cell: Element, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter() if _local(t.tag) == "t")
    value = next((v.text or "" for v in cell if _local(v.tag) == "v"), "")
    if kind == "s":
        try:
            return shared[int(value)]
        except (ValueError, IndexError):
            return ""
    return _whole_number(value) if kind == "n" else value


def _sheet(root: Element, shared: list[str], label: str) -> Piece:
    """One line per row, cells separated by tabs, with each cell's reference remembered."""
    text: list[str] = []
    cells: list[tuple[int, str]] = []
    length = 0
    for row in root.iter():
        if _local(row.tag) != "row":
            continue
        for cell in row:
            if _local(cell.tag) != "c":
                continue
            value = _cell_value(cell, shared)
            cells.append((length, cell.get("r", "")))
            text.append(value + "\t")
            length += len(value) + 1
        text.append("\n")
        length += 1
    return Piece(label, "".join(text), "sheet", tuple(cells))


# --- PDF ---------------------------------------------------------------------------------------


def _pdf(data: bytes, prefix: str, budget: _Budget) -> list[Piece]:
    from pypdf import PdfReader

    pieces: list[Piece] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise _Unreadable(_at(prefix, "PDF-filen är krypterad."))
            metadata = reader.metadata
            info = "\n".join(str(v) for v in metadata.values()) if metadata else ""
            if info:
                pieces.append(Piece(_join(prefix, "dokumentinformation"), info, "pdf"))
            count = len(reader.pages)
            if count > MAX_PDF_PAGES:
                budget.problems.append(
                    _at(
                        prefix,
                        f"PDF-filen har {plural(count, 'sida', 'sidor')}; bara de första "
                        f"{MAX_PDF_PAGES} genomsöktes.",
                    )
                )
            for number, page in enumerate(reader.pages[:MAX_PDF_PAGES], 1):
                pieces.append(Piece(_join(prefix, f"sida {number}"), page.extract_text(), "pdf"))
        except _Unreadable:
            raise
        except Exception as exc:  # pypdf raises many kinds of errors on broken files
            raise _Unreadable(_at(prefix, "PDF-filen är trasig eller kan inte läsas.")) from exc
    return pieces


def _at(prefix: str, sentence: str) -> str:
    """A problem in the file itself, or in a part of an archive."""
    return f"{prefix}: {sentence}" if prefix else sentence


def _join(prefix: str, label: str) -> str:
    return f"{prefix}, {label}" if prefix else label
