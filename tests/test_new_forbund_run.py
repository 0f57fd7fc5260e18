"""A second förbund adopts the desk, in an empty folder, as a förbund would.

finsam's repository as it stands is committed and tagged in a folder of its own (the release).
A new förbund, Norrdal (other members, one mall, half-yearly reports), is scaffolded against
that tag and gets one application written by the form's own code on the package's mall. Then
its README's two commands run: `make test` and `make site` install the tagged release from the
local repository into the förbund's .venv, check every file and build the site, which names
Norrdal and nothing of the reference förbund. Its pre-commit, pointing at the tag, lets a clean
commit through and refuses a broken budget. Finally a newer release is tagged, the förbund
changes the tag in requirements.txt and runs `make uppgradera`, which writes finsam's files
for the new release and moves an application in the older layout (facts at the top of
ansokan.md) to the current one; its checks and pre-commit pass again.

This installs from the package registry's cache or the registry itself (pip, npm), as a
förbund's machine does; it takes a few minutes and never skips in CI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from finsam import __version__
from tests import norrdal
from tests.form_helpers import VALID

REPO = Path(__file__).resolve().parents[1]
NEXT = re.sub(r"\d+$", lambda m: str(int(m.group()) + 1), __version__)
APPLICATION = "2027-norrdal-tillsammans"
REFERENCE_NAMES = ("Exempelbygd", "Provby")

# The form's values for one application on the mall generell of the new förbund.
_NAMES = {"provby-kommun": "norrdals-kommun", "standard@2024": "generell@{year}"}
_SECTIONS = {
    "bakgrund": "Många i målgruppen har kontakt med flera myndigheter samtidigt.",
    "syfte": "Att samordna stödet kring varje deltagare. Ett team för alla parter.",
    "malgrupp": "Personer 18–64 år som står långt från arbetsmarknaden.",
    "samverkan": "Teamet och styrgruppen möts varje månad.",
    "aktiviteter": "Individuellt stöd enligt Supported Employment.",
    "uppfoljning": "Styrgruppen följer upp målen varje halvår.",
    "spridning": "Lärdomarna sprids på parternas ledningsmöten.",
}


def _needed() -> None:
    missing = [tool for tool in ("git", "make", "npm") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{', '.join(missing)} saknas: testet får inte hoppas över i CI")
        pytest.skip(f"{', '.join(missing)} saknas")


def run(args: list[str], cwd: Path, env: dict[str, str], ok: bool = True) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    # pip's notes on the machine's own package locations say nothing about the run.
    shown = "\n".join(line for line in output.splitlines() if "is ignored:" not in line)
    assert (done.returncode == 0) == ok, f"{' '.join(args)} → {done.returncode}\n{shown[-4000:]}"
    return output


def git(cwd: Path, env: dict[str, str], *args: str, ok: bool = True) -> str:
    return run(["git", *args], cwd, env, ok)


def release_repository(target: Path, env: dict[str, str]) -> Path:
    """finsam's repository as it stands in the checkout (tracked and new files), committed and
    tagged with the current version."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    git(target, env, "init", "--quiet", "--initial-branch", "main")
    git(target, env, "add", "-A")
    git(target, env, "commit", "--quiet", "-m", f"finsam {__version__}")
    git(target, env, "tag", f"v{__version__}")
    return target


def next_release(release: Path, env: dict[str, str]) -> str:
    """The next patch release of finsam, tagged in the release repository."""
    for rel, pattern in (
        ("pyproject.toml", r'^version = "[^"]+"'),
        ("src/finsam/__init__.py", r'^__version__ = "[^"]+"'),
    ):
        path = release / rel
        text = path.read_text("utf-8")
        key = pattern.split(" = ")[0].lstrip("^")
        new, count = re.subn(pattern, f'{key} = "{NEXT}"', text, flags=re.MULTILINE)
        assert count == 1, rel
        path.write_text(new, "utf-8")
    git(release, env, "commit", "--quiet", "-am", f"finsam {NEXT}")
    git(release, env, "tag", f"v{NEXT}")
    return f"v{NEXT}"


def form_values(year: int) -> dict[str, str]:
    values = {
        key: _NAMES.get(value, value).replace("{year}", str(year))
        for key, value in VALID.items()
        if not key.startswith("ansokan.avsnitt.")
    }
    values["budget.rader.1.kategori"] = "utbildning_insatsmedarbetare"
    values["budget.rader.0.part"] = values["budget.rader.1.part"] = "norrdals-kommun"
    for key, text in _SECTIONS.items():
        values[f"ansokan.avsnitt.{key}"] = text
    # The application runs 2027–2029 (the förbund's frame years).
    shifted = {}
    for key, value in values.items():
        for old, new in (("2028", "2029"), ("2027", "2028"), ("2026", "2027")):
            if old in key or old in value:
                key, value = key.replace(old, new), value.replace(old, new)
                break
        shifted[key] = value
    shifted["id"] = APPLICATION
    return shifted


def write_application(root: Path, values: dict[str, str]) -> None:
    """The files that the form "Skriv ansökan" hands the applicant, written where they belong."""
    from finsam.form.check import check_json

    answer = json.loads(check_json(json.dumps(values), str(root)))
    assert answer["rapport"]["fynd"] == [], answer["rapport"]  # the form finds nothing to fix
    folder = root / "applications" / APPLICATION
    folder.mkdir(parents=True)
    for name, text in answer["filer"].items():
        (folder / name).write_text(text, "utf-8")


