"""Policies for the GitHub Actions workflows, CODEOWNERS and the pull-request templates.

Each policy is a small function that returns a list of problems, so that the same function is
tested both against the real files in .github/ (no problems) and against deliberately broken
examples (at least one problem). The workflows are also validated against the GitHub workflow
JSON Schema from SchemaStore, vendored in tests/data/ (see tests/data/README.md).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
GITHUB_DIR = ROOT / ".github"
WORKFLOWS_DIR = GITHUB_DIR / "workflows"
SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "github-workflow.schema.json"
CODEOWNERS_PATH = GITHUB_DIR / "CODEOWNERS"
TEMPLATES_DIR = GITHUB_DIR / "PULL_REQUEST_TEMPLATE"
DEFAULT_TEMPLATE = GITHUB_DIR / "pull_request_template.md"

WORKFLOW_FILES = sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])
EXPECTED_WORKFLOWS = {"pull-request.yml", "publicera.yml"}
TEMPLATE_NAMES = ("ny-ansokan.md", "revidering.md", "rapport.md", "beslut.md")

# The only third-party actions the workflows may use.
ALLOWED_ACTIONS = {
    "actions/checkout",
    "actions/setup-python",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
}
DEPLOY_ACTION = "actions/deploy-pages"
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}

# `uses: owner/repo[/path]@<40 hex> # v1.2.3` on one line.
PINNED_USES = re.compile(
    r"""^\s*(?:-\s+)?uses:\s*
        (?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[^@\s]+)?)
        @(?P<sha>[0-9a-f]{40})
        \s+\#\s*v\d+(?:\.\d+)*\s*$""",
    re.VERBOSE,
)
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:")
# ${{ github.event... }} or ${{ github.head_ref }} (also github['event']) inside an expression.
UNSAFE_EXPRESSION = re.compile(
    r"""\$\{\{[^}]*\bgithub\s*(?:\.\s*|\[\s*['"])(?:event|head_ref)\b""",
)

Workflow = dict[str, Any]


# --- loading -------------------------------------------------------------------------------


def parse_workflow(text: str) -> Workflow:
    """Parse a workflow with PyYAML, turning the YAML 1.1 boolean key `on` back into "on"."""
    data = yaml.safe_load(text)
    assert isinstance(data, dict), "ett arbetsflöde ska vara en mappning"
    if True in data:
        data["on"] = data.pop(True)
    return data


def load_workflow(path: Path) -> Workflow:
    return parse_workflow(path.read_text(encoding="utf-8"))


def load_schema() -> dict[str, Any]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def kansli_handles() -> list[str]:
    from finsam.config import load_forbund

    forbund, findings = load_forbund(ROOT / "forbund.yml")
    assert forbund is not None, findings
    handles = list(forbund.kansli)
    assert handles, "forbund.yml ska ange kansliets GitHub-konton"
    return handles


def jobs(workflow: Workflow) -> dict[str, dict[str, Any]]:
    found = workflow.get("jobs")
    assert isinstance(found, dict) and found, "arbetsflödet saknar jobb"
    return found


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    found = job.get("steps", [])
    assert isinstance(found, list)
    return found


def triggers(workflow: Workflow) -> set[str]:
    on = workflow.get("on")
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(event) for event in on}
    if isinstance(on, dict):
        return {str(event) for event in on}
    return set()


def action_name(uses: str) -> str:
    """`owner/repo/path@ref` -> `owner/repo`."""
    return "/".join(uses.split("@", 1)[0].split("/")[:2])


# --- policies ------------------------------------------------------------------------------


def schema_problems(workflow: Workflow) -> list[str]:
    validator = Draft7Validator(load_schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(roten)'}: {error.message}"
        for error in validator.iter_errors(workflow)
    ]


def trigger_problems(text: str, workflow: Workflow) -> list[str]:
    problems = []
    if "pull_request_target" in triggers(workflow):
        problems.append("arbetsflödet startas av pull_request_target")
    if "pull_request_target" in text:
        problems.append("texten nämner pull_request_target")
    return problems


def top_permission_problems(workflow: Workflow) -> list[str]:
    if "permissions" not in workflow:
        return ["permissions saknas på översta nivån (standardrättigheterna kan ge skrivrätt)"]
    permissions = workflow["permissions"]
    if not isinstance(permissions, dict):
        return [f"permissions på översta nivån ska vara en mappning, inte {permissions!r}"]
    return [
        f"permissions på översta nivån ger {scope}: {level}"
        for scope, level in permissions.items()
        if level not in ("read", "none")
    ]


