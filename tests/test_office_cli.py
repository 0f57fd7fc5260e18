"""The Word and Excel route as the kansli runs it: `finsam mall` makes the templates, an
official fills them in, LibreOffice saves them, `finsam importera` writes the application and
`finsam kontrollera` passes; and five kinds of mistakes give five findings in the Office files."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from finsam.cli import main
from finsam.model.forbund import Forbund
from tests.conftest import TESTS
from tests.office_fill import fill_word
from tests.office_helpers import through_libreoffice
from tests.pnr_corpus import NUMBERS
from tests.test_office_excel import MALLS, fill
from tests.test_office_word import CASES, _answers, _case, _paragraph

FINDING = re.compile(r"^(?P<file>\S+) \((?P<place>[^)]*)\): fel (?P<rule>O\d{3}):", re.MULTILINE)


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "arkiv"
    (repo / "applications").mkdir(parents=True)
    shutil.copy(TESTS / "forbund.yml", repo / "forbund.yml")
    return repo


def _finsam(repo: Path, *words: str) -> int:
    return main([*words, "--forbund", str(repo / "forbund.yml")])


def _word(forbund: Forbund, data: bytes, case: str) -> bytes:
    """The Word template ``data`` filled in with the case's facts, sections and signatures."""
    template = next(t for (i, v), c in CASES.items() if c == case for t in [forbund.template(i, v)])
    assert template is not None
    front, sections = _case(case)
    fixed = {s.heading.casefold() for s in template.sections if s.fixed_text is not None}
    name = {p.id: p.name for p in forbund.parties.values()}
    return fill_word(
        data,
        _answers(front, forbund, template),
        {h: t for h, t in sections.items() if h.casefold() not in fixed},
        timetable=[(p["fas"], str(p["start"]), str(p["slut"])) for p in front.get("tidplan", [])],
        signatures=[
            (name[s["part"]], s.get("befattning", ""), str(s["datum"]))
            for s in front.get("underskrifter", [])
        ],
    )


