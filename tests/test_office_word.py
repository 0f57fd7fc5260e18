"""Word, both ways: the template of each mall, filled in as an official does, saved by
LibreOffice and read back into an ansokan.yaml and ansokan.md that pass the check; and every
mistake in the Word file is one finding that names its paragraph or table row."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam.checker import check
from finsam.findings import Severity
from finsam.model.application import DIRECTION_NAMES
from finsam.model.forbund import Forbund, Template, load_forbund
from finsam.office.word_facts import EQUALITY_MARK, facts
from finsam.office.word_import import Imported, import_application
from finsam.office.word_template import application_template
from tests.conftest import TESTS, facts_and_text
from tests.office_fill import fill_word
from tests.office_helpers import through_libreoffice

VALID = TESTS / "cases" / "valid"
# For each mall of the test förbund, a valid application on it.
CASES = {
    ("standard", "2024"): "komplett",
    ("standard", "2023"): "standard-2023",
    ("nnv", "2020"): "seed-nnv-skane-2022",
}


def _case(name: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A valid case's front matter and its sections' paragraphs, by heading."""
    front_text, body = facts_and_text(VALID / name / "ansokan.md")
    front = yaml.safe_load(front_text)
    sections: dict[str, list[str]] = {}
    for chunk in re.split(r"^## ", body, flags=re.MULTILINE)[1:]:
        heading, _, rest = chunk.partition("\n")
        sections[heading.strip()] = [p.strip() for p in rest.strip().split("\n\n") if p.strip()]
    return front, sections


def _answers(front: dict[str, Any], forbund: Forbund, template: Template) -> dict[str, list[str]]:
    """The facts table as an official fills it in from the application's front matter."""
    name = {p.id: p.name for p in forbund.parties.values()}

    def parties(key: str) -> list[str]:
        return [f"{name[p['part']]}: {p['resurser']}" for p in front.get(key, [])]

    period = front["period"]
    group = front.get("malgrupp", {})
    count = group.get("forvantat_antal_deltagare")

    def goals(key: str) -> list[str]:
        return [
            g["text"] + (f" {EQUALITY_MARK}" if g.get("jamstalldhet") else "")
            for g in front["mal"][key]
        ]

    every = {
        "Insatsens namn": [front["titel"]],
        "Insatsinriktning": [DIRECTION_NAMES[front["insatsinriktning"]]],
        "Insatsägare": [name[front["insatsagare"]["part"]]],
        "Insatsägarens resurser": [front["insatsagare"]["resurser"]],
        "Medsökande": parties("medsokande"),
        "Samverkansparter": parties("samverkansparter"),
        "Startdatum": [str(period["start"])],
        "Slutdatum": [str(period["slut"])],
        "Sista intag": [str(period.get("sista_intag", ""))],
        "Målgruppens ålder": [f"{group.get('alder_min')}–{group.get('alder_max')}"],
        "Förväntat antal deltagare": [
            f"{count['min']}–{count['max']}" if isinstance(count, dict) else str(count or "")
        ],
        "Effektmål": goals("effektmal"),
        "Resultatmål": goals("resultatmal"),
        "Sökt belopp": [f"{front['sokt_belopp']:,}".replace(",", " ")],
        "Kontaktpersoner": [f"{c['roll']}: {name[c['part']]}" for c in front["kontakter"]],
        "Ort och datum": [
            f"{front['datering']['ort']} {front['datering']['datum']}"
            if "datering" in front
            else ""
        ],
    }
    return {f.label: every[f.label] for f in facts(template) if any(every[f.label])}


def _filled(forbund: Forbund, template: Template, case: str) -> bytes:
    front, sections = _case(case)
    fixed = {s.heading.casefold() for s in template.sections if s.fixed_text is not None}
    name = {p.id: p.name for p in forbund.parties.values()}
    return fill_word(
        application_template(forbund, template),
        _answers(front, forbund, template),
        {h: texts for h, texts in sections.items() if h.casefold() not in fixed},
        timetable=[(p["fas"], str(p["start"]), str(p["slut"])) for p in front.get("tidplan", [])],
        signatures=[
            (name[s["part"]], s.get("befattning", ""), str(s["datum"]))
            for s in front.get("underskrifter", [])
        ],
    )


