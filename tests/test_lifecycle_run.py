"""One insats from idea to decision, as the desk sees it at each step: an idéskiss, the
application, the kansli's quality review, the assessing body's assessment and the förbundschef's
recommendation (beredning.yaml), the basis for the board (opened in LibreOffice, its budget the
figures of `finsam budget`), the meeting's agenda, and the board's decision; `finsam kontrollera`
without errors and `finsam status` saying what waits, for whom and for how long, at every step.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from finsam import cli
from finsam.document_files import text_document_files
from finsam.exitcodes import ExitCode
from finsam.model.forbund import Forbund
from tests.conftest import TESTS
from tests.office_helpers import through_libreoffice
from tests.test_board_papers import _budget_tables, _tables_by_heading

ID = "2025-ny-vag"
CASE = TESTS / "cases" / "valid" / "beredd"  # the application, its beredning and decision


def _sketch(forbund: Forbund) -> dict[str, str]:
    """An idéskiss for the same idea, by the same parties, before the application."""
    assert forbund.sketch is not None
    facts = {
        "id": ID,
        "titel": "Gemensamt stöd mot arbete",
        "mall": {"id": "ideskiss", "version": int(forbund.sketch.version)},
        "datum": "2025-03-03",
        "insatsagare": {"part": "provby-kommun"},
        "samverkansparter": [{"part": "arbetsformedlingen"}],
        "kontakt": {"roll": "Enhetschef", "part": "provby-kommun"},
        "period": {"start": "2025-07-01", "slut": "2026-12-31"},
        "preliminar_budget": {"totalt": 900000},
    }
    body = "\n".join(
        f"## {spec.heading}\n\nParterna har beskrivit idén kort.\n"
        for spec in forbund.sketch.sections
    )
    return text_document_files("ideskiss.md", facts, body)


def _status(day: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert cli.main(["status", "--datum", day, "--format", "json"]) == ExitCode.OK
    found = json.loads(capsys.readouterr().out)
    [insats] = [i for i in found["insatser"] if i["id"] == ID]
    return dict(insats)


def _clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["kontrollera", "--format", "json"]) == ExitCode.OK
    report = json.loads(capsys.readouterr().out)
    assert [f for f in report["fynd"] if f["allvarlighet"] == "fel"] == []


def _beredning(*parts: str) -> str:
    """The case's beredning.yaml up to and including the given top-level parts."""
    text = (CASE / "beredning.yaml").read_text("utf-8")
    keep, taking = [], False
    for line in text.splitlines(keepends=True):
        if not line.startswith((" ", "#")) and line.strip():
            taking = line.split(":")[0] in parts
        if taking:
            keep.append(line)
    return "".join(keep)


def test_an_insats_from_idea_to_decision(
    tmp_repo: Path,
    forbund: Forbund,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_repo)
    folder = tmp_repo / "applications" / ID
    folder.mkdir()
    # 1. The idea.
    for name, text in _sketch(forbund).items():
        (folder / name).write_text(text, "utf-8")
    _clean(capsys)
    sketch = _status("2025-03-10", capsys)
    assert (sketch["status"], sketch["ideskiss_inkommen"]) == ("idéskiss inkommen", "2025-03-03")
    # 2. The application, beside it: it waits for the kansli's quality review.
    for name in ("ansokan.md", "budget.yaml"):
        text = (CASE / name).read_text("utf-8").replace("id: beredd\n", f"id: {ID}\n")
        (folder / name).write_text(text, "utf-8")
    _clean(capsys)
    waiting = _status("2025-05-25", capsys)["vantar_pa"]
    assert waiting == {
        "steg": "kvalitetsgranskning",
        "hos": "kansliet",
        "sedan": "2025-05-21",
        "dagar": 4,
    }
    # 3. The review is done: the assessing body's turn.
    (folder / "beredning.yaml").write_text(_beredning("kvalitetsgranskning"), "utf-8")
    _clean(capsys)
    waiting = _status("2025-05-25", capsys)["vantar_pa"]
    assert waiting["steg"] == "bedomning" and waiting["sedan"] == "2025-05-23"
    # 4. Assessed and recommended: the board's turn.
    shutil.copy(CASE / "beredning.yaml", folder / "beredning.yaml")
    _clean(capsys)
    insats = _status("2025-06-05", capsys)
    assert insats["vantar_pa"]["steg"] == "beslut" and insats["vantar_pa"]["dagar"] == 3
    assert insats["vantar_pa"]["hos"] == "styrelsen"
    # The basis for the board opens in LibreOffice; its budget is finsam budget's.
    written = tmp_repo / "underlag.docx"
    assert cli.main(["beslutsunderlag", ID, "--utan-pdf", "--ut", str(written)]) == ExitCode.OK
    capsys.readouterr()
    assert cli.main(["budget", ID]) == ExitCode.OK
    budget = _budget_tables(capsys.readouterr().out)
    [saved] = through_libreoffice([written], "docx", tmp_repo / "lo")
    tables = _tables_by_heading(Document(str(saved)))
    for title, rows in budget.items():
        header, *lines = tables[title]
        assert ([c for c in header if c], lines) == (rows[0], rows[1:]), title
    # The meeting of 2025-06-12 takes it up; its proposal is within the year's frame.
    agenda = tmp_repo / "dagordning.docx"
    args = ["styrelsemote", "--datum", "2025-06-12", "--utan-pdf", "--ut", str(agenda)]
    assert cli.main([*args, "--format", "json"]) == ExitCode.OK
    meeting = json.loads(capsys.readouterr().out)
    assert [item["id"] for item in meeting["insatser"]] == [ID]
    # 5. The board decides as proposed: nothing waits any more.
    shutil.copy(CASE / "beslut.yaml", folder / "beslut.yaml")
    _clean(capsys)
    decided = _status("2025-06-20", capsys)
    assert decided.get("vantar_pa") is None and decided["status"] == "beviljad"
    assert cli.main([*args]) == ExitCode.OK  # decided: no longer on the agenda
    assert ID not in capsys.readouterr().out
