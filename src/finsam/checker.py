"""Run every check over a repository or some of its paths."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from finsam.config import CONFIG_NAME, Forbund, load_forbund
from finsam.errors import UsageError
from finsam.findings import Finding, has_errors
from finsam.loader.application import BESLUT, DOCUMENT_FILES, REPORTS, Document, load_application
from finsam.rules.config import CONFIG_MISSING
from finsam.rules.frame import frame_findings, read_decisions
from finsam.rules.registry import Context, all_rules

APPLICATIONS_DIR = "applications"


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
    """The application folders that the given paths belong to (all of them when none given)."""
    if not paths:
        base = root / APPLICATIONS_DIR
        if not base.is_dir():
            return []
        return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
    folders: dict[Path, None] = {}
    for path in paths:
        if not path.exists():
            raise UsageError(f"Sökvägen '{path}' finns inte.")
        if path.is_file():
            if path.name in DOCUMENT_FILES:
                folders[path.parent] = None
            elif path.parent.name == REPORTS and path.suffix == ".md":
                folders[path.parent.parent] = None
            continue
        if any((path / name).is_file() for name in DOCUMENT_FILES):
            folders[path] = None
            continue
        for name in DOCUMENT_FILES:
            for found in sorted(path.rglob(name)):
                if not any(part.startswith(".") for part in found.relative_to(path).parts):
                    folders[found.parent] = None
    return sorted(folders)


def inspect_application(
    folder: Path, root: Path, forbund: Forbund
) -> tuple[Context, list[Finding]]:
    """Load one application folder and run every rule over it."""
    app, findings = load_application(folder, relative(folder, root))
    context = Context(app, forbund)
    for info, function in all_rules():
        findings.extend(function(info, context))
    return context, findings


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


def collect(results: Iterable[CheckResult]) -> CheckResult:
    total = CheckResult()
    for result in results:
        total.findings.extend(result.findings)
        total.applications += result.applications
        total.files += result.files
    total.findings.sort(key=Finding.sort_key)
    return total
