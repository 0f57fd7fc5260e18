"""Run every check over a repository or some of its paths."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from finsam.check_cache import Cache, FolderVerdict
from finsam.config_rules import CONFIG_MISSING
from finsam.cores import forked_map
from finsam.errors import UsageError
from finsam.findings import Finding, has_errors, one_per_mistake
from finsam.loader.application import (
    BESLUT,
    DOCUMENT_FILES,
    REPORT_SUFFIXES,
    REPORTS,
    insats_folder_names,
    insats_folders,
    load_application,
)
from finsam.loader.text import not_regular
from finsam.model.decision import PlacedGrant, placed_grants
from finsam.model.forbund import CONFIG_NAME, Forbund, forbund_from_data, load_forbund
from finsam.rules.all import all_rules, rule_info
from finsam.rules.frame import frame_findings, read_grants, year_totals
from finsam.rules.registry import Context

APPLICATIONS_DIR = "applications"
SCHEMA_DIR = "schema"  # the JSON Schemas, beside applications/
STRAY_ALLOWED = ("README.md", ".gitkeep")  # files that may lie directly in applications/


class CheckResult:
    """The findings of a check, and how many folders and files it read."""

    def __init__(
        self, findings: list[Finding] | None = None, applications: int = 0, files: int = 0
    ) -> None:
        self.findings = [] if findings is None else findings
        self.applications = applications
        self.files = files
        # The förbund's public site, where each rule has an entry (regler/#<id>); "" unknown.
        self.site_url = ""

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
    """``path`` relative to the repository root, as findings name it."""
    absolute, base = Path(os.path.abspath(path)), Path(os.path.abspath(root))  # noqa: PTH100
    if absolute.is_relative_to(base):
        return absolute.relative_to(base).as_posix()  # lexical: no link is followed
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
            elif path.parent.name == REPORTS and path.suffix in REPORT_SUFFIXES:
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


def judges_every_application(path: Path, root: Path, config: Path) -> bool:
    """Whether ``path`` is the förbund's configuration or one of the schemas in schema/, which
    every application is judged by (lexically, like application_folders)."""
    absolute = os.path.abspath(path)  # noqa: PTH100
    if absolute == os.path.abspath(config):  # noqa: PTH100
        return True
    schemas = os.path.abspath(root / SCHEMA_DIR)  # noqa: PTH100
    return absolute == schemas or (
        os.path.dirname(absolute) == schemas and absolute.endswith(".json")  # noqa: PTH120
    )


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


def folder_verdict(folder: Path, root: Path, forbund: Forbund) -> FolderVerdict:
    """One folder's findings, the files it read and its grants, as the cache keeps them."""
    context, findings = inspect_application(folder, root, forbund)
    beslut = context.app.beslut
    return FolderVerdict(
        findings,
        len(context.app.present) + context.app.files,
        placed_grants(beslut.data, beslut.positions) if beslut is not None else None,
    )


# Below this many folders to check, a second process costs more than it saves.
PARALLEL_FROM = 32
_job: tuple[Path, Forbund, Cache] | None = None


class Fresh(NamedTuple):
    """A folder judged now, and the cache keys its verdict and grants may be kept under
    (None when the folder changed while it was judged)."""

    verdict: FolderVerdict
    key: str | None
    decision_key: str | None


def _fresh_verdict(folder: Path, rel: str, key: str | None) -> Fresh:
    assert _job is not None
    root, forbund, cache = _job
    decision_key = cache.decision_key(folder / BESLUT, f"{rel}/{BESLUT}")
    verdict = folder_verdict(folder, root, forbund)
    # Both keys were made before the folder was read: they hold only if it is still the same.
    if key is None or key != cache.folder_key(folder, rel):
        return Fresh(verdict, None, None)
    return Fresh(verdict, key, decision_key)


_jobs: list[tuple[Path, str, str | None]] = []


def _fresh_verdict_at(index: int) -> Fresh:
    return _fresh_verdict(*_jobs[index])


def fresh_verdicts(
    jobs: list[tuple[Path, str, str | None]], root: Path, forbund: Forbund, cache: Cache
) -> list[Fresh]:
    """Each folder's verdict (folder, path in the repository, cache key), in order. Many
    folders are shared among the processor's cores (finsam.cores)."""
    global _job
    _job = (root, forbund, cache)
    _jobs[:] = jobs
    if len(jobs) >= PARALLEL_FROM:
        cache.release()  # no database connection is shared with forked processes
    try:
        return forked_map(_fresh_verdict_at, len(jobs), PARALLEL_FROM)
    finally:
        _job = None
        _jobs.clear()


