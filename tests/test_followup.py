"""After the decision: status and deadlines at a fixed date, and the Uppföljning Finsam export."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from tests.conftest import TESTS

TODAY = "2026-02-15"  # a fixed date: the tertial report for Sep–Dec 2025 was due 2026-01-30


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    for name in ("med-rapporter", "utkast-utan-underskrifter", "strukturovergripande"):
        shutil.copytree(TESTS / "cases" / "valid" / name, tmp_path / "applications" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_status_shows_the_overdue_report_and_the_next_one(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["status", "--datum", TODAY]) == ExitCode.OK
    out = capsys.readouterr().out
    block = out.split("(med-rapporter)")[1].split("\n\n")[0]
    assert "FÖRSENAD: Lägesrapport 2025-09-01–2025-12-31, senast 2026-01-30" in block
    assert "Nästa rapport: Lägesrapport 2026-01-01–2026-04-30, senast 2026-05-30" in block
    # The reports that exist are not owed.
    assert "2025-07-01–2025-08-31" not in block and "Årsrapport" not in block


def test_status_json_and_pending_decisions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["status", "--datum", TODAY, "--format", "json"]) == ExitCode.OK
    data = {i["id"]: i for i in json.loads(capsys.readouterr().out)["insatser"]}
    assert data["med-rapporter"]["status"] == "beviljad"
    assert [d["senast"] for d in data["med-rapporter"]["forsenade_rapporter"]] == ["2026-01-30"]
    assert data["utkast-utan-underskrifter"]["status"] == "utkast"
    assert data["utkast-utan-underskrifter"]["nasta_rapport"] is None


def test_status_markdown_and_ending_soon(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["status", "--datum", "2026-11-01", "--format", "markdown"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "| Gemensamt stöd mot arbete (`med-rapporter`) | beviljad |" in out
    assert "2026-12-31 (snart)" in out


def test_status_refuses_a_bad_date(repo: Path) -> None:
    assert cli.main(["status", "--datum", "2026-02-30"]) == ExitCode.USAGE


def test_export_opens_in_swedish_excel(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "uppfoljning.csv"
    assert cli.main(["export", "uppfoljning", "--ar", "2025", "--ut", str(target)]) == ExitCode.OK
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, so Excel reads å, ä and ö
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, *lines = rows
    assert header[:3] == ["Insats-id", "Insats", "Inriktning"]
    by_id = {line[0]: dict(zip(header, line, strict=True)) for line in lines}
    row = by_id["med-rapporter"]
    assert row["Beviljat"] == "300000"
    assert row["Budget från förbundet"] == "300000"
    assert row["Utfall"] == "285000"  # the annual report's costs for 2025
    assert (row["Kvinnor"], row["Män"], row["Deltagare totalt"]) == ("6", "5", "11")
    assert row["Andel kvinnor (%)"] == "54,5"  # decimal comma
    assert "utkast-utan-underskrifter" not in by_id
