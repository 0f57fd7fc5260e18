"""`finsam ny forbund`: a new förbund's repository, thin: only what is the förbund's own.

The repository holds forbund.yml, applications/, docs/ for its own pages, a five-line mkdocs.yml
and the files through which it uses one release of finsam: requirements.txt names the release
(a tag of finsam's repository), and everything else (schemas, rules, the site, the templates,
the default guidance) comes from the installed package. The files that only finsam writes
(``release_files``: the Makefile, the pre-commit configuration, the pins, the workflows, the
pull-request templates) are written again by `finsam uppgradera` for each new release; the rest
is written once and is the förbund's to change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from finsam import __version__
from finsam.codeowners import PATH as CODEOWNERS_PATH
from finsam.codeowners import render as render_codeowners
from finsam.errors import BlockingFindings, UsageError
from finsam.model.forbund import CONFIG_NAME, Forbund, parse_forbund
from finsam.package_folders import package_folder
from finsam.scaffold import yaml_scalar
from finsam.schemas import SCHEMA_FILES, load_schema

STARTER = Path(__file__).resolve().parent / "starter"
REQUIREMENTS = "requirements.txt"
CONSTRAINTS = "requirements/constraints.txt"
PRE_COMMIT = ".pre-commit-config.yaml"
# The workflows a förbund runs, as finsam's own repository runs them; only the installation
# of finsam differs (see _workflow).
WORKFLOWS = ("granska.yml", "publicera.yml")
_SELF_INSTALL = "--build-constraint bas/requirements/constraints.txt ./bas"
_RELEASE_INSTALL = f"--build-constraint bas/{CONSTRAINTS} -r bas/{REQUIREMENTS}"
_MAIN = "main"  # the branch finsam's own workflows name
# requirements.txt's line that names the release: finsam[site] @ git+<source>@<tag>
_RELEASE_LINE = re.compile(
    r"^finsam(?:\[[a-z,]+\])?\s*@\s*git\+(?P<source>\S+)@(?P<tag>[A-Za-z0-9._+-]+)\s*(?:#.*)?$",
    re.MULTILINE,
)
_SOURCE = re.compile(r"[a-z][a-z0-9+.-]*://[^\s#@?]+")
_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")
# Member types named in a member's name, for `--medlem NAMN` without :TYP.
_TYPE_WORDS = (
    ("arbetsförmedlingen", "arbetsformedlingen"),
    ("försäkringskassan", "forsakringskassan"),
    ("region", "region"),
    ("kommun", "kommun"),
)


def member_types() -> list[str]:
    """The kinds of member forbund.yml allows (its schema's parter.typ)."""
    member = load_schema("forbund")["properties"]["parter"]["items"]
    return list(member["properties"]["typ"]["enum"])


@dataclass(frozen=True)
class Member:
    name: str
    kind: str
    accounts: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return slug(self.name)


@dataclass(frozen=True)
class Release:
    """Which finsam a förbund's repository uses: the repository it comes from and a tag."""

    source: str
    tag: str


@dataclass(frozen=True)
class NewForbund:
    name: str
    email: str
    site_url: str
    members: tuple[Member, ...]
    kansli: tuple[tuple[str, str], ...]  # (GitHub account, role)
    release: Release
    frame: dict[int, int] = field(default_factory=dict)
    rhythm: str = "kvartal"
    repository: str = ""  # the förbund's own repository on GitHub, for the form's upload link


def slug(name: str) -> str:
    """An id from a name: "Norrdals kommun" → norrdals-kommun."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    ascii_only = "".join(c for c in plain if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", ascii_only))


def parse_member(text: str) -> Member:
    """NAMN[:TYP][=KONTO,KONTO] as given to --medlem."""
    rest, _, accounts = text.partition("=")
    name, _, kind = rest.partition(":")
    name, kind = name.strip(), kind.strip()
    if not slug(name):
        raise UsageError(f"Medlemmen {text!r} saknar namn.")
    if not kind:
        lowered = name.casefold()
        kind = next((k for word, k in _TYPE_WORDS if word in lowered), "")
    kinds = member_types()
    if kind not in kinds:
        raise UsageError(
            f"Vilken sorts medlem är {name}? Skriv till exempel --medlem '{name}:kommun' "
            f"(typen är en av {', '.join(kinds)})."
        )
    return Member(name, kind, tuple(a.strip() for a in accounts.split(",") if a.strip()))


def parse_kansli(text: str, first: bool) -> tuple[str, str]:
    """KONTO[=ROLL] as given to --kansli; the first account is the förbundschef by default."""
    account, _, role = text.partition("=")
    default = "Förbundschef" if first else "Kansliet"
    return account.strip().lstrip("@"), role.strip() or default


def parse_frame(text: str) -> tuple[int, int]:
    """ÅR=BELOPP as given to --ram, the amount in whole kronor (spaces allowed)."""
    year, _, amount = text.partition("=")
    digits = amount.replace(" ", "").replace("\u00a0", "")
    if not (year.strip().isdigit() and len(year.strip()) == 4 and digits.isdigit()):
        raise UsageError(
            f"Ramen {text!r} ska skrivas ÅR=BELOPP i hela kronor, till exempel 2027=3000000."
        )
    return int(year), int(digits)


def default_release() -> Release:
    """This finsam's own release: its repository (the package's Källkod address) and tag."""
    urls = metadata.metadata("finsam").get_all("Project-URL") or []
    source = next((u.split(",", 1)[1].strip() for u in urls if u.startswith("Källkod")), "")
    return Release(source, f"v{__version__}")


def _render(text: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return _PLACEHOLDER.sub(value, text)


def _starter(name: str, values: dict[str, str]) -> str:
    return _render((STARTER / name).read_text("utf-8"), values)


def forbund_text(new: NewForbund) -> str:
    """forbund.yml of the new förbund, from the starter with its own facts filled in."""
    members = "\n".join(
        f"  - {{id: {m.id}, namn: {yaml_scalar(m.name)}, typ: {m.kind}"
        + (f", konton: [{', '.join(m.accounts)}]" if m.accounts else "")
        + "}"
        for m in new.members
    )
    kansli = "\n".join(
        f"  - {{github: {account}, roll: {yaml_scalar(role)}}}" for account, role in new.kansli
    )
    frame = "".join(f"\n  {year}: {amount}" for year, amount in sorted(new.frame.items()))
    site = new.site_url if new.site_url.endswith("/") else f"{new.site_url}/"
    values = {
        "schema_url": f"{site}schema/{SCHEMA_FILES['forbund']}",
        "namn": new.name,
        "namn_yaml": yaml_scalar(new.name),
        "epost": yaml_scalar(new.email),
        "adress": f"'{site}'",
        "forrad_rad": f"  forrad: '{new.repository}'\n" if new.repository else "",
        "parter": members,
        "kansli": kansli,
        "ram": frame or " {}",
        "rytm": new.rhythm,
        "ar": str(dt.date.today().year),
    }
    return _starter(CONFIG_NAME, values)


def read_release(root: Path) -> Release:
    """The release that requirements.txt names."""
    path = root / REQUIREMENTS
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""  # missing, unreadable or not text: no release named
    found = _RELEASE_LINE.search(text)
    if found is None:
        raise UsageError(
            f"{REQUIREMENTS} saknar raden som anger finsams utgåva, till exempel "
            "finsam[site] @ git+https://github.com/<konto>/finsam@v0.3.0."
        )
    return Release(found["source"], found["tag"])


def _workflow(name: str, branch: str) -> str:
    """One of finsam's own workflows as a förbund runs it: the release that the base branch's
    requirements.txt names is installed, and the förbund's main branch is built."""
    text = (package_folder("github") / "workflows" / name).read_text("utf-8")
    text = text.replace(_SELF_INSTALL, _RELEASE_INSTALL)
    if branch != _MAIN:  # the schema allows letters, digits and ._/- only
        text = text.replace(f"branches: [{_MAIN}]", f"branches: [{json.dumps(branch)}]")
        text = text.replace(f" {_MAIN} ", f" {branch} ")
    return text


