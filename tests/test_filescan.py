"""Personnummer in files of any type: every written form in Markdown, CSV, DOCX, XLSX, PDF, a
file name and a commit message is refused; text in any encoding is read; archives that would
unpack too far become findings, never tracebacks."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from finsam import filescan
from finsam.cli import main
from finsam.findings import Finding
from finsam.rules.privacy import (
    commit_messages,
    personnummer_findings_in_file,
    personnummer_findings_in_messages,
)
from tests.pnr_corpus import FORM_NAMES, NUMBERS, written_forms

NUMBER = NUMBERS[1]  # a synthesised number, not the well-known test identity
MASKED = f"{NUMBER[2:8]}-****"
FORMS = written_forms(NUMBER)
SHA = "4f2e9ab0c1d2e3f405162738495a6b7c8d9e0f1a"


def _pnr(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "P001"]


def _refused_once(findings: list[Finding]) -> Finding:
    """The single P001 finding; nothing else, and never the whole number."""
    assert [f.rule for f in findings] == ["P001"], findings
    finding = findings[0]
    assert MASKED in finding.message
    assert NUMBER[8:] not in finding.message.replace(MASKED, "")
    return finding


# --- Minimal documents, written by hand ------------------------------------------------------


def _runs(text: str, size: int = 3) -> str:
    """WordprocessingML runs of ``size`` characters, so that a number is split across runs;
    tabs and line breaks become <w:tab/> and <w:br/>."""
    out = []
    text = text.replace("\r\n", "\n")
    for start in range(0, len(text), size):
        chunk = text[start : start + size]
        for index, part in enumerate(chunk.split("\n")):
            if index:
                out.append("<w:r><w:br/></w:r>")
            for inner, piece in enumerate(part.split("\t")):
                if inner:
                    out.append("<w:r><w:tab/></w:r>")
                if piece:
                    out.append(f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
    return "".join(out)


def docx(paragraphs: list[str], extra: Mapping[str, str | bytes] | None = None) -> bytes:
    body = "".join(f"<w:p>{_runs(p)}</w:p>" for p in paragraphs)
    members = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>",
        **(extra or {}),
    }
    return _zip(members)


def xlsx(rows: list[list[str | int]]) -> bytes:
    """A workbook with one sheet named Blad1: strings go to the shared strings, integers are
    numeric cells."""
    shared: list[str] = []
    xml_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(ord('A') + c)}{r}"
            if isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                shared.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{len(shared) - 1}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    strings = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in shared)
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
            "xl/workbook.xml": f'<workbook xmlns="{main_ns}" xmlns:r="{rel_ns}"><sheets>'
            '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats'
            '.org/package/2006/relationships"><Relationship Id="rId1" Type="x" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
            "xl/sharedStrings.xml": f'<sst xmlns="{main_ns}">{strings}</sst>',
            "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main_ns}"><sheetData>'
            f"{''.join(xml_rows)}</sheetData></worksheet>",
        }
    )


def _zip(members: Mapping[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _to_unicode_cmap(text: str) -> bytes:
    """A ToUnicode CMap in which every two-byte code used in ``text`` is its own UTF-16 code
    unit (only the ranges in use: pypdf reads a full CMap slowly)."""
    highs = sorted({ord(c) >> 8 for c in text})
    ranges = b"".join(b"<%02X00> <%02XFF> <%02X00>\n" % (h, h, h) for h in highs)
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + b"%d beginbfrange\n" % len(highs)
        + ranges
        + b"endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF, one text line per line, in a font whose codes are UTF-16 code units
    (so that any character of the Basic Multilingual Plane can be written and extracted)."""
    ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        ops.append(b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj T*")
    ops.append(b"ET")
    stream = b"\n".join(ops)
    cmap = _to_unicode_cmap("".join(lines))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica /DW 500 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_the_pdf_helper_makes_text_that_pypdf_reads() -> None:
    pieces, problems = filescan.extract("a.pdf", pdf(["Hej världen – 4 418 130 kr", "Rad två"]))
    assert problems == []
    text = "\n".join(p.text for p in pieces if p.kind == "pdf")
    assert "Hej världen – 4 418 130 kr" in text and "Rad två" in text


# --- Every written form in every kind of file ----------------------------------------------


@pytest.mark.parametrize("form", range(len(FORM_NAMES)), ids=FORM_NAMES)
def test_every_form_in_markdown_and_csv(form: int) -> None:
    written = FORMS[form][1]
    markdown = f"# Rapport\n\n## Deltagare\n\nEn deltagare:\n{written}\n\nSlut.\n"
    finding = _refused_once(personnummer_findings_in_file("rapport.md", markdown.encode()))
    assert finding.file == "rapport.md" and finding.line == 6
    csv = f"namn;kommentar\nA;{written}\nB;4 418 130\n"
    finding = _refused_once(personnummer_findings_in_file("lista.csv", csv.encode("utf-8-sig")))
    assert finding.line == 2


@pytest.mark.parametrize("form", range(len(FORM_NAMES)), ids=FORM_NAMES)
def test_every_form_in_a_word_document(form: int) -> None:
    data = docx(["Rapport om insatsen", f"Deltagare: {FORMS[form][1]}", "Summa 4 418 130 kr"])
    finding = _refused_once(personnummer_findings_in_file("rapport.docx", data))
    assert "word/document.xml, stycke 2" in finding.message


@pytest.mark.parametrize("form", range(len(FORM_NAMES)), ids=FORM_NAMES)
def test_every_form_in_a_spreadsheet(form: int) -> None:
    data = xlsx([["Namn", "Nummer"], ["A", FORMS[form][1]], ["Summa", 4418130]])
    finding = _refused_once(personnummer_findings_in_file("budget.xlsx", data))
    assert "Blad1!B2" in finding.message


@pytest.mark.parametrize("form", range(len(FORM_NAMES)), ids=FORM_NAMES)
def test_every_form_in_a_pdf(form: int) -> None:
    written = FORMS[form][1]
    data = pdf(["Rapport", *f"Deltagare: {written}".replace("\r\n", "\n").split("\n")])
    finding = _refused_once(personnummer_findings_in_file("rapport.pdf", data))
    assert "sida 1" in finding.message


@pytest.mark.parametrize("form", range(len(FORM_NAMES)), ids=FORM_NAMES)
def test_every_form_in_a_file_name(form: int) -> None:
    name = "bilagor/" + FORMS[form][1].replace("\n", " ") + ".txt"
    findings = personnummer_findings_in_file(name, b"Inget att se.\n")
    finding = _refused_once(findings)
    assert "Filnamnet" in finding.message
    assert NUMBER[8:] not in finding.file.replace(MASKED, "")  # the name shown is masked


@pytest.mark.parametrize("form", range(len(FORM_NAMES)), ids=FORM_NAMES)
def test_every_form_in_a_commit_message(form: int) -> None:
    log = f"{SHA}\nRättelse\n\n{FORMS[form][1]}\n\0\n{SHA[::-1]}\nInget\n\0\n"
    findings = personnummer_findings_in_messages(log.encode(), "meddelanden.txt")
    finding = _refused_once(findings)
    assert finding.file == f"commit {SHA[:7]}" and finding.line == 3


def test_a_single_commit_message_file() -> None:
    messages = commit_messages(f"Rättelse\n\n{FORMS[1][1]}\n".encode(), ".git/COMMIT_EDITMSG")
    assert [m.label for m in messages] == [".git/COMMIT_EDITMSG"]
    assert len(personnummer_findings_in_messages(b"Inget nummer\n", "x")) == 0


def test_numbers_in_xlsx_numeric_cells_and_split_over_cells() -> None:
    data = xlsx([["Nummer", int(NUMBER)], [NUMBER[:8], NUMBER[8:]], ["Belopp", 4418130]])
    findings = personnummer_findings_in_file("lista.xlsx", data)
    assert len(_pnr(findings)) == 2
    assert "Blad1!B1" in findings[0].message and "Blad1!A2" in findings[1].message


def test_excel_scientific_notation_is_a_whole_number() -> None:
    data = xlsx([["x"]]).replace(b"<v>0</v>", b"<v>0</v>")
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1"><c r="A1"><v>{int(NUMBER) / 1e11}E+11</v></c></row>'
        "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = sheet
    assert len(_pnr(personnummer_findings_in_file("a.xlsx", _zip(members)))) == 1


def test_other_office_parts_and_member_names_are_read() -> None:
    comments = (
        '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:comment><w:p>{_runs(FORMS[1][1])}</w:p></w:comment></w:comments>"
    )
    data = docx(["Ren text"], {"word/comments.xml": comments, f"media/{NUMBER}.png": b"\x89PNG"})
    findings = personnummer_findings_in_file("a.docx", data)
    messages = " ".join(f.message for f in _pnr(findings))
    assert "word/comments.xml" in messages and "filnamn i arkivet" in messages
    assert len(_pnr(findings)) == 2


def test_opendocument_text() -> None:
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        f"<text:p>Deltagare: {NUMBER[:8]}<text:span>-</text:span>{NUMBER[8:]}</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    data = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content})
    finding = _refused_once(personnummer_findings_in_file("a.odt", data))
    assert "content.xml" in finding.message


def test_opendocument_spreadsheet_number_cells() -> None:
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        "<office:spreadsheet><table:table><table:table-row>"
        '<table:table-cell office:value-type="float" office:value="4418130">'
        "<text:p>4 418 130</text:p></table:table-cell>"
        f'<table:table-cell office:value-type="float" office:value="{int(NUMBER) / 1e11}E11">'
        "<text:p>1,99E+11</text:p></table:table-cell>"
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    data = _zip(
        {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content}
    )
    finding = _refused_once(personnummer_findings_in_file("a.ods", data))
    assert "content.xml" in finding.message


def test_archives_are_read_recursively() -> None:
    inner = _zip({"anteckning.txt": f"rad ett\n{FORMS[1][1]}\n"})
    outer = _zip({"mapp/inre.zip": inner, "annat.txt": "4 418 130"})
    finding = _refused_once(personnummer_findings_in_file("paket.zip", outer))
    assert "mapp/inre.zip/anteckning.txt, rad 2" in finding.message


# --- Encodings and binary data ---------------------------------------------------------------


@pytest.mark.parametrize(
    "codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"]
)
def test_text_in_any_encoding(codec: str) -> None:
    text = f"Rapport – åäö\nDeltagare: {NUMBER[:8]}–{NUMBER[8:]}\n"
    data = text.encode(codec)
    finding = _refused_once(personnummer_findings_in_file("a.txt", data))
    assert (finding.line, finding.column) == (2, 12)


