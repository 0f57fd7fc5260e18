"""The hooks through pre-commit itself, in a temporary git repository: a clean commit passes,
a personnummer, a duplicated key or a budget error is refused, and so is a change to
forbund.yml alone that breaks an application."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.site_helpers import REPO, TESTS


def _kontrollera_files(hooks: list[dict[str, object]]) -> str:
    (hook,) = (hook for hook in hooks if hook["id"] == "finsam-kontrollera")
    return str(hook["files"])


# The files the kontrollera hook is given, as the hook manifest says.
FILES = _kontrollera_files(yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8")))
HOOKS = f"""default_stages: [pre-commit]
repos:
  - repo: local
    hooks:
      - id: finsam-kontrollera
        name: finsam kontrollera
        entry: {sys.executable} -m finsam kontrollera
        language: system
        files: {FILES}
        require_serial: true
      - id: finsam-personnummer
        name: finsam personnummer
        entry: {sys.executable} -m finsam personnummer
        language: system
        types: [file]
      - id: finsam-personnummer-meddelande
        name: finsam personnummer (commit-meddelande)
        entry: {sys.executable} -m finsam personnummer --meddelanden
        language: system
        stages: [commit-msg]
"""


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "forbund"
    root.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "Kansliet",
        "GIT_AUTHOR_EMAIL": "kansliet@example.org",
        "GIT_COMMITTER_NAME": "Kansliet",
        "GIT_COMMITTER_EMAIL": "kansliet@example.org",
        "GITHUB_ACTIONS": "",
    }
    _run(["git", "init", "-q", "-b", "main"], root, env)
    shutil.copy(TESTS / "forbund.yml", root / "forbund.yml")
    (root / ".pre-commit-config.yaml").write_text(HOOKS, "utf-8")
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", root / "applications" / "komplett")
    installed = _run(
        [sys.executable, "-m", "pre_commit", "install", "-t", "pre-commit", "-t", "commit-msg"],
        root,
        env,
    )
    assert installed.returncode == 0, installed.stderr
    return root, env


def _commit(root: Path, env: dict[str, str], message: str) -> tuple[int, str]:
    """The commit's exit code and everything the hooks printed."""
    _run(["git", "add", "-A"], root, env)
    done = _run(["git", "commit", "-q", "-m", message], root, env)
    return done.returncode, done.stdout + done.stderr


def test_clean_commit_passes(repo: tuple[Path, dict[str, str]]) -> None:
    root, env = repo
    code, output = _commit(root, env, "Ny ansökan")
    assert code == 0, output
    assert "Passed" in output


def test_commit_with_a_personnummer_is_refused(repo: tuple[Path, dict[str, str]]) -> None:
    root, env = repo
    assert _commit(root, env, "Start")[0] == 0
    # The test identity Tolvan Tolvansson, assembled so that this file holds no number itself.
    number = "19121212" + "-" + "1212"
    (root / "anteckningar.txt").write_text(f"Deltagare: {number}\n", "utf-8")
    code, output = _commit(root, env, "Anteckningar")
    assert code != 0
    assert "P001" in output and "anteckningar.txt:1:" in output
    assert number[4:] not in output  # the number itself is never repeated


def test_personnummer_in_a_binary_file_or_the_commit_message_is_refused(
    repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = repo
    assert _commit(root, env, "Start")[0] == 0
    number = "19121212" + "\u2013" + "1212"  # with an en dash
    (root / "lista.bin").write_bytes(b"\x00\x01" + number.encode("utf-16-le") + b"\x00\xff")
    code, output = _commit(root, env, "Lista")
    assert code != 0 and "P001" in output and "lista.bin" in output
    (root / "lista.bin").write_bytes(b"\x00\x01" + "Inga nummer".encode("utf-16-le"))
    code, output = _commit(root, env, f"Rättelse för {number}")
    assert code != 0 and "Commit-meddelandet innehåller" in output
    assert number[4:] not in output
    assert _commit(root, env, "Rättelse")[0] == 0


def test_commit_with_a_duplicated_key_is_refused(repo: tuple[Path, dict[str, str]]) -> None:
    root, env = repo
    assert _commit(root, env, "Start")[0] == 0
    budget = root / "applications" / "komplett" / "budget.yaml"
    budget.write_text(
        budget.read_text("utf-8").replace(
            "    part: provby-kommun\n", "    part: provby-kommun\n    part: dalby-kommun\n", 1
        ),
        "utf-8",
    )
    code, output = _commit(root, env, "Ändrad budget")
    assert code != 0
    assert "Y004" in output and "budget.yaml:5:" in output


def test_commit_with_a_budget_error_is_refused(repo: tuple[Path, dict[str, str]]) -> None:
    root, env = repo
    assert _commit(root, env, "Start")[0] == 0
    budget = root / "applications" / "komplett" / "budget.yaml"
    budget.write_text(budget.read_text("utf-8").replace("2026: 30000", "2026: 30002"), "utf-8")
    code, output = _commit(root, env, "Ändrad budget")
    assert code != 0
    assert "B208" in output and "skiljer sig med 2" in output


def test_hook_manifest_and_config_are_valid() -> None:
    for command, name in (
        ("validate-manifest", ".pre-commit-hooks.yaml"),
        ("validate-config", ".pre-commit-config.yaml"),
    ):
        done = _run([sys.executable, "-m", "pre_commit", command, name], REPO, dict(os.environ))
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_kontrollera_hook_is_given_forbund_yml_and_the_schemas() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    assert _kontrollera_files(config["repos"][0]["hooks"]) == FILES
    given = re.compile(FILES)
    for path in (
        "forbund.yml",
        "schema/budget.schema.json",
        "applications/x/budget.yaml",
        "applications/x/ansokan.md",
    ):
        assert given.search(path), path
    for path in ("tests/forbund.yml", "schema/mallar/standard-2024/budget.json", "README.md"):
        assert not given.search(path), path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_commit_of_forbund_yml_alone_is_checked_against_every_application(
    repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = repo
    assert _commit(root, env, "Start")[0] == 0
    config = root / "forbund.yml"
    # An unrelated change passes.
    _edit(config, "kansliet@provby.example", "registrator@provby.example")
    code, output = _commit(root, env, "Ny e-postadress")
    assert code == 0, output
    # komplett's decision grants 600 000 kr for 2026.
    _edit(config, "2026: 5000000", "2026: 500000")
    code, output = _commit(root, env, "Lägre ram")
    assert code != 0
    assert "F001" in output and "applications/komplett/beslut.yaml:6:" in output
    _edit(config, "2026: 500000", "2026: 5000000")
    _edit(config, "  - {id: arbetsformedlingen,", "  # - {id: arbetsformedlingen,")
    code, output = _commit(root, env, "Färre medlemmar")
    assert code != 0
    assert "A102" in output and "applications/komplett/ansokan.md:11:" in output
