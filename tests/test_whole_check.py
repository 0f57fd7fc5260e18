"""forbund.yml and the schemas judge every application: `finsam kontrollera forbund.yml` (what
pre-commit runs when only forbund.yml changed) checks the whole repository against it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from tests.conftest import TESTS

KOMPLETT = TESTS / "cases" / "valid" / "komplett"  # grants 600 000 kr for 2026 (beslut.yaml:6)


@pytest.fixture
def repo(tmp_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test förbund with one valid, decided application, as the working directory."""
    shutil.copytree(KOMPLETT, tmp_repo / "applications" / "komplett")
    monkeypatch.chdir(tmp_repo)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_repo


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _broken_copy(repo: Path) -> None:
    """applications/trasig: komplett with a budget error (B208)."""
    folder = repo / "applications" / "trasig"
    shutil.copytree(KOMPLETT, folder)
    _edit(folder / "ansokan.md", "id: komplett", "id: trasig")
    _edit(folder / "budget.yaml", "2026: 30000", "2026: 30002")


def _kontrollera(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["kontrollera", "--format", "text", *args])
    return code, capsys.readouterr().out


def test_a_frame_lowered_below_what_is_granted_is_found(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(repo / "forbund.yml", "2026: 5000000", "2026: 500000")
    code, out = _kontrollera(capsys, "forbund.yml")
    assert code == ExitCode.FINDINGS
    assert "applications/komplett/beslut.yaml:6:36: fel F001:" in out
    assert "Besluten beviljar 600\u00a0000\u00a0kr för 2026" in out
    assert "1 insats" in out


def test_a_member_that_an_application_names_cannot_be_removed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(repo / "forbund.yml", "  - {id: arbetsformedlingen,", "  # - {id: arbetsformedlingen,")
    code, out = _kontrollera(capsys, "forbund.yml")
    assert code == ExitCode.FINDINGS
    assert "applications/komplett/ansokan.md:11:11: fel A102:" in out
    assert "'arbetsformedlingen' är inte medlem" in out


def test_an_unrelated_change_still_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(repo / "forbund.yml", "kansliet@provby.example", "registrator@provby.example")
    code, out = _kontrollera(capsys, "forbund.yml")
    assert code == ExitCode.OK, out
    assert out.startswith("Inga fel. 1 insats")


def test_the_configuration_given_with_forbund_counts_too(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = repo / "forbund.yml"
    _edit(config, "2026: 5000000", "2026: 500000")
    code, out = _kontrollera(capsys, "--forbund", str(config), str(config))
    assert code == ExitCode.FINDINGS
    assert "F001" in out


def test_a_schema_is_checked_against_every_application(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _broken_copy(repo)
    (repo / "schema").mkdir()
    (repo / "schema" / "budget.schema.json").write_text("{}\n", "utf-8")
    code, out = _kontrollera(capsys, "schema/budget.schema.json")
    assert code == ExitCode.FINDINGS
    assert "applications/trasig/ansokan.md:22:14: fel B208:" in out
    assert "2 insatser" in out


def test_one_application_s_file_is_still_checked_alone(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The ordinary pre-commit run: only the folder of the changed file is judged."""
    _broken_copy(repo)
    code, out = _kontrollera(capsys, "applications/komplett/budget.yaml")
    assert code == ExitCode.OK, out
    assert out.startswith("Inga fel. 1 insats")
