"""A decision already in beslut.yaml is never rewritten or removed (L103)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from tests.conftest import TESTS, git


def _committed(top: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository at ``top`` whose förbund (with the insats komplett) lies in ``root``,
    committed, with ``root`` as the working folder."""
    git(top, "init", "-q", "-b", "main")
    root.mkdir(exist_ok=True)
    shutil.copy(TESTS / "forbund.yml", root / "forbund.yml")
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", root / "applications" / "komplett")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "Beslut")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _committed(tmp_path, tmp_path, monkeypatch)


def beslut(repo: Path) -> Path:
    return repo / "applications" / "komplett" / "beslut.yaml"


def test_a_new_decision_at_the_end_is_fine(repo: Path) -> None:
    with beslut(repo).open("a", encoding="utf-8") as out:
        out.write(
            '  - {datum: 2025-09-01, organ: forbundschefen, diarienummer: "2025/77", utfall: pagaende}\n'
        )
    assert cli.main(["kontrollera"]) == ExitCode.OK


def test_rewriting_an_earlier_decision_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = beslut(repo).read_text("utf-8").replace("2026: 600000", "2026: 590000")
    beslut(repo).write_text(text, "utf-8")
    assert cli.main(["kontrollera"]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "L103" in out and "beslut.yaml:2:" in out and "(beviljat)" in out


def test_removing_an_earlier_decision_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    beslut(repo).write_text("beslut: []\n", "utf-8")
    assert cli.main(["kontrollera"]) == ExitCode.FINDINGS
    assert "har tagits bort" in capsys.readouterr().out


def test_comparison_with_a_named_revision_and_outside_git(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    text = beslut(repo).read_text("utf-8").replace("2026: 600000", "2026: 590000")
    beslut(repo).write_text(text, "utf-8")
    git(repo, "commit", "-q", "-am", "Ändrat i efterhand")
    # Against HEAD nothing changed, against the first commit the rewrite shows.
    assert cli.main(["kontrollera"]) == ExitCode.OK
    assert cli.main(["kontrollera", "--jamfor-med", "HEAD~1"]) == ExitCode.FINDINGS
    elsewhere = tmp_path_factory.mktemp("utan-git")
    shutil.copy(repo / "forbund.yml", elsewhere / "forbund.yml")
    shutil.copytree(repo / "applications", elsewhere / "applications")
    assert cli.main(["kontrollera", "--forbund", str(elsewhere / "forbund.yml")]) == ExitCode.OK


def test_a_forbund_below_the_top_of_the_repository_keeps_its_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The förbund's folder need not be the repository's top: git paths are made relative."""
    root = _committed(tmp_path, tmp_path / "forbundet", monkeypatch)
    text = beslut(root).read_text("utf-8")
    beslut(root).write_text(text.replace("2026: 600000", "2026: 650000"), "utf-8")
    assert cli.main(["kontrollera"]) == ExitCode.FINDINGS
    assert "L103" in capsys.readouterr().out
