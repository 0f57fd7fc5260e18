"""`finsam grenskydd`: the branch protection that the desk relies on, read from GitHub's API."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from finsam import cli
from finsam.branch_protection import TESTS_CHECK, VERDICT_CHECK, problems
from finsam.exitcodes import ExitCode

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"

GOOD: dict[str, Any] = {
    "required_status_checks": {
        "strict": True,
        "contexts": [VERDICT_CHECK, TESTS_CHECK],
        "checks": [
            {"context": VERDICT_CHECK, "app_id": 15368},
            {"context": TESTS_CHECK, "app_id": 15368},
        ],
    },
    "required_pull_request_reviews": {
        "dismiss_stale_reviews": True,
        "require_code_owner_reviews": True,
        "required_approving_review_count": 1,
    },
    "enforce_admins": {"enabled": True},
    "allow_force_pushes": {"enabled": False},
    "allow_deletions": {"enabled": False},
}


def test_the_check_names_are_the_workflows_job_names() -> None:
    names = {
        job["name"]
        for path in ("granska.yml", "tester.yml")
        for job in yaml.safe_load((WORKFLOWS / path).read_text("utf-8"))["jobs"].values()
    }
    assert names == {VERDICT_CHECK, TESTS_CHECK}


def test_a_complete_protection_has_no_problems() -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    ("path", "value", "needle"),
    [
        (("required_pull_request_reviews",), None, "Pull requests"),
        (("required_pull_request_reviews", "require_code_owner_reviews"), False, "kodägare"),
        (("required_pull_request_reviews", "dismiss_stale_reviews"), False, "Gamla"),
        (("required_pull_request_reviews", "required_approving_review_count"), 0, "godkännande"),
        (("required_status_checks",), None, VERDICT_CHECK),
        (("required_status_checks", "checks", 0, "app_id"), None, "källa"),
        (("enforce_admins", "enabled"), False, "administratörer"),
        (("allow_force_pushes", "enabled"), True, "Force push"),
        (("allow_deletions", "enabled"), True, "raderas"),
    ],
)
def test_each_missing_setting_is_named(path: tuple[Any, ...], value: object, needle: str) -> None:
    data = copy.deepcopy(GOOD)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    if path == ("required_status_checks", "checks", 0, "app_id"):
        data["required_status_checks"]["contexts"] = [TESTS_CHECK]
    found = problems(data)
    assert len(found) >= 1 and any(needle in problem for problem in found), found


def test_the_command_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(GOOD)))
    assert cli.main(["grenskydd", "-"]) == ExitCode.OK
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"enforce_admins": {"enabled": True}})))
    assert cli.main(["grenskydd", "-"]) == ExitCode.FINDINGS
    assert "R007" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("inte json"))
    assert cli.main(["grenskydd", "-"]) == ExitCode.USAGE
