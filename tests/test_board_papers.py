"""The board's papers: `finsam beslutsunderlag` (the förbundschef's basis for the board's
decision, as Word and PDF) and `finsam styrelsemote` (the insatser ready for a meeting, their
proposals against the yearly frame, and the agenda).

Every insats here is a valid test case (tests/cases/valid) copied under a new id, with a
beredning.yaml written by the test."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf.generic import DictionaryObject

from finsam.cli import main
from finsam.exitcodes import ExitCode
from tests.conftest import TESTS
from tests.office_helpers import soffice, through_libreoffice
from tests.snapshots import assert_snapshot

MEETING = "2025-06-12"
# The criteria and the assessing body; ids that no text in the papers contains, so that a
# document showing an id instead of a name is caught.
BEREDNING_CONFIG = {
    "organ": {"id": "grupp_for_beredning", "namn": "utvecklingsrådet"},
    "skala": {"typ": "ja_delvis_nej"},
    "kriterier": [
        {
            "id": "krit_behov",
            "namn": "Grundad i en analys av behoven",
            "beskrivning": "Ansökan visar behoven och bristerna i samverkan.",
        },
        {
            "id": "krit_samverkan",
            "namn": "Utvecklar parternas samverkan",
            "beskrivning": "Parterna arbetar tillsammans på ett nytt sätt.",
        },
    ],
}
MACHINE_IDS = (
    "grupp_for_beredning",
    "krit_behov",
    "krit_samverkan",
    "provby-kommun",
    "arbetsformedlingen",
    "bevilja_med_villkor",
    "ja_delvis_nej",
)
DECISION_TEXT = (
    "Styrelsen beviljar Provby kommun 300 000 kronor för 2025 och 600 000 kronor för 2026 "
    "till insatsen, med villkoret nedan."
)


def _repo(tmp_path: Path, frame: dict[int, int] | None = None) -> Path:
    """A repository with the test förbund, its summing-up section (syfte), these criteria and
    ``frame`` as its yearly frame."""
    repo = tmp_path / "arkiv"
    (repo / "applications").mkdir(parents=True)
    config = yaml.safe_load((TESTS / "forbund.yml").read_text("utf-8"))
    config["publicering"] = {**config.get("publicering", {}), "sammanfattning": "syfte"}
    config["beredning"] = BEREDNING_CONFIG
    config["ram"] = frame or {2025: 5000000, 2026: 5000000}
    (repo / "forbund.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8"
    )
    return repo


def _beredning(
    forslag: str = "bevilja_med_villkor",
    datum: str = "2025-05-30",
    belopp: dict[int, int] | None = None,
    **rekommendation: Any,
) -> dict[str, Any]:
    """A beredning that passes every rule: reviewed, assessed and recommended, in that order."""
    recommendation: dict[str, Any] = {
        "forslag": forslag,
        "datum": datum,
        "skriven_av": "Förbundschef",
    }
    if forslag in ("bevilja", "bevilja_med_villkor"):
        recommendation["belopp"] = belopp or {2025: 300000, 2026: 600000}
    if forslag == "bevilja_med_villkor":
        recommendation["villkor"] = ["En lägesrapport lämnas till kansliet varje tertial."]
    recommendation["beslutstext"] = DECISION_TEXT
    recommendation["motivering"] = "Insatsen svarar mot ett behov som alla parter har beskrivit."
    recommendation.update(rekommendation)
    return {
        "kvalitetsgranskning": {
            "datum": "2025-05-22",
            "komplett": True,
            "granskad_av": "Verksamhetsutvecklare",
        },
        "bedomning": {
            "organ": "grupp_for_beredning",
            "datum": "2025-05-27",
            "projektledaren_foredrog": True,
            "kriterier": [
                {
                    "kriterium": "krit_behov",
                    "bedomning": "ja",
                    "motivering": "Behoven hos målgruppen är väl underbyggda.",
                },
                {
                    "kriterium": "krit_samverkan",
                    "bedomning": "delvis",
                    "motivering": "Hur teamet delar ansvaret kan bli tydligare.",
                },
            ],
        },
        "rekommendation": recommendation,
    }


def _insats(
    repo: Path,
    insats: str,
    title: str,
    beredning: dict[str, Any] | None = None,
    beslut: str | None = None,
    case: str = "komplett",
) -> Path:
    """A valid case under a new id and title, with its beredning and decisions as given (the
    case's own decisions are left out)."""
    folder = repo / "applications" / insats
    shutil.copytree(TESTS / "cases" / "valid" / case, folder)
    (folder / "beslut.yaml").unlink(missing_ok=True)
    ansokan = folder / "ansokan.md"
    text = ansokan.read_text("utf-8")
    text = text.replace(f"id: {case}\n", f"id: {insats}\n", 1)
    text = re.sub(r"^titel: .*$", f"titel: {title}", text, count=1, flags=re.MULTILINE)
    ansokan.write_text(text, "utf-8")
    if beredning is not None:
        (folder / "beredning.yaml").write_text(
            yaml.safe_dump(beredning, allow_unicode=True, sort_keys=False), "utf-8"
        )
    if beslut is not None:
        (folder / "beslut.yaml").write_text(beslut, "utf-8")
    return folder


def _granted(datum: str, amounts: str) -> str:
    return (
        f"beslut:\n  - datum: {datum}\n    organ: styrelsen\n    paragraf: '§ 7'\n"
        f"    utfall: beviljad\n    beviljat: {amounts}\n"
        "    villkor:\n      - En lägesrapport lämnas till kansliet varje tertial.\n"
    )


def _finsam(repo: Path, *words: str) -> int:
    return main([*words, "--forbund", str(repo / "forbund.yml")])


# Reading the documents back.


def _blocks(document: DocumentObject) -> list[Paragraph | Table]:
    return list(document.iter_inner_content())


def _rows(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _tables_by_heading(document: DocumentObject) -> dict[str, list[list[str]]]:
    """Each table under the heading just above it."""
    found: dict[str, list[list[str]]] = {}
    heading = ""
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            if block.style is not None and block.style.name.startswith("Heading"):
                heading = block.text
        else:
            found[heading] = _rows(block)
    return found


def _text(document: DocumentObject) -> str:
    parts = []
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            parts += ["\t".join(row) for row in _rows(block)]
    return "\n".join(parts)


def _headings(document: DocumentObject) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and (p.style.name.startswith("Heading") or p.style.name == "Title")
    ]


def _budget_tables(out: str) -> dict[str, list[list[str]]]:
    """`finsam budget`'s text output as tables: each title and its rows (the header first),
    cells split where the columns are padded apart."""
    tables: dict[str, list[list[str]]] = {}
    for block in out.split("\n\n")[1:]:
        title, header, _rule, *rows = block.strip("\n").split("\n")
        tables[title] = [re.split(r" {2,}", line.strip()) for line in (header, *rows)]
    return tables


# finsam beslutsunderlag


@pytest.mark.parametrize("case", ["komplett", "budget-hela-perioden"])
def test_the_basis_opens_in_libreoffice_with_the_figures_of_finsam_budget(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    _insats(repo, "alfa", "Stöd i samverkan", _beredning(), case=case)
    written = tmp_path / "underlag.docx"
    assert _finsam(repo, "beslutsunderlag", "alfa", "--utan-pdf", "--ut", str(written)) == 0
    assert capsys.readouterr().out == f"Skrev {written}.\n"
    assert _finsam(repo, "budget", "alfa") == 0
    budget = _budget_tables(capsys.readouterr().out)
    [saved] = through_libreoffice([written], "docx", tmp_path / "lo")
    document = Document(str(saved))
    tables = _tables_by_heading(document)
    assert len(budget) >= 3
    for title, rows in budget.items():
        header, *lines = tables[title]
        assert [c for c in header if c] == rows[0], title
        assert lines == rows[1:], title
    if case == "budget-hela-perioden":
        assert "Ej fördelat per år" in budget["Sökt från förbundet per kategori och år"][0]
    text = _text(document)
    # The lines above the tables are finsam budget's too.
    assert "Sökt från förbundet enligt budgeten: 900\u00a0000\u00a0kr." in text


def test_the_basis_holds_the_assessment_the_proposal_and_names_not_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    _insats(repo, "alfa", "Stöd i samverkan", _beredning())
    written = tmp_path / "underlag.docx"
    assert _finsam(repo, "beslutsunderlag", "alfa", "--utan-pdf", "--ut", str(written)) == 0
    [saved] = through_libreoffice([written], "docx", tmp_path / "lo")
    document = Document(str(saved))
    headings = _headings(document)
    assert headings[0] == ("Title", "Beslutsunderlag: Stöd i samverkan")
    level_one = [text for style, text in headings if style == "Heading 1"]
    assert level_one == [
        "Sammanfattning",
        "Uppgifter om insatsen",
        "Parter",
        "Budget",
        "Kvalitetsgranskning",
        "Bedömning mot kriterierna",
        "Rekommendation",
    ]
    tables = _tables_by_heading(document)
    assert tables["Parter"] == [
        ["Roll", "Medlem"],
        ["Insatsägare", "Provby kommun"],
        ["Samverkanspart", "Arbetsförmedlingen"],
    ]
    assert tables["Bedömning mot kriterierna"] == [
        ["Kriterium", "Bedömning", "Motivering"],
        [
            "Grundad i en analys av behoven",
            "Uppfyllt",
            "Behoven hos målgruppen är väl underbyggda.",
        ],
        [
            "Utvecklar parternas samverkan",
            "Delvis uppfyllt",
            "Hur teamet delar ansvaret kan bli tydligare.",
        ],
    ]
    assert tables["Föreslaget belopp per år"] == [
        ["År", "Föreslaget belopp"],
        ["2025", "300\u00a0000\u00a0kr"],
        ["2026", "600\u00a0000\u00a0kr"],
        ["Totalt", "900\u00a0000\u00a0kr"],
    ]
    facts = dict(row for row in tables["Uppgifter om insatsen"][1:])
    assert facts["Insatsens id"] == "alfa"
    assert facts["Insatstid"] == "1\u00a0juli 2025 – 31\u00a0december 2026"
    text = _text(document)
    for expected in (
        "Att samordna stödet kring varje deltagare.",  # the summing-up section, Syfte
        "Kansliet (verksamhetsutvecklare) granskade ansökan den 22\u00a0maj 2025 och fann den "
        "komplett.",
        "Utvecklingsrådet bedömde ansökan vid sitt möte den 27\u00a0maj 2025.",
        "Projektledaren var inbjuden och föredrog ansökan.",
        "Förslag: Bevilja med villkor.",
        "En lägesrapport lämnas till kansliet varje tertial.",
        "Insatsen svarar mot ett behov som alla parter har beskrivit.",
        DECISION_TEXT,
    ):
        assert expected in text, expected
    assert text.index(DECISION_TEXT) > text.index("Förslag till beslut")
    for machine_id in MACHINE_IDS:
        assert machine_id not in text, machine_id
    # Accessible: every table's first row is a header row, and the text is Swedish.
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert document.core_properties.language == "sv-SE"


def test_a_proposal_to_reject_has_no_amounts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    _insats(repo, "alfa", "Stöd i samverkan", _beredning("avsla"))
    written = tmp_path / "underlag.docx"
    assert _finsam(repo, "beslutsunderlag", "alfa", "--utan-pdf", "--ut", str(written)) == 0
    text = _text(Document(str(written)))
    assert "Förslag: Avslå." in text and "Inget belopp föreslås." in text
    assert "Villkor" not in [t for _, t in _headings(Document(str(written)))]


def test_the_default_file_name_names_the_insats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    _insats(repo, "alfa", "Stöd i samverkan", _beredning())
    monkeypatch.chdir(tmp_path)
    assert _finsam(repo, "beslutsunderlag", "alfa", "--utan-pdf") == 0
    assert (tmp_path / "beslutsunderlag-alfa.docx").is_file()
    assert capsys.readouterr().out == "Skrev beslutsunderlag-alfa.docx.\n"


@pytest.mark.parametrize(
    ("change", "code", "said"),
    [
        ("ingen beredning", ExitCode.USAGE, "har ingen beredning.yaml ännu"),
        ("ingen rekommendation", ExitCode.USAGE, "har ingen rekommendation ännu"),
        ("okänt förslag", ExitCode.FINDINGS, "inget beslutsunderlag skrevs"),
        ("villkor saknas", ExitCode.FINDINGS, "inget beslutsunderlag skrevs"),
        ("trasig budget", ExitCode.FINDINGS, "inget beslutsunderlag skrevs"),
        ("okänd insats", ExitCode.USAGE, "Hittar ingen ansokan.md"),
    ],
)
def test_no_basis_from_files_that_would_mislead_or_before_the_recommendation(
    change: str, code: int, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    beredning: dict[str, Any] | None = _beredning()
    assert beredning is not None
    if change == "ingen beredning":
        beredning = None
    elif change == "ingen rekommendation":
        del beredning["rekommendation"]
    elif change == "okänt förslag":
        beredning["rekommendation"]["forslag"] = "kanske"  # the schema's error
    elif change == "villkor saknas":
        del beredning["rekommendation"]["villkor"]  # rule E107
    folder = _insats(repo, "alfa", "Stöd i samverkan", beredning)
    if change == "trasig budget":
        budget = folder / "budget.yaml"
        budget.write_text(budget.read_text("utf-8").replace("2025: 20000", "2025: mycket"), "utf-8")
    written = tmp_path / "underlag.docx"
    insats = "beta" if change == "okänd insats" else "alfa"
    assert _finsam(repo, "beslutsunderlag", insats, "--utan-pdf", "--ut", str(written)) == code
    out, err = capsys.readouterr()
    assert said in err and out == ""
    assert not written.exists()
    if code == ExitCode.FINDINGS:
        # The findings that stop it are shown, each with its file.
        wanted = "budget.yaml" if change == "trasig budget" else "beredning.yaml"
        assert re.search(rf"applications/alfa/{wanted}:\d+:\d+: fel [A-Z]\d{{3}}", err), err


def test_a_pdf_is_written_beside_the_document_when_libreoffice_is_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    soffice()  # fails in CI without LibreOffice, skips elsewhere
    repo = _repo(tmp_path)
    _insats(repo, "alfa", "Stöd i samverkan", _beredning())
    written = tmp_path / "underlag.docx"
    assert _finsam(repo, "beslutsunderlag", "alfa", "--ut", str(written)) == 0
    pdf = tmp_path / "underlag.pdf"
    assert capsys.readouterr().out == f"Skrev {written}.\nSkrev {pdf}.\n"
    reader = pypdf.PdfReader(pdf)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Beslutsunderlag: Stöd i samverkan" in text
    assert " ".join(DECISION_TEXT.split()) in text
    root = reader.root_object
    assert str(root["/Lang"]) == "sv-SE"  # the document's language
    marked = root["/MarkInfo"].get_object()
    assert isinstance(marked, DictionaryObject) and marked["/Marked"]  # tagged: headings and
    # tables reach a screen reader as such


def test_without_libreoffice_only_the_document_unless_a_pdf_is_demanded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    _insats(repo, "alfa", "Stöd i samverkan", _beredning())
    empty = tmp_path / "inga-program"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    written = tmp_path / "underlag.docx"
    assert _finsam(repo, "beslutsunderlag", "alfa", "--pdf", "--ut", str(written)) == 2
    assert "LibreOffice behövs för PDF-filen" in capsys.readouterr().err
    assert not written.exists()
    assert _finsam(repo, "beslutsunderlag", "alfa", "--ut", str(written)) == 0
    out, err = capsys.readouterr()
    assert out == f"Skrev {written}.\n"
    assert "Ingen PDF-fil: LibreOffice (soffice) är inte installerat." in err
    assert written.is_file() and not written.with_suffix(".pdf").exists()


# finsam styrelsemote


def _meeting_repo(tmp_path: Path, frame: dict[int, int]) -> Path:
    """Three insatser ready for the meeting on 2025-06-12 (two proposals to grant, one to
    reject), one recommended after it, one already decided, and one granted without beredning.
    Granted before the meeting: 600 000 kr for 2025 and 1 200 000 kr for 2026."""
    repo = _repo(tmp_path, frame)
    _insats(repo, "alfa", "Stöd i samverkan", _beredning())
    _insats(
        repo,
        "beta",
        "Vägen till studier",
        _beredning(
            "bevilja",
            "2025-06-02",
            {2025: 200000, 2026: 500000},
            beslutstext="Styrelsen beviljar Provby kommun 700 000 kronor till insatsen.",
        ),
    )
    _insats(
        repo,
        "zeta",
        "Ett år till",
        _beredning(
            "avsla", "2025-06-01", beslutstext="Styrelsen avslår ansökan om medel till insatsen."
        ),
    )
    _insats(repo, "gamma", "Sent förslag", _beredning(datum="2025-06-20"))
    _insats(
        repo,
        "delta",
        "Redan beslutad",
        _beredning(datum="2025-05-30"),
        _granted("2025-06-05", "{2025: 300000, 2026: 600000}"),
    )
    _insats(
        repo,
        "epsilon",
        "Pågående insats",
        None,
        _granted("2025-03-12", "{2025: 300000, 2026: 600000}"),
    )
    return repo


def test_the_meeting_lists_the_ready_insatser_and_warns_over_the_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _meeting_repo(tmp_path, {2025: 1500000, 2026: 2000000})
    assert _finsam(repo, "kontrollera", "--utan-cache") == 0, capsys.readouterr().out
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    code = _finsam(repo, "styrelsemote", "--datum", MEETING, "--utan-pdf")
    out = capsys.readouterr().out
    # Granting every proposal would break the frame (rule F001): an error, as every command
    # signals one.
    assert code == ExitCode.FINDINGS
    assert_snapshot("styrelsemote.text.txt", out)
    assert "Sent förslag" not in out and "Redan beslutad" not in out
    assert (
        "Över ramen 2026: förslagen är 1\u00a0100\u00a0000\u00a0kr, men av förbundets ram för "
        "året återstår 800\u00a0000\u00a0kr." in out
    )
    assert "Över ramen 2025" not in out

    document = Document(str(tmp_path / f"styrelsemote-{MEETING}.docx"))
    headings = _headings(document)
    assert [t for s, t in headings if s == "Heading 1"] == [
        "Ärende 1: Stöd i samverkan",
        "Ärende 2: Ett år till",
        "Ärende 3: Vägen till studier",
        "Förbundets ram",
    ]
    tables = _tables_by_heading(document)
    first = dict(row for row in tables["Ärende 1: Stöd i samverkan"][1:])
    assert first["Insatsägare"] == "Provby kommun"
    assert first["Samverkanspart"] == "Arbetsförmedlingen"
    assert first["Förslag"] == "Bevilja med villkor (förbundschef, 30\u00a0maj 2025)"
    assert tables["Förbundets ram"] == [
        ["År", "Ram", "Redan beviljat", "Kvar av ramen", "Föreslaget", "Kvar efter förslagen"],
        [
            "2025",
            "1\u00a0500\u00a0000\u00a0kr",
            "600\u00a0000\u00a0kr",
            "900\u00a0000\u00a0kr",
            "500\u00a0000\u00a0kr",
            "400\u00a0000\u00a0kr",
        ],
        [
            "2026",
            "2\u00a0000\u00a0000\u00a0kr",
            "1\u00a0200\u00a0000\u00a0kr",
            "800\u00a0000\u00a0kr",
            "1\u00a0100\u00a0000\u00a0kr",
            "−300\u00a0000\u00a0kr",
        ],
    ]
    text = _text(document)
    for decision in (
        DECISION_TEXT,
        "Styrelsen beviljar Provby kommun 700 000 kronor till insatsen.",
        "Styrelsen avslår ansökan om medel till insatsen.",
    ):
        assert decision in text
    assert "Över ramen 2026" in text
    warning = next(p for p in document.paragraphs if p.text.startswith("Över ramen 2026"))
    assert all(run.bold for run in warning.runs)
    for machine_id in MACHINE_IDS:
        assert machine_id not in text, machine_id

    assert _finsam(repo, "styrelsemote", "--datum", MEETING, "--utan-pdf", "--format", "json") == 1
    out, err = capsys.readouterr()
    data = json.loads(out)  # the files written are said on stderr, not in the JSON
    assert f"Skrev styrelsemote-{MEETING}.docx." in err
    assert_snapshot("styrelsemote.json.txt", out)
    assert [i["id"] for i in data["insatser"]] == ["alfa", "zeta", "beta"]
    assert [(y["ar"], y["foreslaget"], y["kvar"], y["over_ramen"]) for y in data["ram"]] == [
        (2025, 500000, 900000, False),
        (2026, 1100000, 800000, True),
    ]


def test_within_the_frame_the_meeting_exits_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _meeting_repo(tmp_path, {2025: 1500000, 2026: 3000000})
    out_file = tmp_path / "mote.docx"
    assert (
        _finsam(repo, "styrelsemote", "--datum", MEETING, "--utan-pdf", "--ut", str(out_file)) == 0
    )
    out = capsys.readouterr().out
    assert "Över ramen" not in out and "tre insatser är redo för beslut" in out
    text = _text(Document(str(out_file)))
    assert "Förslagen ryms inom det som återstår av ramen varje år." in text
    assert "Över ramen" not in text


def test_a_year_without_a_frame_is_said_and_not_counted_as_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _meeting_repo(tmp_path, {2025: 1500000})
    out_file = tmp_path / "mote.docx"
    assert (
        _finsam(repo, "styrelsemote", "--datum", MEETING, "--utan-pdf", "--ut", str(out_file)) == 0
    )
    out = capsys.readouterr().out
    assert "Ingen ram är fastställd för 2026 (ram i forbund.yml)" in out


def test_the_day_of_the_recommendation_decides_what_is_ready(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _meeting_repo(tmp_path, {2025: 1500000, 2026: 3000000})
    out_file = tmp_path / "mote.docx"
    # Before the earliest recommendation nothing is ready, and no agenda is written.
    assert _finsam(repo, "styrelsemote", "--datum", "2025-05-29", "--ut", str(out_file)) == 0
    assert capsys.readouterr().out == "Styrelsemötet 2025-05-29: ingen insats är redo för beslut.\n"
    assert not out_file.exists()
    # The day after gamma's recommendation it is ready too.
    assert (
        _finsam(repo, "styrelsemote", "--datum", "2025-06-21", "--utan-pdf", "--ut", str(out_file))
        == 0
    )
    out = capsys.readouterr().out
    assert "fyra insatser är redo för beslut" in out and "Sent förslag (gamma)" in out


def test_an_insats_whose_files_have_errors_is_left_off_the_agenda(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _meeting_repo(tmp_path, {2025: 1500000, 2026: 3000000})
    broken = _beredning(datum="2025-06-03")
    del broken["rekommendation"]["villkor"]  # rule E107
    _insats(repo, "eta", "Utan villkor", broken)
    out_file = tmp_path / "mote.docx"
    code = _finsam(repo, "styrelsemote", "--datum", MEETING, "--utan-pdf", "--ut", str(out_file))
    out, err = capsys.readouterr()
    assert code == ExitCode.FINDINGS
    assert "Kan inte tas upp: Utan villkor (eta): insatsens filer har fel" in out
    assert re.search(r"applications/eta/beredning\.yaml:\d+:\d+: fel E107", err), err
    assert "Utan villkor" not in _text(Document(str(out_file)))


def test_the_agenda_is_written_as_pdf_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    soffice()  # fails in CI without LibreOffice, skips elsewhere
    repo = _meeting_repo(tmp_path, {2025: 1500000, 2026: 2000000})
    out_file = tmp_path / "mote.docx"
    assert _finsam(repo, "styrelsemote", "--datum", MEETING, "--pdf", "--ut", str(out_file)) == 1
    assert f"Skrev {out_file.with_suffix('.pdf')}." in capsys.readouterr().out
    reader = pypdf.PdfReader(out_file.with_suffix(".pdf"))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for expected in (
        "Ärende 1: Stöd i samverkan",
        "Ärende 3: Vägen till studier",
        "Över ramen 2026",
    ):
        assert expected in text, expected


def test_a_meeting_date_must_be_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _repo(tmp_path)
    assert _finsam(repo, "styrelsemote", "--datum", "12 juni") == ExitCode.USAGE
    assert "'12 juni' är inget datum" in capsys.readouterr().err


def test_the_file_to_write_is_the_word_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    _insats(repo, "alfa", "Stöd i samverkan", _beredning())
    written = tmp_path / "underlag.pdf"
    assert _finsam(repo, "beslutsunderlag", "alfa", "--ut", str(written)) == ExitCode.USAGE
    assert "Ange Word-dokumentet med --ut" in capsys.readouterr().err
    assert not written.exists()
