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
EXPECTED_WORKFLOWS = {"granska.yml", "tester.yml", "publicera.yml"}
# The one workflow that runs from the base branch on pull requests (pull_request_target).
VERDICT_WORKFLOW = "granska.yml"
TEMPLATE_NAMES = ("ideskiss.md", "ny-ansokan.md", "revidering.md", "rapport.md", "beslut.md")

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
    from finsam.model.forbund import load_forbund

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
    """pull_request_target is allowed only where nothing from the pull request is executed."""
    if "pull_request_target" not in triggers(workflow) and "pull_request_target" not in text:
        return []
    return [f"pull_request_target: {problem}" for problem in base_code_problems(workflow)]


BASE_REF = "${{ github.event.pull_request.base.sha }}"
HEAD_REF = "${{ github.event.pull_request.head.sha }}"
# Commands that build or run code from the folder they are started in.
RUNS_LOCAL_CODE = re.compile(
    r"\bmake\b|\bnpm\b|\bnpx\b|\bpre-commit\b|\bpytest\b|\bsource\b|(?:^|\s)\.\s|"
    r"\./|\bbash\s+\S|\bsh\s+\S|python3?(?!\s+-I\s+-m\s+(?:venv|pip)\b)\s+\S"
)


def base_code_problems(workflow: Workflow) -> list[str]:
    """A workflow started by pull_request_target judges with the base branch's code only.

    Its code is checked out at the base commit; the pull request's files are checked out into
    pr/ and never built, installed or executed: the only programs run are git and the finsam
    installed from the base's checkout, and Python only in isolated mode (-I), so that no module
    in the working folder is imported. The token can only read."""
    problems = []
    if workflow.get("permissions") != {"contents": "read"}:
        problems.append("permissions ska vara exakt contents: read")
    for name, job in jobs(workflow).items():
        if job.get("permissions") not in (None, {"contents": "read"}):
            problems.append(f"jobbet {name} ändrar permissions")
        checkouts = [
            s for s in steps(job) if action_name(str(s.get("uses", ""))) == "actions/checkout"
        ]
        refs = {str((s.get("with") or {}).get("ref")): (s.get("with") or {}) for s in checkouts}
        if set(refs) != {BASE_REF, HEAD_REF} or len(checkouts) != 2:
            problems.append(f"jobbet {name} ska hämta exakt basens och pull requestens commit")
            continue
        code, files = refs[BASE_REF].get("path"), refs[HEAD_REF].get("path")
        if not code or not files or code == files:
            problems.append(f"jobbet {name} ska lägga koden och filerna i var sin mapp")
        for step in steps(job):
            uses = action_name(str(step.get("uses", "")))
            if uses and uses not in ("actions/checkout", "actions/setup-python"):
                problems.append(f"jobbet {name} använder {uses}, som kan köra filer")
            if uses == "actions/setup-python" and set(step.get("with") or {}) != {"python-version"}:
                problems.append(f"setup-python i jobbet {name} får bara få python-version")
            script = step.get("run")
            # Installing the base's own checkout is the one use of a local path.
            if isinstance(script, str) and RUNS_LOCAL_CODE.search(script.replace(f" ./{code}", "")):
                problems.append(f"steget {step.get('name')!r} i jobbet {name} kör kod ur en mapp")
            installs = isinstance(script, str) and re.search(r"pip[^\n]*install", script)
            pins = f"{code}/requirements/constraints.txt"
            if installs and (
                f"./{code}" not in str(script)
                or f"-c {pins}" not in str(script)
                or f"--build-constraint {pins}" not in str(script)
            ):
                problems.append(f"jobbet {name} installerar annat än basens kod med dess versioner")
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
    folders_only = pattern.endswith("/")  # "dir/" matches what lies inside a folder only
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
    inside = "/.+" if folders_only else "(?:/.*)?"
    return re.compile(f"^{prefix}{''.join(parts)}{inside}$")


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """The owners of a path: the last matching rule wins, as on GitHub."""
    owners: list[str] = []
    for pattern, rule_owners in rules:
        if codeowners_regex(pattern).match(path):
            owners = rule_owners
    return owners