def job_uses_action(job: dict[str, Any], action: str) -> bool:
    return any(action_name(str(step.get("uses", ""))) == action for step in steps(job))


def write_permission_problems(workflow: Workflow) -> list[str]:
    """Only the job that deploys to GitHub Pages may write, and only pages and id-token."""
    problems = []
    for name, job in jobs(workflow).items():
        permissions = job.get("permissions", {})
        if isinstance(permissions, str):
            if permissions != "read-all":
                problems.append(f"jobbet {name} har permissions: {permissions}")
            continue
        writes = {scope for scope, level in permissions.items() if level == "write"}
        if job_uses_action(job, DEPLOY_ACTION):
            if permissions != DEPLOY_PERMISSIONS:
                problems.append(
                    f"jobbet {name} publicerar och ska ha exakt {DEPLOY_PERMISSIONS}, "
                    f"inte {permissions}"
                )
        elif writes:
            problems.append(f"jobbet {name} har skrivrätt till {sorted(writes)}")
    return problems


def timeout_problems(workflow: Workflow) -> list[str]:
    problems = []
    for name, job in jobs(workflow).items():
        timeout = job.get("timeout-minutes")
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            problems.append(f"jobbet {name} saknar ett giltigt timeout-minutes")
    return problems


def pinning_problems(text: str, workflow: Workflow) -> list[str]:
    """Every `uses:` is an allowed action pinned to a full SHA, with `# vX.Y.Z` on the line."""
    problems = []
    lines = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not USES_LINE.match(line):
            continue
        lines += 1
        match = PINNED_USES.match(line)
        if match is None:
            problems.append(f"rad {number} är inte fäst vid en full SHA med versionskommentar")
        elif action_name(match["action"]) not in ALLOWED_ACTIONS:
            problems.append(f"rad {number}: {match['action']} hör inte till de tillåtna")
    parsed = sum("uses" in step for job in jobs(workflow).values() for step in steps(job))
    if parsed != lines:
        problems.append("varje uses: ska stå på en egen rad i blockformat")
    return problems


def checkout_problems(workflow: Workflow) -> list[str]:
    problems = []
    for name, job in jobs(workflow).items():
        for step in steps(job):
            if action_name(str(step.get("uses", ""))) != "actions/checkout":
                continue
            options = step.get("with") or {}
            if options.get("persist-credentials") is not False:
                problems.append(f"checkout i jobbet {name} saknar persist-credentials: false")
    return problems


def injection_problems(workflow: Workflow) -> list[str]:
    problems = []
    for name, job in jobs(workflow).items():
        for step in steps(job):
            script = step.get("run")
            if isinstance(script, str) and UNSAFE_EXPRESSION.search(script):
                label = step.get("name", script.splitlines()[0] if script else "")
                problems.append(
                    f"steget {label!r} i jobbet {name} sätter in github.event/head_ref direkt "
                    "i skriptet; använd env:"
                )
    return problems


def all_workflow_problems(text: str) -> list[str]:
    workflow = parse_workflow(text)
    return [
        *schema_problems(workflow),
        *trigger_problems(text, workflow),
        *top_permission_problems(workflow),
        *write_permission_problems(workflow),
        *timeout_problems(workflow),
        *pinning_problems(text, workflow),
        *checkout_problems(workflow),
        *injection_problems(workflow),
    ]


