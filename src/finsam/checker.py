"""Run every check over a repository or some of its paths."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from finsam.config_rules import CONFIG_MISSING
from finsam.errors import UsageError
from finsam.findings import Finding, has_errors, one_per_mistake
from finsam.loader.application import (
    BESLUT,
    DOCUMENT_FILES,
    REPORTS,
    Document,
    insats_folders,
    load_application,
)
from finsam.loader.text import not_regular
from finsam.model.forbund import CONFIG_NAME, Forbund, load_forbund
from finsam.rules.all import all_rules, rule_info
from finsam.rules.frame import frame_findings, read_decisions
from finsam.rules.registry import Context

APPLICATIONS_DIR = "applications"
STRAY_ALLOWED = ("README.md", ".gitkeep")  # files that may lie directly in applications/


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    applications: int = 0
    files: int = 0

    @property
    def failed(self) -> bool:
        return has_errors(self.findings)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds forbund.yml."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def application_folders(paths: Sequence[Path], root: Path) -> list[Path]:
    """The application folders that the given paths belong to (all of them when none given).

    Nothing here follows a symbolic link: a path inside applications/<id>/ belongs to that
    folder whatever it is, and the loader then reports a link or device it finds there."""
    # abspath, not resolve(): lexical, so that no link is followed.
    applications = Path(os.path.abspath(root / APPLICATIONS_DIR))  # noqa: PTH100
    if not paths:
        return sorted(insats_folders(applications)[0])
    folders: dict[Path, None] = {}
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(f"Sökvägen '{path}' finns inte.")
        absolute = Path(os.path.abspath(path))  # noqa: PTH100
        if absolute.is_relative_to(applications) and absolute != applications:
            folders[applications / absolute.relative_to(applications).parts[0]] = None
            continue
        if absolute == applications:
            folders.update(dict.fromkeys(insats_folders(applications)[0]))
            continue
        if path.is_symlink() or not path.is_dir():
            if path.name in DOCUMENT_FILES:
                folders[path.parent] = None
            elif path.parent.name == REPORTS and path.suffix == ".md":
                folders[path.parent.parent] = None
            continue
        if any(os.path.lexists(path / name) for name in DOCUMENT_FILES):
            folders[path] = None
            continue
        for name in DOCUMENT_FILES:
            for found in sorted(path.rglob(name)):
                if not any(part.startswith(".") for part in found.relative_to(path).parts):
                    folders[found.parent] = None
    return sorted(folders)


def stray_entries(root: Path) -> list[Finding]:
    """Links, devices and files directly in applications/, where only insats folders belong."""
    unknown_file = rule_info("A117")
    findings = []
    for name, mode in insats_folders(root / APPLICATIONS_DIR)[1]:
        rel = f"{APPLICATIONS_DIR}/{name}"
        if stat.S_ISREG(mode):
            if name not in STRAY_ALLOWED:
                findings.append(
                    unknown_file.finding(
                        rel,
                        0,
                        0,
                        f"Filen {name} ligger direkt i {APPLICATIONS_DIR}/, där bara insatsernas "
                        "mappar hör hemma.",
                        "Flytta filen till insatsens mapp, eller ta bort den.",
                    )
                )
        else:
            findings.append(not_regular(rel, mode))
    return findings


def inspect_application(
    folder: Path, root: Path, forbund: Forbund
) -> tuple[Context, list[Finding]]:
    """Load one application folder and run every rule over it."""
    app, findings = load_application(folder, relative(folder, root))
    context = Context(app, forbund)
    for info, function in all_rules():
        findings.extend(function(info, context))
    return context, one_per_mistake(findings)


def check(
    paths: Sequence[Path],
    root: Path,
    forbund_path: Path | None = None,
    compare_with: str | None = None,
) -> CheckResult:
    """Check forbund.yml and the application folders that ``paths`` point at."""
    result = CheckResult()
    config = forbund_path or root / CONFIG_NAME
    config_rel = relative(config, root)
    if not config.is_file():
        result.findings.append(
            CONFIG_MISSING.finding(
                config_rel,
                0,
                0,
                f"Förbundets konfiguration {config_rel} saknas.",
                "Kör kommandot i förbundets arkiv, eller ange filen med --forbund.",
            )
        )
        return result
    forbund, findings = load_forbund(config, config_rel)
    result.files += 1
    if forbund is None:
        result.findings = sorted(findings, key=Finding.sort_key)
        return result
    checked_folders = application_folders(paths, root)
    if not paths:
        result.findings += stray_entries(root)
    decisions: list[Document] = []
    for folder in checked_folders:
        context, found = inspect_application(folder, root, forbund)
        result.findings.extend(found)
        result.files += len(context.app.present) + context.app.files
        result.applications += 1
        if context.app.beslut is not None:
            decisions.append(context.app.beslut)
    # The history and the yearly frame concern decisions: a check of other files only (such as
    # a pre-commit run on a changed budget) leaves them out.
    if paths and not any(p.is_dir() or p.name in (BESLUT, CONFIG_NAME) for p in paths):
        result.findings.sort(key=Finding.sort_key)
        return result
    if compare_with:
        from finsam.rules.history import history_findings  # git only when decisions are checked

        result.findings.extend(history_findings(root, compare_with, decisions))
    # The yearly frame concerns every decision, also those in folders not checked now.
    checked_paths = {folder.resolve() for folder in checked_folders}
    others = [
        doc
        for folder in application_folders([], root)
        if folder.resolve() not in checked_paths
        and (doc := read_decisions(folder, f"{relative(folder, root)}/beslut.yaml")) is not None
    ]
    result.findings.extend(frame_findings(forbund, decisions, others))
    result.findings.sort(key=Finding.sort_key)
    return result