def test_strings_in_binary_data() -> None:
    noise = bytes(random.Random(1).randrange(256) for _ in range(2000))  # noqa: S311
    for blob in (FORMS[1][1].encode("ascii"), FORMS[1][1].encode("utf-16-le")):
        data = noise + b"\0\0" + blob + b"\0\0" + noise
        finding = _refused_once(personnummer_findings_in_file("bild.bin", data))
        assert "binärdata" in finding.message


# --- Limits: findings, never tracebacks ------------------------------------------------------


def _unscanned(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "P002"]


def test_zip_bomb_member_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filescan, "MAX_MEMBER_BYTES", 1024 * 1024)
    data = _zip({"bomb.txt": b"0" * (3 * 1024 * 1024), "ok.txt": FORMS[1][1]})
    findings = personnummer_findings_in_file("bomb.zip", data)
    assert len(_pnr(findings)) == 1  # the rest is still scanned
    [problem] = _unscanned(findings)
    assert "bomb.txt" in problem.message and "MiB" in problem.message


def test_lying_size_header_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filescan, "MAX_MEMBER_BYTES", 1024 * 1024)
    data = bytearray(_zip({"a.txt": b"0" * (2 * 1024 * 1024)}))
    # Claim 100 bytes in both the local header and the central directory.
    size = (2 * 1024 * 1024).to_bytes(4, "little")
    data = bytearray(bytes(data).replace(size, (100).to_bytes(4, "little")))
    findings = personnummer_findings_in_file("a.zip", bytes(data))
    assert len(_unscanned(findings)) == 1