def codeowners_rules(text: str) -> list[tuple[str, list[str]]]:
    rules = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def codeowners_regex(pattern: str) -> re.Pattern[str]:
    """Translate a CODEOWNERS (gitignore-style) pattern into a regular expression."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    parts = []
    index = 0
    while index < len(body):
        if body.startswith("**", index):
            parts.append(".*")
            index += 2
        elif body[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif body[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(body[index]))
            index += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{''.join(parts)}(?:/.*)?$")


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """The owners of a path: the last matching rule wins, as on GitHub."""
    owners: list[str] = []
    for pattern, rule_owners in rules:
        if codeowners_regex(pattern).match(path):
            owners = rule_owners
    return owners


# Paths that only the kansli may change, each with an example file.
KANSLI_PATHS = {
    "/forbund.yml": "forbund.yml",
    "/schema/": "schema/ansokan.schema.json",
    "/.github/": ".github/workflows/pull-request.yml",
    "/hooks/": "hooks/finsam_pages.py",
    "/.pre-commit-config.yaml": ".pre-commit-config.yaml",
    "/.pre-commit-hooks.yaml": ".pre-commit-hooks.yaml",
    "/applications/*/beslut.yaml": "applications/2025-forstarkt-stod/beslut.yaml",
}


def codeowners_problems(text: str, handles: list[str]) -> list[str]:
    rules = codeowners_rules(text)
    patterns = {pattern for pattern, _ in rules}
    problems = []
    for pattern, example in KANSLI_PATHS.items():
        if pattern not in patterns:
            problems.append(f"CODEOWNERS saknar regeln {pattern}")
        owners = owners_of(example, rules)
        missing = [f"@{handle}" for handle in handles if f"@{handle}" not in owners]
        if missing:
            problems.append(f"{example} ägs inte av {missing}")
    return problems


# --- the real files ------------------------------------------------------------------------


def test_expected_workflows_exist() -> None:
    assert {path.name for path in WORKFLOW_FILES} == EXPECTED_WORKFLOWS


def test_vendored_schema_is_a_draft_7_schema() -> None:
    schema = load_schema()
    assert schema["$schema"].startswith("http://json-schema.org/draft-07/schema")
    Draft7Validator.check_schema(schema)
    assert "pages" in schema["definitions"]["permissions-event"]["properties"]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_workflow_matches_schema(path: Path) -> None:
    assert schema_problems(load_workflow(path)) == []


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_workflow_policies(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = parse_workflow(text)
    assert trigger_problems(text, workflow) == []
    assert top_permission_problems(workflow) == []
    assert write_permission_problems(workflow) == []
    assert timeout_problems(workflow) == []
    assert pinning_problems(text, workflow) == []
    assert checkout_problems(workflow) == []
    assert injection_problems(workflow) == []


def test_only_one_job_deploys_and_it_alone_can_write() -> None:
    deployers = [
        (path.name, name)
        for path in WORKFLOW_FILES
        for name, job in jobs(load_workflow(path)).items()
        if job_uses_action(job, DEPLOY_ACTION)
    ]
    assert deployers == [("publicera.yml", "publicera")]
    publish = jobs(load_workflow(WORKFLOWS_DIR / "publicera.yml"))
    assert publish["publicera"]["permissions"] == DEPLOY_PERMISSIONS
    assert publish["publicera"]["environment"]["name"] == "github-pages"
    assert publish["publicera"]["needs"] == "bygg"
    assert publish["bygg"]["permissions"] == {"contents": "read"}


def test_each_action_is_pinned_to_one_sha_everywhere() -> None:
    shas: dict[str, set[str]] = {}
    for path in WORKFLOW_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = PINNED_USES.match(line)
            if match:
                shas.setdefault(action_name(match["action"]), set()).add(match["sha"])
    assert set(shas) == ALLOWED_ACTIONS
    assert all(len(found) == 1 for found in shas.values()), shas


def test_pull_request_workflow_runs_the_checks_in_order() -> None:
    workflow = load_workflow(WORKFLOWS_DIR / "pull-request.yml")
    assert triggers(workflow) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]
    (job,) = jobs(workflow).values()
    checkout = next(s for s in steps(job) if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    scripts = [str(step.get("run", "")) for step in steps(job)]
    expected = [
        "make test",
        "finsam kontrollera --format github",
        'finsam granska-pr --bas "origin/$BASE_REF" --forfattare "$AUTHOR"',
        "make site",
        '"$GITHUB_STEP_SUMMARY"',
    ]
    positions = [next(i for i, s in enumerate(scripts) if needle in s) for needle in expected]
    assert positions == sorted(positions)
    by_script = {needle: steps(job)[i] for needle, i in zip(expected, positions, strict=True)}
    assert by_script["make test"]["env"]["CI"] == "true"
    # The browser tests must find a browser: the runner's Google Chrome.
    assert by_script["make test"]["env"]["FINSAM_CHROMIUM"] == "/usr/bin/google-chrome"
    for needle in expected[1:]:
        assert by_script[needle]["if"] in ("always()", "success() || failure()"), needle
    review = by_script[expected[2]]
    assert review["env"]["AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert review["env"]["BASE_REF"] == "${{ github.base_ref }}"
    summary = by_script[expected[4]]["run"]
    assert 'finsam budget "$id" --format markdown' in summary
    assert 'finsam diff "origin/$BASE_REF" HEAD "$id" --format markdown' in summary
    assert 'git diff -z --name-only "origin/$BASE_REF...HEAD" -- applications/' in summary


def test_publish_workflow_triggers() -> None:
    workflow = load_workflow(WORKFLOWS_DIR / "publicera.yml")
    assert triggers(workflow) == {"push", "workflow_dispatch"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] in ({}, {"contents": "read"})


def test_codeowners_gives_the_kansli_its_files() -> None:
    text = CODEOWNERS_PATH.read_text(encoding="utf-8")
    assert codeowners_problems(text, kansli_handles()) == []


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_pull_request_template_has_a_checklist(name: str) -> None:
    text = (TEMPLATES_DIR / name).read_text(encoding="utf-8")
    assert re.search(r"^- \[ \] \S", text, re.MULTILINE), name


def test_default_template_links_every_template() -> None:
    text = DEFAULT_TEMPLATE.read_text(encoding="utf-8")
    assert re.search(r"^- \[ \] \S", text, re.MULTILINE)
    linked = re.findall(r"\(\?expand=1&template=([a-z-]+\.md)\)", text)
    assert sorted(linked) == sorted(TEMPLATE_NAMES)
    assert {path.name for path in TEMPLATES_DIR.glob("*.md")} == set(TEMPLATE_NAMES)


# --- the policies catch what they should ---------------------------------------------------

SHA = "0123456789abcdef0123456789abcdef01234567"
GOOD_WORKFLOW = f"""\
on:
  pull_request:
permissions:
  contents: read
jobs:
  kontroll:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@{SHA} # v4.2.2
        with:
          persist-credentials: false
      - name: Skriv ut
        env:
          AUTHOR: ${{{{ github.event.pull_request.user.login }}}}
        run: echo "$AUTHOR"
"""


def test_a_good_example_passes() -> None:
    assert all_workflow_problems(GOOD_WORKFLOW) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("  pull_request:\n", "  pull_request_target:\n", id="pull_request_target"),
        pytest.param("  contents: read\n", "  contents: write\n", id="top-level-write"),
        pytest.param("permissions:\n  contents: read\n", "", id="no-top-level-permissions"),
        pytest.param("    timeout-minutes: 5\n", "", id="no-timeout"),
        pytest.param(f"@{SHA} # v4.2.2", "@v4", id="tag-instead-of-sha"),
        pytest.param(f"@{SHA} # v4.2.2", f"@{SHA}", id="sha-without-version-comment"),
        pytest.param(f"@{SHA} # v4.2.2", f"@{SHA[:7]} # v4.2.2", id="short-sha"),
        pytest.param("actions/checkout@", "evil/checkout@", id="unknown-action"),
        pytest.param(
            "          persist-credentials: false\n",
            "          persist-credentials: true\n",
            id="persisted-credentials",
        ),
        pytest.param(
            'run: echo "$AUTHOR"',
            'run: echo "${{ github.event.pull_request.title }}"',
            id="event-in-run",
        ),
        pytest.param(
            'run: echo "$AUTHOR"',
            'run: git checkout "${{ github.head_ref }}"',
            id="head-ref-in-run",
        ),
        pytest.param("    runs-on: ubuntu-latest\n", "    runs_on: ubuntu-latest\n", id="schema"),
        pytest.param(
            "    timeout-minutes: 5\n",
            "    timeout-minutes: 5\n    permissions:\n      pull-requests: write\n",
            id="job-write",
        ),
    ],
)
def test_a_broken_example_is_caught(old: str, new: str) -> None:
    assert old in GOOD_WORKFLOW
    assert all_workflow_problems(GOOD_WORKFLOW.replace(old, new, 1)) != []


def test_deploy_job_with_extra_permissions_is_caught() -> None:
    text = f"""\
on: push
permissions: {{}}
jobs:
  publicera:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    permissions:
      pages: write
      id-token: write
      contents: write
    steps:
      - uses: actions/deploy-pages@{SHA} # v4.0.5
"""
    problems = write_permission_problems(parse_workflow(text))
    assert problems and "publicerar" in problems[0]
    assert (
        write_permission_problems(parse_workflow(text.replace("      contents: write\n", ""))) == []
    )


def test_codeowners_problems_are_caught() -> None:
    handles = ["a", "b"]
    good = "\n".join(f"{pattern} @a @b" for pattern in KANSLI_PATHS)
    assert codeowners_problems(good, handles) == []
    assert codeowners_problems(good.replace("/schema/ @a @b", "/schema/ @a"), handles)
    assert codeowners_problems(good.replace("/.github/ @a @b", ""), handles)
    # A later rule wins on GitHub, so a catch-all at the end takes the files away from the kansli.
    assert codeowners_problems(good + "\n* @someone-else", handles)
    assert owners_of("applications/x/beslut.yaml", codeowners_rules(good)) == ["@a", "@b"]
    assert owners_of("applications/x/budget.yaml", codeowners_rules(good)) == []