# Each document kind's files, for the editor when a file lacks its first line naming its schema.
_EDITOR_FILES = {
    "ideskiss": "applications/*/ideskiss.yaml",
    "ansokan": "applications/*/ansokan.yaml",
    "budget": "applications/*/budget.yaml",
    "beslut": "applications/*/beslut.yaml",
    "rapport": "applications/*/rapporter/*.yaml",
}


def _editor_settings(forbund: Forbund) -> dict[str, str]:
    """VS Code's YAML help: the general schemas as the förbund's site publishes them."""
    site = forbund.site_url.rstrip("/")
    schemas = {
        f"{site}/schema/{SCHEMA_FILES[kind]}": [pattern] for kind, pattern in _EDITOR_FILES.items()
    }
    settings = {"yaml.schemas": schemas, "yaml.schemaStore.enable": False}
    return {
        ".vscode/settings.json": json.dumps(settings, indent=2, ensure_ascii=False) + "\n",
        ".vscode/extensions.json": json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2)
        + "\n",
    }


def release_files(forbund: Forbund, release: Release) -> dict[str, str]:
    """The files of a förbund's repository that finsam writes for a release, and rewrites for
    the next (`finsam uppgradera`): path → text."""
    name = forbund.name
    values = {"namn": name, "kalla": release.source, "tag": release.tag}
    github = package_folder("github")
    files = {
        "Makefile": _starter("Makefile", values),
        PRE_COMMIT: _starter("pre-commit-config.yaml", values),
        CONSTRAINTS: (package_folder("requirements") / "constraints.txt").read_text("utf-8"),
        "package.json": _starter("package.json", values),
        "package-lock.json": _starter("package-lock.json", values),
    }
    for workflow in WORKFLOWS:
        files[f".github/workflows/{workflow}"] = _workflow(workflow, forbund.branch)
    files.update(_editor_settings(forbund))
    for template in sorted(github.glob("*.md")) + sorted(github.glob("PULL_REQUEST_TEMPLATE/*.md")):
        files[f".github/{template.relative_to(github).as_posix()}"] = template.read_text("utf-8")
    return files