# Paths that only the kansli may change: every one of them, whatever a pull request adds.
KANSLI_EXAMPLES = (
    "forbund.yml",
    "schema/ansokan.schema.json",
    ".github/workflows/granska.yml",
    ".github/CODEOWNERS",
    "hooks/finsam_pages.py",
    "src/finsam/site/plugin.py",
    ".pre-commit-config.yaml",
    ".pre-commit-hooks.yaml",
    "src/finsam/rules/review.py",
    "Makefile",
    "pyproject.toml",
    "requirements/constraints.txt",
    "tests/test_review.py",
    "mkdocs.yml",
    "docs/index.md",
    "overrides/partials/copyright.html",
    ".ci/run",
    ".gitattributes",
    ".gitignore",
    "README.md",
    "bench/bench_check.py",
    "package.json",
    "en-ny-mapp/fil.txt",
    "applications/2025-forstarkt-stod/beslut.yaml",
    "applications/2025-forstarkt-stod/beredning.yaml",
    "applications/README.md",
)
APPLICANT_EXAMPLES = (
    "applications/2025-forstarkt-stod/ansokan.md",
    "applications/2025-forstarkt-stod/budget.yaml",
    "applications/2025-forstarkt-stod/rapporter/2026-k1.md",
)


def codeowners_problems(text: str, handles: list[str]) -> list[str]:
    rules = codeowners_rules(text)
    problems = []
    for example in KANSLI_EXAMPLES:
        owners = owners_of(example, rules)
        missing = [f"@{handle}" for handle in handles if f"@{handle}" not in owners]
        if missing:
            problems.append(f"{example} ägs inte av {missing}")
    for example in APPLICANT_EXAMPLES:
        if owners_of(example, rules):
            problems.append(f"{example} ska inte ha kodägare (granska-pr avgör)")
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


def test_the_verdict_is_given_by_the_base_branch_s_code() -> None:
    workflow = load_workflow(WORKFLOWS_DIR / VERDICT_WORKFLOW)
    assert triggers(workflow) == {"pull_request_target"}
    assert base_code_problems(workflow) == []
    assert workflow["concurrency"]["cancel-in-progress"] is True
    (job,) = jobs(workflow).values()
    scripts = [str(step.get("run", "")) for step in steps(job)]
    expected = [
        "-I -m pip install",
        'granska-pr --bas "$BASE_SHA" --huvud "$HEAD_SHA" --forfattare "$AUTHOR"',
        'kontrollera --format github --jamfor-med "$BASE_SHA"',
        '"$GITHUB_STEP_SUMMARY"',
    ]
    positions = [next(i for i, s in enumerate(scripts) if needle in s) for needle in expected]
    assert positions == sorted(positions)
    by_script = {needle: steps(job)[i] for needle, i in zip(expected, positions, strict=True)}
    for needle in expected[1:]:
        assert by_script[needle]["working-directory"] == "pr", needle
        assert '"$RUNNER_TEMP/finsam/bin/finsam"' in by_script[needle]["run"] or (
            'finsam="$RUNNER_TEMP/finsam/bin/finsam"' in by_script[needle]["run"]
        )
    for needle in expected[2:]:
        assert by_script[needle]["if"] in ("always()", "success() || failure()"), needle
    review = by_script[expected[1]]
    assert review["env"]["AUTHOR"] == "${{ github.event.pull_request.user.login }}"
    assert review["env"]["BASE_SHA"] == BASE_REF
    summary = by_script[expected[3]]["run"]
    assert '"$finsam" budget "$id" --format markdown' in summary
    assert '"$finsam" diff "$BASE_SHA" "$HEAD_SHA" "$id" --format markdown' in summary


def test_the_pull_request_is_checked_whole() -> None:
    """No paths after kontrollera: a pull request that changes only forbund.yml or a schema is
    still judged against every application, in pr/ (its files as data) by the base's code."""
    (job,) = jobs(load_workflow(WORKFLOWS_DIR / VERDICT_WORKFLOW)).values()
    (check,) = (step for step in steps(job) if " kontrollera " in str(step.get("run", "")))
    assert check["working-directory"] == "pr"
    assert check["run"] == (
        '"$RUNNER_TEMP/finsam/bin/finsam" kontrollera --format github --jamfor-med "$BASE_SHA"'
    )


