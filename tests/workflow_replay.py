"""Replay a GitHub Actions job on this machine, as the runner would run it for a pull request.

The job is read from the workflow file itself; its `run:` steps are executed by bash exactly as
written, with the GitHub expressions they use filled in from a pull-request event. The two
actions the verdict uses are emulated: actions/checkout clones the given commit into the given
folder, and actions/setup-python puts a Python 3.11 on PATH. Any other action is refused, so a
workflow that grows one must teach the replay first.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_EXPRESSION = re.compile(r"\$\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}")
_CONDITION_TOKENS = re.compile(r"\s*(success\(\)|failure\(\)|always\(\)|\|\||&&|!|\(|\))")


@dataclass
class StepResult:
    name: str
    returncode: int
    output: str


@dataclass
class JobResult:
    steps: list[StepResult] = field(default_factory=list)

    @property
    def green(self) -> bool:
        return all(step.returncode == 0 for step in self.steps)

    @property
    def output(self) -> str:
        return "\n".join(f"### {s.name} (kod {s.returncode})\n{s.output}" for s in self.steps)


def pull_request_event(
    repository: Path,
    base: str,
    head: str,
    author: str,
    *,
    title: str = "Ändring i en insats",
    body: str = "",
    branch: str = "forslag",
    number: int = 1,
) -> dict[str, Any]:
    """The parts of the `github` context that the workflows read."""
    return {
        "repository": "exempel/forbund",
        "server_url": repository.as_uri(),
        "event": {
            "pull_request": {
                "number": number,
                "base": {"sha": base, "ref": "main"},
                "head": {"sha": head, "ref": branch},
                "user": {"login": author},
                "title": title,
                "body": body,
            }
        },
    }


def _lookup(context: dict[str, Any], dotted: str) -> str:
    value: Any = context
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            raise KeyError(f"the replay knows no {dotted}")
        value = value[part]
    return str(value)


def expand(text: str, context: dict[str, Any]) -> str:
    return _EXPRESSION.sub(lambda match: _lookup(context, match.group(1)), text)


def condition(expression: str | None, job_ok: bool) -> bool:
    """GitHub's status functions joined by ||, && and !; absent means success()."""
    if not expression:
        return job_ok
    words = {"success()": job_ok, "failure()": not job_ok, "always()": True}
    python: list[str] = []
    position = 0
    while position < len(expression.strip()):
        match = _CONDITION_TOKENS.match(expression.strip(), position)
        if match is None:
            raise ValueError(f"the replay cannot evaluate if: {expression}")
        token = match.group(1)
        python.append(
            str(words[token])
            if token in words
            else {"||": "or", "&&": "and", "!": "not"}.get(token, token)
        )
        position = match.end()
    return bool(eval(" ".join(python), {"__builtins__": {}}))  # noqa: S307 (only the tokens above)


def _checkout(
    origin: Path, workspace: Path, options: dict[str, Any], context: dict[str, Any]
) -> str:
    target = workspace / str(options.get("path", "."))
    ref = expand(str(options["ref"]), context)
    subprocess.run(
        ["git", "clone", "--quiet", "--no-checkout", str(origin), str(target)], check=True
    )
    done = subprocess.run(
        ["git", "-C", str(target), "checkout", "--quiet", "--detach", ref],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stderr


def replay_job(
    workflow_file: Path, job_name: str, origin: Path, context: dict[str, Any]
) -> JobResult:
    """Run one job of ``workflow_file`` for the pull request that ``context`` describes."""
    text = workflow_file.read_text("utf-8")
    workflow = yaml.safe_load(text)
    job = workflow["jobs"][job_name]
    result = JobResult()
    with tempfile.TemporaryDirectory(prefix="replay-") as scratch:
        root = Path(scratch)
        workspace, runner_temp, shims = root / "work", root / "temp", root / "bin"
        for folder in (workspace, runner_temp, shims):
            folder.mkdir()
        summary = runner_temp / "step-summary.md"
        summary.touch()
        expressions = {"github": context, "runner": {"temp": str(runner_temp)}}
        base_env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
        }
        base_env.update(
            {
                "GITHUB_ACTIONS": "true",
                "CI": "true",
                "GITHUB_WORKSPACE": str(workspace),
                "RUNNER_TEMP": str(runner_temp),
                "GITHUB_STEP_SUMMARY": str(summary),
                "PATH": f"{shims}{os.pathsep}{base_env.get('PATH', '')}",
            }
        )
        for index, step in enumerate(job["steps"]):
            name = str(step.get("name", f"steg {index + 1}"))
            if not condition(step.get("if"), result.green):
                continue
            uses = str(step.get("uses", "")).split("@", 1)[0]
            if uses == "actions/checkout":
                error = _checkout(origin, workspace, step.get("with") or {}, expressions)
                result.steps.append(StepResult(name, 1 if error else 0, error))
                continue
            if uses == "actions/setup-python":
                for alias in ("python", "python3"):
                    (shims / alias).unlink(missing_ok=True)
                    (shims / alias).symlink_to(sys.executable)
                result.steps.append(StepResult(name, 0, ""))
                continue
            if uses:
                raise ValueError(f"the replay cannot run the action {uses}")
            script = runner_temp / f"step-{index}.sh"
            script.write_text(str(step["run"]), "utf-8")
            env = dict(base_env)
            env.update({k: expand(str(v), expressions) for k, v in (step.get("env") or {}).items()})
            done = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=workspace / expand(str(step.get("working-directory", ".")), expressions),
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            result.steps.append(StepResult(name, done.returncode, done.stdout + done.stderr))
        result.steps.append(StepResult("sammanfattning", 0, summary.read_text("utf-8")))
    return result