def test_every_mall_round_trips_through_libreoffice_into_a_valid_application(
    forbund: Forbund, tmp_path: Path
) -> None:
    files = []
    for (template_id, version), case in CASES.items():
        template = forbund.template(template_id, version)
        assert template is not None
        path = tmp_path / "ifyllda" / f"{case}.docx"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(_filled(forbund, template, case))
        files.append((template, case, path))
    saved = through_libreoffice([p for _, _, p in files], "docx", tmp_path / "sparade")
    for (template, case, _), word in zip(files, saved, strict=True):
        imported, findings = import_application(word.read_bytes(), word.name, forbund, case)
        assert imported is not None, findings
        assert findings == []
        assert imported.template is template
        repo = tmp_path / "repo" / case
        folder = repo / "applications" / case
        shutil.copytree(VALID / case, folder)
        shutil.copy(TESTS / "forbund.yml", repo / "forbund.yml")
        _write(folder, imported)
        result = check([folder], repo, repo / "forbund.yml", use_cache=False)
        errors = [f for f in result.findings if f.severity is Severity.FEL]
        assert errors == [], (case, errors)
        # The facts came back as the official typed them, in ansokan.yaml, whose first line
        # names the mall's schema on the förbund's site.
        schema = f"schema/mallar/{template.id}-{template.version}/ansokan.schema.json"
        assert imported.facts.startswith(
            f"# yaml-language-server: $schema=https://provby.example/ansokan/{schema}\n"
        )
        original, _ = _case(case)
        front = yaml.safe_load(imported.facts)
        for key in ("titel", "insatsinriktning", "insatsagare", "period", "mal", "sokt_belopp"):
            assert front[key] == original[key], (case, key)
        assert front.get("samverkansparter") == original.get("samverkansparter")
        assert front.get("tidplan") == original.get("tidplan")


def test_the_sections_come_back_with_their_lists_and_emphasis(forbund: Forbund) -> None:
    template = forbund.template("standard", "2024")
    assert template is not None
    document = Document(io.BytesIO(_filled(forbund, template, "komplett")))
    heading = next(p for p in document.paragraphs if p.text == "Syfte")
    # Typed in Word: a bold word, a bulleted list, and a line that Markdown would read as a list.
    after = heading._p
    for text, style, bold in (
        ("Tre delar:", None, False),
        ("samordning", "List Bullet", True),
        ("uppföljning", "List Bullet", False),
        ("1. Inte en lista utan en mening.", None, False),
    ):
        paragraph = document.add_paragraph(style=style)
        paragraph.add_run(text).bold = bold or None
        after.addnext(paragraph._p)
        after = paragraph._p
    out = io.BytesIO()
    document.save(out)
    imported, findings = import_application(out.getvalue(), "a.docx", forbund, "komplett")
    assert imported is not None, findings
    syfte = imported.text.split("## Syfte\n", 1)[1].split("\n## ", 1)[0]
    assert "Tre delar:\n\n- **samordning**\n- uppföljning\n\n1\\. Inte en lista" in syfte


def _mistake(forbund: Forbund, edit: Any) -> list[Any]:
    template = forbund.template("standard", "2024")
    assert template is not None
    document = Document(io.BytesIO(_filled(forbund, template, "komplett")))
    edit(document)
    out = io.BytesIO()
    document.save(out)
    imported, findings = import_application(out.getvalue(), "ansokan.docx", forbund, "komplett")
    assert imported is None
    return findings


def _paragraph(document: Any, text: str) -> Any:
    return next(p for p in document.paragraphs if p.text == text)


def _answer_cell(document: Any, label: str) -> Any:
    table = document.tables[0]
    return next(r.cells[1] for r in table.rows if r.cells[0].paragraphs[0].text == label)


def test_a_renamed_heading_is_one_finding_at_its_paragraph(forbund: Forbund) -> None:
    def rename(document: Any) -> None:
        _paragraph(document, "Bakgrund och behov").runs[0].text = "Bakgrund"

    (finding,) = _mistake(forbund, rename)
    assert finding.rule == "O002" and finding.severity is Severity.FEL
    assert finding.place.startswith("stycke ") and "”Bakgrund”" in finding.place
    assert "Menade du 'Bakgrund och behov'?" in finding.hint


def test_a_missing_section_is_one_finding(forbund: Forbund) -> None:
    def remove(document: Any) -> None:
        heading = _paragraph(document, "Målgrupp")
        text = heading._p.getnext()
        for element in (heading._p, text):
            element.getparent().remove(element)

    (finding,) = _mistake(forbund, remove)
    assert finding.rule == "O003"
    assert finding.message == "Avsnittet ”Målgrupp” saknas."