def test_each_mall_from_finsam_mall_to_a_checked_application(
    forbund: Forbund, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    made = tmp_path / "ifyllda"
    made.mkdir()
    chosen = []
    for mall in MALLS.values():
        template = mall.template
        if (template.id, template.version) not in CASES:
            continue
        mall_name = f"{template.id}@{template.version}"
        word, excel = made / f"{mall.case}.docx", made / f"{mall.case}.xlsx"
        assert _finsam(repo, "mall", mall_name, "--format", "docx", "--ut", str(word)) == 0
        years = [str(y) for y in mall.years]
        assert (
            _finsam(repo, "mall", mall_name, "--format", "xlsx", "--ar", *years, "--ut", str(excel))
            == 0
        )
        word.write_bytes(_word(forbund, word.read_bytes(), mall.case))
        excel.write_bytes(fill(excel.read_bytes(), mall.lines))
        chosen.append(mall.case)
    assert len(chosen) == len(CASES)
    words = through_libreoffice([made / f"{c}.docx" for c in chosen], "docx", tmp_path / "lo")
    excels = through_libreoffice([made / f"{c}.xlsx" for c in chosen], "xlsx", tmp_path / "lo")
    capsys.readouterr()
    for case, word, excel in zip(chosen, words, excels, strict=True):
        assert _finsam(repo, "importera", str(word), str(excel), "--id", case) == 0, (
            capsys.readouterr().out
        )
        out = capsys.readouterr().out
        folder = f"applications/{case}"
        assert f"Skrev {folder}/ansokan.yaml, {folder}/ansokan.md och {folder}/budget.yaml." in out
    assert _finsam(repo, "kontrollera", "--utan-cache") == 0, capsys.readouterr().out


def test_five_kinds_of_mistakes_are_five_findings_in_the_office_files(
    forbund: Forbund, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    word, excel = tmp_path / "ansokan.docx", tmp_path / "budget.xlsx"
    assert _finsam(repo, "mall", "standard@2024", "--format", "docx", "--ut", str(word)) == 0
    assert (
        _finsam(
            repo,
            "mall",
            "standard@2024",
            "--format",
            "xlsx",
            "--ar",
            "2025",
            "2026",
            "--ut",
            str(excel),
        )
        == 0
    )
    document = Document(io.BytesIO(_word(forbund, word.read_bytes(), "komplett")))
    _paragraph(document, "Bakgrund och behov").runs[0].text = "Bakgrund"  # renamed
    heading = _paragraph(document, "Målgrupp")  # a whole section left out
    for element in (heading._p, heading._p.getnext()):
        element.getparent().remove(element)
    facts = document.tables[0]
    answer = next(r.cells[1] for r in facts.rows if r.cells[0].paragraphs[0].text == "Sökt belopp")
    answer.paragraphs[0].text = "1 180 tkr"  # an amount with a unit
    document.save(str(word))
    book = openpyxl.load_workbook(
        io.BytesIO(fill(excel.read_bytes(), MALLS["standard-2024"].lines))
    )
    sheet = book["Budget"]
    sheet["A11"] = "Konsulter"  # a category the mall does not have
    sheet["K53"] = 900000  # the sum's formula overwritten by a number that breaks it
    book.save(excel)
    capsys.readouterr()
    assert _finsam(repo, "importera", str(word), str(excel), "--id", "fem-fel") == 1
    out = capsys.readouterr().out
    found = [m.groupdict() for m in FINDING.finditer(out)]
    assert sorted(f["rule"] for f in found) == ["O002", "O003", "O004", "O005", "O006"], out
    places = {f["rule"]: (Path(f["file"]).name, f["place"]) for f in found}
    assert places["O002"][0] == "ansokan.docx" and "”Bakgrund”" in places["O002"][1]
    assert places["O004"] == (
        "ansokan.docx",
        "tabellen under ”Uppgifter om insatsen”, raden ”Sökt belopp”",
    )
    assert places["O005"] == ("budget.xlsx", "Budget!K53")
    assert places["O006"] == ("budget.xlsx", "Budget!A11")
    assert "Ingenting skrevs." in out
    assert not (repo / "applications" / "fem-fel").exists()


def test_importera_refuses_to_overwrite_and_reads_no_file_with_a_personnummer(
    forbund: Forbund, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    word = tmp_path / "ansokan.docx"
    assert _finsam(repo, "mall", "standard@2024", "--format", "docx", "--ut", str(word)) == 0
    filled = Document(io.BytesIO(_word(forbund, word.read_bytes(), "komplett")))
    filled.save(str(word))
    assert _finsam(repo, "importera", str(word), "--id", "komplett") in (0, 1)
    folder = repo / "applications" / "komplett"
    assert {"ansokan.yaml", "ansokan.md", "budget.yaml"} <= {p.name for p in folder.iterdir()}
    capsys.readouterr()
    assert _finsam(repo, "importera", str(word), "--id", "komplett") == 2
    assert "finns redan" in capsys.readouterr().err
    # An application in the older layout, its facts at the top of ansokan.md, is replaced by
    # the two files: no facts are left in ansokan.md to be read twice (Y014).
    shutil.rmtree(folder)
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", folder)
    assert (folder / "ansokan.md").read_text("utf-8").startswith("---")
    assert _finsam(repo, "importera", str(word), "--id", "komplett") == 2
    assert _finsam(repo, "importera", str(word), "--id", "komplett", "--skriv-over") in (0, 1)
    out = capsys.readouterr().out
    assert not (folder / "ansokan.md").read_text("utf-8").startswith("---")
    assert (folder / "ansokan.yaml").read_text("utf-8").startswith("# yaml-language-server:")
    assert "Y014" not in out and "Y010" not in out
    number = NUMBERS[0]  # made at run time: no personnummer is written in the repository
    written = f"{number[:8]}-{number[8:]}"
    next(p for p in filled.paragraphs if p.text.startswith("Att samordna")).add_run(
        f" Kontakt: {written}."
    )
    filled.save(str(word))
    assert _finsam(repo, "importera", str(word), "--id", "annan") == 1
    out = capsys.readouterr().out
    assert re.search(r"fel P\d{3}", out) and written not in out
    assert not (repo / "applications" / "annan").exists()