def test_too_many_members_and_too_deep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filescan, "MAX_MEMBERS", 5)
    many = _zip({f"f{i}.txt": "x" for i in range(10)})
    assert "högst 5" in _unscanned(personnummer_findings_in_file("m.zip", many))[0].message
    deep = b"innerst"
    for _ in range(filescan.MAX_DEPTH + 2):
        deep = _zip({"inre.zip": deep})
    assert "nivåer" in _unscanned(personnummer_findings_in_file("d.zip", deep))[0].message


def test_oversized_input_is_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filescan, "MAX_INPUT_BYTES", 1000)
    findings = personnummer_findings_in_file("stor.txt", b"a" * 2000)
    assert len(_unscanned(findings)) == 1


def test_entity_bomb_in_office_xml_is_a_finding() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body>'
        "</w:document>"
    )
    data = docx([], {"word/document.xml": bomb})
    [problem] = _unscanned(personnummer_findings_in_file("bomb.docx", data))
    assert "word/document.xml" in problem.message


def test_encrypted_member_is_a_finding() -> None:
    data = bytearray(_zip({"hemlig.txt": "x"}))
    # Set the "encrypted" flag in the local header and the central directory.
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature) + offset
        data[at] |= 0x01
    [problem] = _unscanned(personnummer_findings_in_file("h.zip", bytes(data)))
    assert "krypterad" in problem.message


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\0" * 100,  # a broken zip
        b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF",  # a broken PDF
        docx(["x"])[:200],  # a truncated document
    ],
)
def test_broken_files_are_findings_not_tracebacks(data: bytes) -> None:
    findings = personnummer_findings_in_file("trasig.docx", data)
    assert _unscanned(findings)
    assert all(f.message[0].isupper() for f in findings)