def test_an_amount_with_a_unit_is_one_finding_with_the_kronor_in_its_hint(
    forbund: Forbund,
) -> None:
    def amount(document: Any) -> None:
        _answer_cell(document, "Sökt belopp").paragraphs[0].text = "1 180 tkr"

    (finding,) = _mistake(forbund, amount)
    assert finding.rule == "O004"
    assert finding.place == "tabellen under ”Uppgifter om insatsen”, raden ”Sökt belopp”"
    assert "1180000" in finding.hint


@pytest.mark.parametrize(
    ("label", "answer", "expected"),
    [
        ("Startdatum", "hösten 2025", "”hösten 2025” är inget datum."),
        (
            "Insatsägare",
            "Norrby kommun",
            "”Norrby kommun” är ingen medlem i Samordningsförbundet Provby.",
        ),
        ("Insatsinriktning", "Båda", "”Båda” är ingen insatsinriktning."),
        (
            "Målgruppens ålder",
            "unga vuxna",
            "”unga vuxna” går inte att läsa som målgruppens ålder.",
        ),
    ],
)
def test_an_answer_that_cannot_be_read_is_one_finding(
    label: str, answer: str, expected: str, forbund: Forbund
) -> None:
    def write(document: Any) -> None:
        _answer_cell(document, label).paragraphs[0].text = answer

    (finding,) = _mistake(forbund, write)
    assert (finding.rule, finding.message) == ("O010", expected)
    assert finding.place.endswith(f"raden ”{label}”")


def test_a_fact_the_document_lacks_is_a_warning_and_the_check_names_it(
    forbund: Forbund, tmp_path: Path
) -> None:
    """An older form may not ask for a fact: the application is written without it, and the
    check of the written application says what is missing."""
    template = forbund.template("standard", "2024")
    assert template is not None
    document = Document(io.BytesIO(_filled(forbund, template, "komplett")))
    _answer_cell(document, "Insatsens namn").paragraphs[0].text = ""
    out = io.BytesIO()
    document.save(out)
    imported, findings = import_application(out.getvalue(), "a.docx", forbund, "komplett")
    assert imported is not None
    (finding,) = findings
    assert (finding.rule, finding.severity) == ("O010", Severity.VARNING)
    assert finding.message == "Uppgiften ”Insatsens namn” finns inte i dokumentet."
    assert "titel:" not in imported.facts
    repo = _repo(tmp_path, ["komplett"])
    _write(repo / "applications" / "komplett", imported)
    result = check(
        [repo / "applications" / "komplett"], repo, repo / "forbund.yml", use_cache=False
    )
    assert any("titel" in f.message for f in result.findings if f.severity is Severity.FEL)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a zip at all",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        b"PK\x05\x06" + b"\0" * 18,
    ],
)
def test_a_file_that_is_no_word_document_is_one_finding_never_a_traceback(
    data: bytes, forbund: Forbund
) -> None:
    imported, findings = import_application(data, "ansokan.docx", forbund, "x")
    assert imported is None
    assert [f.rule for f in findings] == ["O001"]


@pytest.mark.parametrize("facts_as", ["rader", "rubriker"])
def test_an_application_on_an_older_form_with_bold_headings_is_read(
    facts_as: str, forbund: Forbund
) -> None:
    """No template: the mall's headings as bold lines; the facts as "Etikett: värde" lines
    and a table, or each as a bold heading in capitals with its answer below it."""
    front, sections = _case("seed-nnv-skane-2022")
    template = forbund.template("nnv", "2020")
    assert template is not None
    document = Document()
    document.add_paragraph("Ansökan om finansiering").runs[0].bold = True
    answers = _answers(front, forbund, template)
    if facts_as == "rubriker":
        for label, lines in answers.items():
            document.add_paragraph().add_run(label.upper()).bold = True
            for line in lines:
                document.add_paragraph(line)
    else:
        for label, lines in answers.items():
            if len(lines) == 1:
                document.add_paragraph(f"{label}: {lines[0]}")
        table = document.add_table(rows=0, cols=2)
        for label, lines in answers.items():
            if len(lines) > 1:
                row = table.add_row()
                row.cells[0].text = label
                row.cells[1].text = "\n".join(lines)
    for heading, texts in sections.items():
        document.add_paragraph().add_run(heading).bold = True
        for text in texts:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    imported, findings = import_application(
        out.getvalue(), "gammal.docx", forbund, "seed-nnv-skane-2022", template
    )
    assert imported is not None, findings
    read, body = yaml.safe_load(imported.facts), imported.text
    assert read["titel"] == front["titel"] and read["sokt_belopp"] == front["sokt_belopp"]
    assert read["medsokande"] == front["medsokande"]
    assert read["mal"] == front["mal"] and read["kontakter"] == front["kontakter"]
    assert read["datering"] == {"ort": "Klippan", "datum": dt.date(2021, 1, 5)}
    assert [line.casefold() for line in body.split("\n") if line.startswith("## ")] == [
        f"## {h}".casefold() for h in sections
    ]