def repository_files(new: NewForbund, config: str, forbund: Forbund) -> dict[str, str]:
    """Every file of the new repository: path → text. ``config`` is its forbund.yml, as
    checked, and ``forbund`` that file read."""
    values = {
        "namn": new.name,
        "namn_yaml": yaml_scalar(new.name),
        "kalla": new.release.source,
        "tag": new.release.tag,
    }
    files = {
        CONFIG_NAME: config,
        "mkdocs.yml": _starter("mkdocs.yml", values),
        "README.md": _starter("README.md", values),
        ".gitignore": _starter("gitignore", values),
        REQUIREMENTS: _starter(REQUIREMENTS, values),
        "applications/.gitkeep": "",
        "docs/.gitkeep": "",
    }
    files.update(release_files(forbund, new.release))
    files[CODEOWNERS_PATH] = render_codeowners(forbund)
    return files


def _check_release(release: Release) -> None:
    """The release must read back from requirements.txt as it was given."""
    line = f"finsam[site] @ git+{release.source}@{release.tag}"
    found = _RELEASE_LINE.fullmatch(line)
    plain = _SOURCE.fullmatch(release.source)  # no user, revision, query or fragment of its own
    if plain is None or found is None or Release(found["source"], found["tag"]) != release:
        raise UsageError(
            f"Finsams arkiv {release.source!r} och utgåva {release.tag!r} går inte att skriva i "
            f"{REQUIREMENTS}: arkivet är en adress utan blanksteg, utgåvan en tagg som v0.3.0."
        )


def create(folder: Path, new: NewForbund) -> list[str]:
    """Write the new repository into ``folder`` (new or empty); return the paths written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} finns redan och är inte en tom mapp.")
    _check_release(new.release)
    if not new.name.isprintable() or new.name != new.name.strip():
        # The name heads the README and comments in forbund.yml and the Makefile: one line.
        raise UsageError(f"Förbundets namn {new.name!r} ska vara en rad text.")
    config = forbund_text(new)
    forbund, findings = parse_forbund(config)  # nothing is written unless forbund.yml holds
    if forbund is None:
        raise BlockingFindings(findings, "Förbundets uppgifter räcker inte till en forbund.yml.")
    files = repository_files(new, config, forbund)
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    _git_init(folder)
    return sorted(files)


def _git_init(folder: Path) -> None:
    # A repository from the start: pre-commit and the checks of history need one. Without git
    # the files are still all there, and `git init` can come later.
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        subprocess.run(
            ["git", "init", "--quiet", "--initial-branch", "main", str(folder)],
            check=True,
            capture_output=True,
        )
