"""`finsam granska-pr`: the kansli may change decisions and configuration; an applicant may
change one insats folder only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from tests.conftest import TESTS, git

KANSLI = "provby-kansli"  # from tests/forbund.yml


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    for name in ("komplett", "strukturovergripande"):
        shutil.copytree(TESTS / "cases" / "valid" / name, tmp_path / "applications" / name)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Start")
    git(tmp_path, "checkout", "-q", "-b", "forslag")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def change(root: Path, path: str, text: str = "ändrad\n") -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and path.endswith((".md", ".yaml")):
        target.write_text(target.read_text("utf-8") + "# ändrad\n", "utf-8")
    else:
        target.write_text(text, "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"Ändra {path}")


def granska(author: str) -> int:
    return cli.main(["granska-pr", "--bas", "main", "--forfattare", author])


def test_applicant_may_not_change_a_decision(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change(repo, "applications/komplett/beslut.yaml")
    assert granska("sokande-kommun") == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "R001" in out and "applications/komplett/beslut.yaml" in out and "@provby-kansli" in out


def test_kansli_may_change_a_decision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change(repo, "applications/komplett/beslut.yaml")
    assert granska(KANSLI) == ExitCode.OK
    assert "godkänner" in capsys.readouterr().out
    assert granska("@" + KANSLI.upper()) == ExitCode.OK  # handles are case-insensitive


def test_applicant_may_change_one_insats(repo: Path) -> None:
    change(repo, "applications/komplett/ansokan.md")
    change(repo, "applications/komplett/budget.yaml")
    assert granska("sokande-kommun") == ExitCode.OK


def test_new_application_folder_is_fine(repo: Path) -> None:
    change(repo, "applications/2026-ny/ansokan.md", "---\nid: 2026-ny\n---\n")
    assert granska("sokande-kommun") == ExitCode.OK


@pytest.mark.parametrize(
    ("paths", "rule"),
    [
        (["forbund.yml"], "R001"),
        (["schema/ansokan.schema.json"], "R001"),
        ([".github/workflows/x.yml"], "R001"),
        (["README.md"], "R002"),
        (
            ["applications/komplett/ansokan.md", "applications/strukturovergripande/ansokan.md"],
            "R003",
        ),
    ],
)
def test_applicant_refusals(
    repo: Path, paths: list[str], rule: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in paths:
        change(repo, path)
    assert granska("sokande-kommun") == ExitCode.FINDINGS
    assert rule in capsys.readouterr().out


def test_deleting_a_decision_counts_as_changing_it(repo: Path) -> None:
    (repo / "applications" / "komplett" / "beslut.yaml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ta bort beslut")
    assert granska("sokande-kommun") == ExitCode.FINDINGS


def test_unknown_base_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["granska-pr", "--bas", "finns-inte", "--forfattare", "x"]) == ExitCode.USAGE
    assert "finns-inte" in capsys.readouterr().err


def test_kansli_is_read_from_the_base_branch(repo: Path) -> None:
    config = repo / "forbund.yml"
    config.write_text(
        config.read_text("utf-8").replace("github: provby-kansli", "github: sokande-kommun"),
        "utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Gör mig till kansli")
    assert granska("sokande-kommun") == ExitCode.FINDINGS