def _style(paragraph: Any) -> str:
    return str(paragraph.style.name) if paragraph.style is not None else ""


def test_the_template_names_its_mall_and_keeps_its_guidance_apart(forbund: Forbund) -> None:
    template = forbund.template("standard", "2024")
    assert template is not None
    document = Document(io.BytesIO(application_template(forbund, template)))
    assert document.core_properties.keywords == "finsam-mall=standard@2024"
    labels = [r.cells[0].paragraphs[0].text for r in document.tables[0].rows[1:]]
    assert labels == [f.label for f in facts(template)]
    # Every table's first row is marked as its header (announced, and repeated on each page).
    header = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
    assert all(t.rows[0]._tr.find(f".//{header}") is not None for t in document.tables)
    headings = [p.text for p in document.paragraphs if _style(p) == "Heading 2"]
    assert headings == [s.heading for s in template.sections]
    guidance = [p.text for p in document.paragraphs if _style(p) == "Vägledning"]
    assert any("Beskriv behovet" in g for g in guidance)
    # The fixed agreement text is there, with its own subheadings.
    assert [p.text for p in document.paragraphs if _style(p) == "Heading 3"] == [
        "Ansvar",
        "Kostnader",
    ]
    # An unfilled template is no application: each required fact and section is a finding.
    imported, findings = import_application(
        application_template(forbund, template), "mall.docx", forbund, "x"
    )
    assert imported is None
    rules = {f.rule for f in findings}
    assert rules == {"O003", "O010"}


def _write(folder: Path, imported: Imported) -> None:
    """The imported application's files in place of the folder's application, as `finsam
    importera --skriv-over` writes them: the text file no longer holds facts of its own."""
    for name, text in imported.files.items():
        (folder / name).write_text(text, "utf-8")
    assert not (folder / "ansokan.md").read_text("utf-8").startswith("---")


def _repo(tmp_path: Path, cases: list[str]) -> Path:
    repo = tmp_path / "arkiv"
    for case in cases:
        shutil.copytree(VALID / case, repo / "applications" / case)
    shutil.copy(TESTS / "forbund.yml", repo / "forbund.yml")
    return repo


def _export(repo: Path, case: str, out: Path) -> Path:
    from finsam.cli import main

    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{case}.docx"
    assert (
        main(["export", "docx", case, "--forbund", str(repo / "forbund.yml"), "--ut", str(target)])
        == 0
    )
    return target


def _budget_figures(document: Any) -> str:
    """The cells of the tables under the document's budget heading, apart by a bar."""
    from docx.table import Table

    cells: list[str] = []
    inside = False
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            if inside:
                cells += [c.text for r in item.rows[1:] for c in r.cells[1:]]
        elif item.style is not None and item.style.name == "Heading 1":
            inside = item.text == "Budget i siffror"
    assert cells, "the document has budget tables"
    return " | ".join(cells)


def _numbers(text: str) -> list[int]:
    """Amounts as Swedish writes them (groups of three digits apart by a space)."""
    found = re.findall(r"(?<!\d)\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?!\d)", text)
    return sorted(int(re.sub(r"\D", "", n)) for n in found)