def test_random_bytes_never_crash() -> None:
    rng = random.Random(7)  # noqa: S311
    good = docx(["Deltagare"])
    for _ in range(200):
        data = bytearray(good)
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        personnummer_findings_in_file("x.docx", bytes(data))  # must not raise
    assert _refused_once(personnummer_findings_in_file("x.docx", docx([FORMS[1][1]])))


def test_texts_in_file_gives_labels_and_text() -> None:
    texts = filescan.texts_in_file("a.docx", docx(["Ett", "Två"]))
    assert ("filnamn", "a.docx") in texts
    assert ("filnamn", "mapp/a.txt\na.txt") in filescan.texts_in_file("mapp/a.txt", b"")
    assert ("word/document.xml", "Ett\nTvå\n") in texts


# --- The command ----------------------------------------------------------------------------


def test_command_scans_any_file_type_names_and_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rapport.docx").write_bytes(docx([f"Deltagare {FORMS[1][1]}"]))
    (tmp_path / "ren.pdf").write_bytes(pdf(["Summa 4 418 130 kr"]))
    named = tmp_path / f"{NUMBER[:8]}-{NUMBER[8:]}.txt"
    named.write_text("tom\n", "utf-8")
    log = tmp_path / "log.txt"
    log.write_bytes(f"{SHA}\nRättelse\n\nDeltagare {FORMS[2][1]}\n\0\n".encode())
    paths = [str(tmp_path / "rapport.docx"), str(tmp_path / "ren.pdf"), str(named)]
    assert main(["personnummer", *paths, "--meddelanden", str(log), "--format", "text"]) == 1
    out = capsys.readouterr().out
    assert "rapport.docx: fel P001" in out
    assert f"commit {SHA[:7]}:3:11: fel P001" in out
    assert "Filnamnet innehåller" in out
    assert NUMBER[8:] not in out.replace(MASKED, "")
    assert "ren.pdf" not in out


def test_command_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(f"hej {FORMS[0][1]}\n".encode()))
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["personnummer", "-", "--format", "text"]) == 1
    assert "standard in:1:5: fel P001" in capsys.readouterr().out


def test_encrypted_and_long_pdfs_are_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf([FORMS[1][1]]))))
    writer.encrypt("hemligt", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    [problem] = personnummer_findings_in_file("k.pdf", buffer.getvalue())
    assert problem.rule == "P002" and "krypterad" in problem.message
    monkeypatch.setattr(filescan, "MAX_PDF_PAGES", 0)
    [problem] = personnummer_findings_in_file("l.pdf", pdf(["Sida ett"]))
    assert problem.rule == "P002" and "har 1 sida;" in problem.message