def check(
    paths: Sequence[Path],
    root: Path,
    forbund_path: Path | None = None,
    compare_with: str | None = None,
    use_cache: bool = True,
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
    cache = Cache(root, config, use_cache)
    forbund, findings = _forbund(config, config_rel, cache)
    result.files += 1
    if forbund is not None:
        result.site_url = forbund.site_url
    if forbund is None:
        result.findings = sorted(findings, key=Finding.sort_key)
        return result
    # A change to forbund.yml or a schema alone (a pre-commit run on that file) changes the
    # verdict on applications it does not name: a lower frame, a member removed. So every
    # application is judged against it, as the whole check does.
    if any(judges_every_application(path, root, config) for path in paths):
        paths = []
    checked_folders = application_folders(paths, root)
    if not paths:
        result.findings += stray_entries(root)
    rels = [relative(folder, root) for folder in checked_folders]
    keys = [cache.folder_key(f, rel) for f, rel in zip(checked_folders, rels, strict=True)]
    cache.prefetch(keys)
    found = [cache.verdict(key) for key in keys]
    jobs = [
        (folder, rel, key)
        for folder, rel, key, hit in zip(checked_folders, rels, keys, found, strict=True)
        if hit is None
    ]
    fresh = iter(fresh_verdicts(jobs, root, forbund, cache))
    decisions: list[tuple[str, Path, list[PlacedGrant]]] = []
    for folder, rel, verdict in zip(checked_folders, rels, found, strict=True):
        if verdict is None:
            judged = next(fresh)
            verdict = judged.verdict
            cache.store_verdict(judged.key, verdict)
            if verdict.grants is not None:
                cache.store_decision_totals(judged.decision_key, year_totals([verdict.grants]))
        result.findings.extend(verdict.findings)
        result.files += verdict.files
        result.applications += 1
        if verdict.grants is not None:
            decisions.append((f"{rel}/{BESLUT}", folder / BESLUT, verdict.grants))
    result.findings.extend(
        _decision_findings(
            paths, root, forbund, cache, set(checked_folders), decisions, compare_with
        )
    )
    cache.save()
    result.findings.sort(key=Finding.sort_key)
    return result


def _forbund(config: Path, rel: str, cache: Cache) -> tuple[Forbund | None, list[Finding]]:
    """The förbund's configuration: modelled from what an earlier run read of these very
    bytes, or read and validated now (and then kept when it is valid)."""
    data = cache.forbund_data()
    if data is not None:
        try:
            return forbund_from_data(data, rel), []
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # not what this code writes: read the file instead
    forbund, findings = load_forbund(config, rel)
    if forbund is not None:
        cache.store_forbund(forbund.raw)
    return forbund, findings


def _decision_findings(
    paths: Sequence[Path],
    root: Path,
    forbund: Forbund,
    cache: Cache,
    checked: set[Path],
    decisions: list[tuple[str, Path, list[PlacedGrant]]],
    compare_with: str | None,
) -> list[Finding]:
    """The history of the checked folders' decisions, and the yearly frame over them and every
    other folder's decisions."""
    # Both concern decisions: a check of other files only (such as a pre-commit run on a
    # changed budget) leaves them out.
    if paths and not any(p.is_dir() or p.name in (BESLUT, CONFIG_NAME) for p in paths):
        return []
    findings = []
    if compare_with:
        from finsam.rules.history import history_findings  # git only when decisions are checked

        findings += history_findings(
            root, compare_with, [(rel, path) for rel, path, _ in decisions]
        )
    # The yearly frame concerns every decision, also those in folders not checked now.
    others = _other_year_totals(root, checked, cache)
    findings += frame_findings(forbund, [(rel, grants) for rel, _, grants in decisions], others)
    return findings


def _other_year_totals(root: Path, checked: set[Path], cache: Cache) -> dict[int, int]:
    """What the decisions of the folders not checked grant per year: as an earlier run added
    up these very decisions, or from each decision's grants (cached, or read now)."""
    base = os.path.abspath(root / APPLICATIONS_DIR)  # noqa: PTH100
    checked_paths = {str(folder) for folder in checked}
    unchecked = [
        (f"{base}{os.sep}{name}{os.sep}{BESLUT}", f"{APPLICATIONS_DIR}/{name}/{BESLUT}")
        for name in insats_folder_names(base)[0]
        if f"{base}{os.sep}{name}" not in checked_paths
    ]
    contents = cache.decision_contents([path for path, _ in unchecked])
    # A decision without a digest is absent or unreadable: it grants nothing either way.
    sum_key = cache.sum_key([(rel, c) for (_, rel), c in zip(unchecked, contents, strict=True)])
    totals = cache.year_totals(sum_key)
    if totals is not None:
        return totals
    keys = [cache.decision_key_of(rel, c) for (_, rel), c in zip(unchecked, contents, strict=True)]
    cache.prefetch(keys)
    totals = {}
    for (path, rel), key in zip(unchecked, keys, strict=True):
        granted = cache.decision_totals(key)
        if granted is None:
            grants = read_grants(Path(path).parent, rel)
            granted = year_totals([grants] if grants is not None else [])
            if grants is not None and key == cache.decision_key(path, rel):
                cache.store_decision_totals(key, granted)
            elif grants is not None:
                sum_key = None  # changed while it was read: the sum is not kept
        for year, amount in granted.items():
            totals[year] = totals.get(year, 0) + amount
    cache.store_year_totals(sum_key, totals)
    return totals