def to_older_layout(folder: Path) -> None:
    """The application as förbund wrote it before the facts had a file of their own."""
    facts = (folder / "ansokan.yaml").read_text("utf-8").splitlines(keepends=True)[1:]
    text = (folder / "ansokan.md").read_text("utf-8")
    (folder / "ansokan.md").write_text("---\n" + "".join(facts) + "---\n\n" + text, "utf-8")
    (folder / "ansokan.yaml").unlink()


def test_a_second_forbund_adopts_the_desk_and_upgrades(tmp_path: Path) -> None:
    _needed()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("VIRTUAL_ENV", "PYTHONPATH", "PIP_REQUIRE", "GIT_"))
    }
    env.update(
        {
            "GIT_AUTHOR_NAME": "Kansliet",
            "GIT_AUTHOR_EMAIL": "kansliet@norrdal.example",
            "GIT_COMMITTER_NAME": "Kansliet",
            "GIT_COMMITTER_EMAIL": "kansliet@norrdal.example",
            "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
            "FINSAM_CACHE_DIR": str(tmp_path / "cache"),
            "NO_MKDOCS_2_WARNING": "1",
        }
    )
    release = release_repository(tmp_path / "finsam-arkiv", env)
    tag = f"v{__version__}"

    # 1. Scaffold Norrdal against the tag.
    root = tmp_path / "norrdal"
    year = 2027
    run(
        [
            sys.executable,
            "-m",
            "finsam",
            "ny",
            "forbund",
            str(root),
            *norrdal.ARGS,
            *norrdal.frame(year, year + 1, year + 2),
            "--kalla",
            release.as_uri(),
            "--version",
            tag,
        ],
        tmp_path,
        env,
    )
    mall_year = (root / "forbund.yml").read_text("utf-8").split("- id: generell\n    version: ")
    write_application(root, form_values(int(mall_year[1][:4])))
    git(root, env, "add", "-A")

    # 2. The README's two commands.
    readme = (root / "README.md").read_text("utf-8")
    assert "make site" in readme and "make test" in readme
    out = run(["make", "test"], root, env)
    assert "Inga fel" in out
    run(["make", "site"], root, env)
    site = root / "site"
    start = (site / "index.html").read_text("utf-8")
    assert "Samordningsförbundet Norrdal" in start
    assert (site / "insats" / APPLICATION / "index.html").is_file() is False  # not yet granted
    assert (site / "skriv-ansokan" / "index.html").is_file()
    for page in site.rglob("*"):
        if page.suffix in {".html", ".json", ".xml", ".js", ".txt"}:
            text = page.read_text("utf-8", errors="replace")
            for name in REFERENCE_NAMES:
                assert name.casefold() not in text.casefold(), f"{name} i {page}"

    # 3. pre-commit from the tag: a clean commit passes, a broken budget is refused.
    run([".venv/bin/pre-commit", "install"], root, env)
    git(root, env, "commit", "--quiet", "-m", "Norrdals ansökningsdesk")
    budget = root / "applications" / APPLICATION / "budget.yaml"
    budget.write_text(budget.read_text("utf-8").replace("540000", "540 000,50"), "utf-8")
    git(root, env, "add", "-A")
    refused = git(root, env, "commit", "-m", "Ändrad budget", ok=False)
    assert "budget.yaml" in refused and "fel" in refused
    git(root, env, "reset", "--quiet", "--hard")
    # forbund.yml alone, without a member that the application names: every application is
    # checked against it, and the commit is refused.
    config = root / "forbund.yml"
    lines = config.read_text("utf-8").splitlines(keepends=True)
    config.write_text("".join(x for x in lines if "id: arbetsformedlingen" not in x), "utf-8")
    git(root, env, "add", "forbund.yml")
    refused = git(root, env, "commit", "-m", "Färre medlemmar", ok=False)
    assert f"applications/{APPLICATION}/ansokan.yaml" in refused
    git(root, env, "reset", "--quiet", "--hard")

    # 4. An application in the older layout, then a newer release and the upgrade.
    to_older_layout(root / "applications" / APPLICATION)
    git(root, env, "commit", "--quiet", "-am", "Ansökan i det äldre formatet")
    newer = next_release(release, env)
    requirements = root / "requirements.txt"
    requirements.write_text(requirements.read_text("utf-8").replace(tag, newer), "utf-8")
    out = run(["make", "uppgradera"], root, env)
    assert "Skrev om .pre-commit-config.yaml." in out
    assert f"rev: {newer}" in (root / ".pre-commit-config.yaml").read_text("utf-8")
    assert (root / "applications" / APPLICATION / "ansokan.yaml").is_file()
    out = run(["make", "test"], root, env)
    assert "Inga fel" in out
    assert f"finsam {NEXT}" in run([".venv/bin/finsam", "--version"], root, env)
    git(root, env, "add", "-A")
    git(root, env, "commit", "--quiet", "-m", f"finsam {newer}")
    assert git(root, env, "status", "--porcelain") == ""