def test_the_exported_document_opens_in_libreoffice_and_reads_back_the_same(
    forbund: Forbund, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """finsam export docx: LibreOffice converts it to PDF; saved by LibreOffice it imports to
    the same application, which passes the check; export → import → export → import is stable."""
    cases = ["komplett", "seed-nnv-skane-2022", "standard-2023"]
    repo = _repo(tmp_path, cases)
    exported = [_export(repo, case, tmp_path / "ut") for case in cases]
    pdfs = through_libreoffice(exported, "pdf", tmp_path / "pdf")
    assert all(p.stat().st_size > 1000 for p in pdfs)
    saved = through_libreoffice(exported, "docx", tmp_path / "sparade")
    for case, word in zip(cases, saved, strict=True):
        first, findings = import_application(word.read_bytes(), word.name, forbund, case)
        assert first is not None, (case, findings)
        original, _ = _case(case)
        front = yaml.safe_load(first.facts)
        for key in ("titel", "insatsagare", "period", "mal", "sokt_belopp", "kontakter"):
            assert front[key] == original[key], (case, key)
        # Written back, exported and imported again: the same files.
        _write(repo / "applications" / case, first)
        again = _export(repo, case, tmp_path / "igen")
        second, _ = import_application(again.read_bytes(), again.name, forbund, case)
        assert second is not None and second.files == first.files, case
        result = check([repo / "applications" / case], repo, repo / "forbund.yml", use_cache=False)
        assert [f for f in result.findings if f.severity is Severity.FEL] == [], case
    capsys.readouterr()


def test_the_exported_budget_tables_hold_the_figures_of_finsam_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from finsam.cli import main

    repo = _repo(tmp_path, ["komplett"])
    word = _export(repo, "komplett", tmp_path)
    capsys.readouterr()
    assert main(["budget", "komplett", "--forbund", str(repo / "forbund.yml")]) == 0
    printed = capsys.readouterr().out
    document = Document(io.BytesIO(word.read_bytes()))
    in_word = _budget_figures(document)
    # The tables' amounts: the text's first paragraph (period and declared sum) is no table.
    budget_part = printed.split("\n\n", 1)[1]
    amounts = [n for n in _numbers(budget_part) if n >= 10000]
    assert amounts and sorted(n for n in _numbers(in_word) if n >= 10000) == amounts
    # The decision is in the document too, with its amounts.
    texts = [p.text for p in document.paragraphs]
    assert "Beslut" in texts


SHIPPED = sorted(
    p.name for p in (TESTS.parent / "applications").iterdir() if (p / "ansokan.md").is_file()
)


def test_the_shipped_examples_export_to_documents_that_convert_to_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever the demo holds: each application exports, LibreOffice makes a PDF of it, and
    its budget tables hold the amounts that finsam budget prints."""
    from finsam.cli import main

    config = str(TESTS.parent / "forbund.yml")
    assert SHIPPED, "the demo has applications"
    exported = []
    for name in SHIPPED:
        target = tmp_path / f"{name}.docx"
        assert main(["export", "docx", name, "--forbund", config, "--ut", str(target)]) == 0
        exported.append(target)
        capsys.readouterr()
        assert main(["budget", name, "--forbund", config]) == 0
        printed = capsys.readouterr().out.split("\n\n", 1)[1]
        document = Document(io.BytesIO(target.read_bytes()))
        in_word = _budget_figures(document)
        amounts = [n for n in _numbers(printed) if n >= 10000]
        assert amounts and sorted(n for n in _numbers(in_word) if n >= 10000) == amounts, name
    pdfs = through_libreoffice(exported, "pdf", tmp_path / "pdf")
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_text_in_tracked_changes_and_content_controls_is_read_as_word_shows_it(
    forbund: Forbund,
) -> None:
    """Real documents keep text in tracked insertions and in content controls (form fields),
    and keep deleted text in place: the import reads what Word shows, no more, no less."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    template = forbund.template("standard", "2024")
    assert template is not None
    document = Document(io.BytesIO(_filled(forbund, template, "komplett")))

    def run(text: str, deleted: bool = False) -> Any:
        element = OxmlElement("w:r")
        piece = OxmlElement("w:delText" if deleted else "w:t")
        piece.text = text
        element.append(piece)
        return element

    purpose = next(p for p in document.paragraphs if p.text.startswith("Att samordna"))
    inserted, removed = OxmlElement("w:ins"), OxmlElement("w:del")
    inserted.append(run(" Infogad mening."))
    removed.append(run(" Struken mening.", deleted=True))
    purpose._p.append(inserted)
    purpose._p.append(removed)
    # A whole paragraph inside a block content control, after the text under Målgrupp.
    group = next(p for p in document.paragraphs if p.text.startswith("Personer 18"))
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    paragraph = OxmlElement("w:p")
    paragraph.append(run("Text i ett formulärfält."))
    content.append(paragraph)
    control.append(content)
    group._p.addnext(control)
    # The amount inside an inline content control in the facts table.
    cell = _answer_cell(document, "Sökt belopp")
    cell.paragraphs[0].text = ""
    inline, inline_content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inline_content.append(run("900 000"))
    inline.append(inline_content)
    cell.paragraphs[0]._p.append(inline)
    assert qn("w:sdt") in [c.tag for c in cell.paragraphs[0]._p]
    out = io.BytesIO()
    document.save(out)
    imported, findings = import_application(out.getvalue(), "a.docx", forbund, "komplett")
    assert imported is not None, findings
    assert "Att samordna stödet kring varje deltagare. Infogad mening." in imported.text
    assert "Struken" not in imported.text
    assert "Text i ett formulärfält." in imported.text.split("## Målgrupp", 1)[1]


def test_text_written_in_a_box_under_a_heading_is_the_sections_text(forbund: Forbund) -> None:
    """Older forms give a box (a table of one cell) under each heading to write in."""
    template = forbund.template("standard", "2024")
    assert template is not None
    document = Document(io.BytesIO(_filled(forbund, template, "komplett")))
    box = document.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "Första stycket i rutan."
    box.cell(0, 0).add_paragraph("Andra stycket, med **stjärnor**.")
    _paragraph(document, "Uppföljning")._p.addnext(box._tbl)
    out = io.BytesIO()
    document.save(out)
    imported, findings = import_application(out.getvalue(), "a.docx", forbund, "komplett")
    assert imported is not None, findings
    follow_up = imported.text.split("## Uppföljning\n", 1)[1].split("\n## ", 1)[0]
    assert "Första stycket i rutan.\n\nAndra stycket, med \\*\\*stjärnor\\*\\*." in follow_up
    assert "|" not in follow_up
    assert "sokt_belopp: 900000" in imported.facts


# --- any Word file: read, or refused with findings; never a traceback ----------------------

_WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\t\n:*#|<>–-"),
    max_size=60,
)
_LINES = st.one_of(
    _WORDS,
    st.sampled_from(
        [
            "Bakgrund och behov",
            "Syfte",
            "Uppgifter om insatsen",
            "Tidplan",
            "Underskrifter",
            "Budget i siffror",
            "Sökt belopp: 1 180 tkr",
            "Startdatum: 2025-13-45",
            "Insatsägare: Okänd kommun",
            "INSATSENS NAMN",
            "Resultatmål",
            "1. Syfte:",
        ]
    ),
)
_STYLES = st.sampled_from(
    [
        None,
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Title",
        "List Bullet",
        "List Number",
        "Vägledning",
    ]
)
_BLOCKS = st.lists(
    st.one_of(
        st.tuples(st.just("p"), _LINES, _STYLES, st.booleans()),
        st.tuples(
            st.just("t"),
            st.lists(st.lists(_LINES, min_size=1, max_size=4), min_size=1, max_size=4),
            st.booleans(),
            st.booleans(),
        ),
    ),
    max_size=25,
)


