"""Shared fixtures: the test förbund and a helper that runs the checker like the CLI does."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam.checker import CheckResult, check
from finsam.model.forbund import Forbund, load_forbund

TESTS = Path(__file__).resolve().parent
FORBUND = TESTS / "forbund.yml"


def run_check(*paths: Path, root: Path = TESTS, forbund: Path = FORBUND) -> CheckResult:
    return check(list(paths), root, forbund)


@pytest.fixture(autouse=True)
def _no_verdict_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests judge fresh: a test that changes code in the process (or a mutant, which mutmut
    switches on with an environment variable) must never meet a cached verdict. The cache's
    own tests turn it on in a folder of their own."""
    monkeypatch.setenv("FINSAM_CACHE", "0")


@pytest.fixture
def tmp_repo(tmp_path: Path) -> Path:
    """An empty repository with the test förbund's configuration."""
    (tmp_path / "forbund.yml").write_text(FORBUND.read_text("utf-8"), "utf-8")
    (tmp_path / "applications").mkdir()
    return tmp_path


def facts_and_text(text_file: Path) -> tuple[str, str]:
    """A text document's facts (YAML) and Markdown text, in whichever layout it stands: front
    matter in the .md file, or the facts in the .yaml file beside it."""
    text = text_file.read_text("utf-8-sig")
    facts = text_file.with_suffix(".yaml")
    if facts.is_file():
        return facts.read_text("utf-8-sig"), text
    _, front, body = text.split("---", 2)
    return front, body


def git(root: Path, *args: str) -> None:
    """Run git in a test repository with a fixed identity."""
    import subprocess

    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def forbund() -> Forbund:
    """The test förbund (tests/forbund.yml) as the desk reads it."""
    loaded, findings = load_forbund(FORBUND)
    assert loaded is not None, findings
    return loaded
