"""`finsam diff` on a realistic revision: an insats extended by one year with one more post."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from tests.conftest import TESTS, git
from tests.snapshots import assert_snapshot


def extend_by_one_year(folder: Path) -> None:
    ansokan = folder / "ansokan.md"
    text = ansokan.read_text("utf-8")
    text = text.replace(
        "sista_intag: 2026-09-30, slut: 2026-12-31", "sista_intag: 2027-09-30, slut: 2027-12-31"
    )
    text = text.replace("sokt_belopp: 900000", "sokt_belopp: 1805000")
    # Both parties sign the extension anew.
    text = text.replace("datum: 2025-05-20", "datum: 2026-10-05").replace(
        "datum: 2025-05-21", "datum: 2026-10-07"
    )
    text = text.replace(
        "Ett gemensamt team träffar deltagarna varje vecka.",
        "Ett gemensamt team träffar deltagarna varje vecka. Under förlängningen kommer en "
        "arbetsmarknadskonsult på halvtid att ordna praktikplatser hos lokala arbetsgivare.",
    )
    ansokan.write_text(text, "utf-8")
    (folder / "budget.yaml").write_text(
        """rader:
  - kategori: lon
    benamning: Insatsmedarbetare
    part: provby-kommun
    finansiering: forbundet
    tjanstgoringsgrad: 100
    period: {start: 2025-07-01, slut: 2027-12-31}
    belopp: {2025: 280000, 2026: 570000, 2027: 585000}
  - kategori: lon
    benamning: Arbetsmarknadskonsult
    part: provby-kommun
    finansiering: forbundet
    tjanstgoringsgrad: 50
    period: {start: 2027-01-01, slut: 2027-12-31}
    belopp: {2027: 290000}
  - kategori: utbildning
    benamning: Kompetensutveckling för teamet
    part: provby-kommun
    finansiering: forbundet
    belopp: {2025: 20000, 2026: 30000, 2027: 30000}
""",
        "utf-8",
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    folder = tmp_path / "applications" / "komplett"
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", folder)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Ansökan")
    git(tmp_path, "tag", "v1")
    extend_by_one_year(folder)
    git(tmp_path, "commit", "-q", "-am", "Förlängning")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_extension_shows_deltas_per_year_and_category(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.OK
    out = capsys.readouterr().out
    lines = out.splitlines()
    salary_2027 = next(
        line for line in lines if line.startswith("Lönekostnad") and " 2027 " in line
    )
    assert (
        "0\u00a0kr" in salary_2027
        and "875\u00a0000\u00a0kr" in salary_2027
        and "+875\u00a0000\u00a0kr" in salary_2027
    )
    training_2027 = next(
        line for line in lines if line.startswith("Utbildning") and " 2027 " in line
    )
    assert "+30\u00a0000\u00a0kr" in training_2027
    # Unchanged years are not listed.
    assert not any(line.startswith("Lönekostnad") and " 2025 " in line for line in lines)
    assert "period.slut: 2026-12-31 → 2027-12-31" in out
    assert "sokt_belopp: 900000 → 1805000" in out
    assert "Genomförande: +" in out and "arbetsmarknadskonsult" in out


def test_extension_snapshots(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "markdown"):
        assert cli.main(["diff", "v1", "HEAD", "komplett", "--format", fmt]) == ExitCode.OK
        assert_snapshot(f"diff-forlangning.{fmt}.txt", capsys.readouterr().out)


def test_without_id_all_changed_insatser_are_compared(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["diff", "v1", "HEAD"]) == ExitCode.OK
    assert "Ändringar i komplett" in capsys.readouterr().out
    assert cli.main(["diff", "HEAD", "HEAD"]) == ExitCode.OK
    assert "Inga insatser ändrades" in capsys.readouterr().out


def test_new_insats_and_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(
        TESTS / "cases" / "valid" / "strukturovergripande",
        repo / "applications" / "strukturovergripande",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ny")
    assert cli.main(["diff", "HEAD~1", "HEAD", "strukturovergripande"]) == ExitCode.OK
    assert "Insatsen är ny." in capsys.readouterr().out
    assert cli.main(["diff", "finns-inte", "HEAD"]) == ExitCode.USAGE