@given(blocks=_BLOCKS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_word_document_is_read_or_refused_never_a_traceback(blocks: list[Any]) -> None:
    """Paragraphs in any style, bold or not, and tables of any shape, merged or not, with the
    labels and headings the import looks for among arbitrary text. Either nothing is written
    and a finding says why, or the written ansokan.yaml and ansokan.md are read by the desk as
    they are."""
    loaded, _ = load_forbund(TESTS / "forbund.yml")
    assert loaded is not None
    template = application_template(loaded, next(iter(loaded.templates.values())))
    document = Document(io.BytesIO(template))
    for block in blocks:
        if block[0] == "p":
            _, text, style, bold = block
            paragraph = document.add_paragraph(style=style)
            paragraph.add_run(text).bold = bold or None
        else:
            _, rows, merge, nested = block
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, texts in zip(table.rows, rows, strict=True):
                for cell, text in zip(row.cells, texts, strict=False):
                    cell.text = text
            if merge and len(table.columns) > 1:
                table.cell(0, 0).merge(table.cell(0, 1))
            if nested:
                table.cell(0, 0).add_table(rows=1, cols=2).cell(0, 1).text = "inuti"
    out = io.BytesIO()
    document.save(out)
    imported, findings = import_application(out.getvalue(), "a.docx", loaded, "prov")
    errors = [f for f in findings if f.severity is Severity.FEL]
    assert all(f.rule.startswith("O") and f.message for f in findings)
    if imported is None:
        assert errors
        return
    assert not errors
    from finsam.loader.application import text_document

    assert sorted(imported.files) == ["ansokan.md", "ansokan.yaml"]
    doc, problems = text_document(
        imported.text, "ansokan.md", imported.facts, "ansokan.yaml", "ansokan", validated=False
    )
    assert doc is not None and problems == [], problems
