"""A pull request cannot talk its way past the checks: the verdict job of granska.yml is
replayed on hostile pull requests, and the base branch's code decides.

Each pull request comes from an account of the insatsägare, so the only thing that stands
between it and a changed board decision is the rule that decisions are the kansli's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TESTS, git
from tests.workflow_replay import JobResult, pull_request_event, replay_job

ROOT = TESTS.parent
WORKFLOW = ROOT / ".github" / "workflows" / "granska.yml"
OWNER = "provby-handlaggare"  # Provby kommun, the insatsägare of the test insats
DECISION = "applications/komplett/beslut.yaml"


def _project_files() -> list[str]:
    done = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    names = [n for n in done.stdout.decode().split("\0") if n]
    return [
        n for n in names if not n.startswith(("applications/", "tests/")) and (ROOT / n).is_file()
    ]


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The förbund's repository on main: this project's code, the test förbund, one insats."""
    repo = tmp_path_factory.mktemp("forbund")
    for name in _project_files():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    shutil.copy(TESTS / "forbund.yml", repo / "forbund.yml")
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", repo / "applications" / "komplett")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Förbundets arkiv")
    return repo


def _revision(repo: Path, ref: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", ref], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()


def pull_request(
    origin: Path, branch: str, edits: dict[str, str], workflow: Path = WORKFLOW, body: str = ""
) -> JobResult:
    """Commit ``edits`` (path -> new content) on a branch and replay the verdict job on it."""
    git(origin, "checkout", "-q", "-B", branch, "main")
    for path, content in edits.items():
        (origin / path).write_text(content, "utf-8")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Uppdatering")
    head = _revision(origin, "HEAD")
    git(origin, "checkout", "-q", "main")
    event = pull_request_event(origin, _revision(origin, "main"), head, OWNER, body=body)
    return replay_job(workflow, "granska", origin, event)


def ten_times_the_grant(origin: Path) -> str:
    text = (origin / DECISION).read_text("utf-8")
    return re.sub(
        r"beviljat: \{([^}]*)\}",
        lambda m: (
            "beviljat: {"
            + re.sub(r": (\d+)", lambda n: f": {int(n.group(1)) * 10}", m.group(1))
            + "}"
        ),
        text,
    )


def assert_red_naming_the_decision(result: JobResult) -> None:
    assert not result.green, result.output
    by_name = {step.name: step for step in result.steps}
    review = next(s for name, s in by_name.items() if name.startswith("Granska vem"))
    assert review.returncode == 1
    assert "R001" in review.output and DECISION in review.output
    check = by_name["Kontrollera ansökningarna"]
    assert check.returncode == 1 and DECISION in check.output


# A Makefile whose tests pass at once and that puts a finsam in .venv that approves anything.
STUB_MAKEFILE = (
    "test:\n\tmkdir -p .venv/bin && printf '#!/bin/sh\\nexit 0\\n' > .venv/bin/finsam"
    " && chmod +x .venv/bin/finsam\nsite:\n\t@true\n"
)


def test_a_stubbed_makefile_does_not_make_the_verdict_green(origin: Path) -> None:
    result = pull_request(
        origin,
        "stubba-makefile",
        {"Makefile": STUB_MAKEFILE, DECISION: ten_times_the_grant(origin)},
    )
    assert_red_naming_the_decision(result)
    assert "Makefile" in result.output  # R002: outside the applicant's folder


def test_an_edited_access_rule_does_not_make_the_verdict_green(origin: Path) -> None:
    rule = origin / "src" / "finsam" / "rules" / "review.py"
    exempt = rule.read_text("utf-8").replace(
        '    """Findings for every change ``author`` may not make; none for the kansli."""\n',
        '    """Findings for every change ``author`` may not make; none for the kansli."""\n'
        "    return []\n",
    )
    assert "    return []\n" in exempt
    result = pull_request(
        origin,
        "andra-regeln",
        {"src/finsam/rules/review.py": exempt, DECISION: ten_times_the_grant(origin)},
        body=f"Gäller deltagaren {19121212}-{1212}.",  # put together: no file holds it
    )
    assert_red_naming_the_decision(result)
    assert "src/finsam/rules/review.py" in result.output
    # The description is checked like a file.
    (step,) = [s for s in result.steps if s.name.startswith("Sök efter personnummer")]
    assert step.returncode == 1 and "P001" in step.output and "-1212" not in step.output


def test_an_honest_revision_by_the_insatsagare_is_green(origin: Path) -> None:
    ansokan = (origin / "applications" / "komplett" / "ansokan.md").read_text("utf-8")
    assert "## Bakgrund och behov\n" in ansokan
    result = pull_request(
        origin,
        "revidering",
        {
            "applications/komplett/ansokan.md": ansokan.replace(
                "## Bakgrund och behov\n", "## Bakgrund och behov\n\nEtt förtydligande.\n", 1
            )
        },
    )
    assert result.green, result.output
    assert "komplett" in result.steps[-1].output  # the summary names the changed insats


SELF_JUDGING = """\
on: pull_request
jobs:
  granska:
    steps:
      - name: Hämta pull requesten
        uses: actions/checkout@v4
        with: {ref: "${{ github.event.pull_request.head.sha }}", fetch-depth: 0}
      - name: Tester
        run: make test
      - name: Kontrollera ansökningarna
        env: {BASE_SHA: "${{ github.event.pull_request.base.sha }}"}
        run: .venv/bin/finsam kontrollera --jamfor-med "$BASE_SHA"
"""


def test_the_replay_shows_why_the_pull_request_s_own_code_must_not_judge(
    origin: Path, tmp_path: Path
) -> None:
    """The same stubbed Makefile passes a workflow that runs the pull request's code."""
    workflow = tmp_path / "sjalvgranskning.yml"
    workflow.write_text(SELF_JUDGING, "utf-8")
    edits = {"Makefile": STUB_MAKEFILE, DECISION: ten_times_the_grant(origin)}
    assert pull_request(origin, "sjalvgranskning", edits, workflow).green