def test_the_project_s_own_tests_run_separately_without_rights() -> None:
    workflow = load_workflow(WORKFLOWS_DIR / "tester.yml")
    assert triggers(workflow) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = jobs(workflow).values()
    by_script = {str(s.get("run")): s for s in steps(job) if "run" in s}
    assert by_script["make test"]["env"]["CI"] == "true"
    # The browser tests must find a browser: the runner's Google Chrome.
    assert by_script["make test"]["env"]["FINSAM_CHROMIUM"] == "/usr/bin/google-chrome"
    assert "make site" in by_script
    # Nothing in it judges the pull request: that is granska.yml's alone.
    assert not any("granska-pr" in script or "kontrollera" in script for script in by_script)


def test_publish_workflow_triggers() -> None:
    workflow = load_workflow(WORKFLOWS_DIR / "publicera.yml")
    assert triggers(workflow) == {"push", "workflow_dispatch"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] in ({}, {"contents": "read"})


def test_codeowners_gives_the_kansli_everything_but_the_insats_folders() -> None:
    text = CODEOWNERS_PATH.read_text(encoding="utf-8")
    assert codeowners_problems(text, kansli_handles()) == []


def test_codeowners_follows_from_forbund_yml() -> None:
    from finsam.codeowners import render
    from finsam.model.forbund import load_forbund

    forbund, _ = load_forbund(ROOT / "forbund.yml")
    assert forbund is not None
    assert CODEOWNERS_PATH.read_text(encoding="utf-8") == render(forbund), (
        "run: finsam kodagare --skriv"
    )


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
    good = (
        "* @a @b\n/applications/*/\n/applications/*/beredning.yaml @a @b\n"
        "/applications/*/beslut.yaml @a @b\n"
    )
    assert codeowners_problems(good, handles) == []
    assert codeowners_problems(good.replace("/applications/*/beredning.yaml @a @b\n", ""), handles)
    assert codeowners_problems(good.replace("* @a @b", "* @a"), handles)
    assert codeowners_problems(good.replace("* @a @b\n", "/schema/ @a @b\n"), handles)
    assert codeowners_problems(good.replace("/applications/*/beslut.yaml @a @b\n", ""), handles)
    # A later rule wins on GitHub, so a catch-all at the end takes the files away from the kansli.
    assert codeowners_problems(good + "* @someone-else\n", handles)
    assert codeowners_problems(good + "/applications/*/ansokan.md @a\n", handles)
    assert owners_of("applications/x/beslut.yaml", codeowners_rules(good)) == ["@a", "@b"]
    assert owners_of("applications/x/budget.yaml", codeowners_rules(good)) == []


VERDICT_EXAMPLE = (WORKFLOWS_DIR / VERDICT_WORKFLOW).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param(
            '"$RUNNER_TEMP/finsam/bin/finsam" granska-pr',
            "make test && .venv/bin/finsam granska-pr",
            id="make",
        ),
        pytest.param("python -I -m venv", "python -m venv", id="python-not-isolated"),
        pytest.param(
            "bas/requirements/constraints.txt ./bas",
            "bas/requirements/constraints.txt ./pr",
            id="installs-pr",
        ),
        pytest.param(
            "--build-constraint bas/requirements/constraints.txt", "", id="unpinned-build"
        ),
        pytest.param(
            "ref: ${{ github.event.pull_request.base.sha }}",
            "ref: ${{ github.event.pull_request.head.sha }}",
            id="code-from-pr",
        ),
        pytest.param("          path: bas\n", "          path: pr\n", id="same-folder"),
        pytest.param(
            'python-version: "3.11"', 'python-version: "3.11"\n          cache: pip', id="cache"
        ),
        pytest.param(
            "permissions:\n  contents: read\n", "permissions:\n  contents: write\n", id="write"
        ),
        pytest.param(
            '--jamfor-med "$BASE_SHA"\'',
            '--jamfor-med "$BASE_SHA" && bash pr/.ci/run\'',
            id="script",
        ),
    ],
)
def test_running_pull_request_code_in_the_verdict_is_caught(old: str, new: str) -> None:
    assert old in VERDICT_EXAMPLE
    assert all_workflow_problems(VERDICT_EXAMPLE.replace(old, new, 1)) != []
