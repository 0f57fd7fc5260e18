"""The command line: exit codes, formats and exact output snapshots."""

from __future__ import annotations

import argparse
import json
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import finsam.commands
from finsam import cli
from finsam.arguments import SwedishParser
from finsam.commands import kontrollera
from finsam.exitcodes import INTERRUPTED_MESSAGE, ExitCode
from finsam.reporters import REPORTERS
from finsam.reporters.github import MAX_ANNOTATIONS
from tests.conftest import TESTS
from tests.overlays import CASES, materialise
from tests.snapshots import assert_snapshot

GOLDEN_ARGS = ["kontrollera", "--forbund", "forbund.yml", "golden/2025-trasig"]


@pytest.fixture(autouse=True)
def _in_tests_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(TESTS)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_output_snapshot_of_golden_application(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main([*GOLDEN_ARGS, "--format", fmt])
    out = capsys.readouterr().out
    assert code == ExitCode.FINDINGS
    assert_snapshot(f"kontrollera-golden.{fmt}.txt", out)


def test_json_output_is_valid_and_counts_match(capsys: pytest.CaptureFixture[str]) -> None:
    cli.main([*GOLDEN_ARGS, "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    summary = document["sammanfattning"]
    severities = [f["allvarlighet"] for f in document["fynd"]]
    assert summary["fel"] == severities.count("fel")
    assert summary["varningar"] == severities.count("varning")


def test_github_format_is_chosen_in_github_actions(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    cli.main(GOLDEN_ARGS)
    out = capsys.readouterr().out
    annotations = [line for line in out.splitlines() if line.startswith(("::error", "::warning"))]
    assert len(annotations) == MAX_ANNOTATIONS
    assert "::notice title=finsam::" in out


def test_clean_case_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["kontrollera", "--forbund", "forbund.yml", "cases/valid/komplett"])
    assert code == ExitCode.OK
    assert capsys.readouterr().out.startswith("Inga fel.")


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["kontrollera", "--format", "xml"]) == ExitCode.USAGE
    assert "fel:" in capsys.readouterr().err
    assert cli.main(["kontrollera", "--forbund", "forbund.yml", "finns-inte"]) == ExitCode.USAGE
    assert "finns inte" in capsys.readouterr().err
    assert cli.main([]) == ExitCode.USAGE


def test_missing_config_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["kontrollera"]) == ExitCode.USAGE
    assert "forbund.yml" in capsys.readouterr().err


def test_internal_error_apologises_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(kontrollera, "check", explode)
    monkeypatch.delenv("FINSAM_DEBUG", raising=False)
    assert cli.main(["kontrollera", "--forbund", "forbund.yml"]) == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert "Förlåt" in err and "Traceback" not in err


def test_help_is_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "användning:" in out and "kontrollera" in out


def test_every_command_module_is_registered() -> None:
    modules = {
        name
        for _, name, _ in pkgutil.iter_modules(finsam.commands.__path__, "finsam.commands.")
        if not name.rpartition(".")[2].startswith("_")
    }
    registered = {cli.command(name).__name__ for name in cli.COMMANDS}  # type: ignore[attr-defined]
    assert registered == modules
    assert len(modules) == len(cli.COMMANDS)


def _command_lines(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    """Every command and subcommand the parser knows, as the words that call it."""
    found: list[tuple[str, ...]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append((*prefix, name))
                found += _command_lines(sub, (*prefix, name))
    return found


COMMAND_LINES = _command_lines(cli.build_parser())


def test_command_lines_cover_every_command_and_subcommand() -> None:
    assert {line[0] for line in COMMAND_LINES} == set(cli.COMMANDS)
    assert ("export", "uppfoljning") in COMMAND_LINES
    assert ("ny", "ansokan") in COMMAND_LINES


@pytest.mark.parametrize("words", COMMAND_LINES, ids=" ".join)
def test_every_command_has_swedish_help(
    words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main([*words, "--help"]) == ExitCode.OK
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"användning: finsam {' '.join(words)} ")
    assert "flaggor:" in out and "visa den här hjälpen och avsluta" in out
    for english in ("usage:", "options:", "positional arguments:", "show this help"):
        assert english not in out


@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_each_command_is_dispatched_to_its_own_module(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[str] = []
    for other in cli.COMMANDS:
        monkeypatch.setattr(
            cli.command(other), "execute", lambda _args, other=other: called.append(other)
        )
    args = argparse.Namespace(command=name)
    monkeypatch.setattr(SwedishParser, "parse_args", lambda *_: args)
    cli.main([name])
    assert called == [name]


def test_ctrl_c_exits_130_with_a_swedish_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kontrollera, "check", interrupt)
    assert cli.main(["kontrollera", "--forbund", "forbund.yml"]) == 130
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{INTERRUPTED_MESSAGE}\n"
    assert "avbrutet" in err


def test_warnings_alone_exit_zero_and_an_error_exits_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", tmp_path / "komplett")
    ansokan = tmp_path / "komplett" / "ansokan.md"
    text = ansokan.read_text("utf-8")
    monkeypatch.chdir(tmp_path)
    ansokan.write_text(text + "\n## En rubrik som mallen inte har\n\nText.\n", "utf-8")
    assert (
        cli.main(["kontrollera", "--forbund", "forbund.yml", "komplett", "--format", "json"]) == 0
    )
    summary = json.loads(capsys.readouterr().out)["sammanfattning"]
    assert summary["fel"] == 0 and summary["varningar"] >= 1
    # Without the heading Syfte the application lacks a section: an error.
    assert "\n## Syfte\n" in text
    ansokan.write_text(text.replace("\n## Syfte\n", "\n"), "utf-8")
    assert (
        cli.main(["kontrollera", "--forbund", "forbund.yml", "komplett", "--format", "json"]) == 1
    )
    summary = json.loads(capsys.readouterr().out)["sammanfattning"]
    assert summary["fel"] >= 1


def test_python_dash_m_and_console_script_work(tmp_path: Path) -> None:
    module = subprocess.run(
        [
            sys.executable,
            "-m",
            "finsam",
            "kontrollera",
            "--forbund",
            "forbund.yml",
            "golden/2025-trasig",
        ],
        cwd=TESTS,
        capture_output=True,
        text=True,
        check=False,
    )
    assert module.returncode == ExitCode.FINDINGS
    assert "A104" in module.stdout and "Traceback" not in module.stderr
    script = shutil.which("finsam", path=str(Path(sys.executable).parent))
    assert script is not None
    clean = subprocess.run(
        [script, "kontrollera", "--forbund", "forbund.yml", "cases/valid/komplett"],
        cwd=TESTS,
        capture_output=True,
        text=True,
        check=False,
    )
    assert clean.returncode == ExitCode.OK, clean.stdout + clean.stderr


MUST_FAIL = {
    "dubblettnyckel": "Y004",
    "alias-bomb": "Y005",
    "yaml-direktiv": "Y007",
    "ogiltig-utf8": "Y002",
    "ogiltigt-datum": "S005",
    "part-ej-medlem": "A102",
    "fyra-resultatmal": "A104",
    "avsnitt-saknas": "A108",
    "id-med-punkter": "S004",
    "djup-nastling": "Y009",
}


@pytest.mark.parametrize(("case", "rule"), sorted(MUST_FAIL.items()))
def test_each_named_defect_exits_one_with_file_and_line(
    case: str,
    rule: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _folder, root = materialise(CASES / "invalid" / case, tmp_path)
    if root != TESTS:
        shutil.copy(TESTS / "forbund.yml", root / "forbund.yml")
        monkeypatch.chdir(root)
    code = cli.main(["kontrollera", "--forbund", "forbund.yml", f"cases/invalid/{case}"])
    out, err = capsys.readouterr()
    assert code == ExitCode.FINDINGS
    assert err == ""
    line = next(line for line in out.splitlines() if f" {rule}: " in line)
    location, _, message = line.partition(f": fel {rule}: ")
    path, row, _column = location.rsplit(":", 2)
    assert path.startswith(f"cases/invalid/{case}/")
    assert int(row) >= 1
    assert message[0].isupper()


# Loaded only by the commands that need them, so that a pre-commit run starts fast.
LAZY_MODULES = [
    "defusedxml",
    "finsam.filescan",
    "finsam.git",
    "finsam.pull_request",
    "finsam.semantic_diff",
    "finsam.site",
    "markdown_it",
    "mkdocs",
    "pypdf",
]


def test_starting_the_command_line_does_not_load_heavy_modules() -> None:
    probe = (
        f"import sys, finsam.cli\nprint(' '.join(m for m in {LAZY_MODULES!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []
