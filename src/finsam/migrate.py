"""`finsam migrera`: bring insats folders written in the older layout to the current one.

A text document (the idéskiss, the application, a report) whose facts stand as front matter
at the top of its Markdown file gets them moved, as they stood (comments, order and line
endings kept, nothing dumped anew), to the YAML file beside it, whose first line then names
the mall's schema on the förbund's site; the Markdown file keeps only its text. A YAML file
whose modeline names its schema by a relative path (as older templates wrote it) gets the
published address instead. The loader reads both layouts alike, so the check finds the same
after as before; only positions move from the .md to the .yaml file.

Nothing is ever overwritten that the move did not read: a facts file that already exists is
left alone (rule Y014 then holds), and links and devices are neither read nor written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from finsam.checker import application_folders, relative
from finsam.document_files import (
    lines_with_endings,
    migrated_document_files,
    modeline_schema,
    with_modeline,
)
from finsam.editor_schemas import SKETCH, schema_url
from finsam.loader.application import (
    ANSOKAN,
    BEREDNING,
    BESLUT,
    BUDGET,
    IDESKISS,
    REPORTS,
    load_application,
)
from finsam.loader.markdown_doc import facts_name, has_front_matter, split_front_matter
from finsam.loader.text import kind_of, normalize_text, read_bytes
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.forbund import Forbund, Template

# The YAML files of a folder other than a text document's facts, and the schema each follows.
_YAML_KINDS = {BUDGET: "budget", BEREDNING: "beredning", BESLUT: "beslut"}
_TEXT_KINDS = {IDESKISS: SKETCH, ANSOKAN: "ansokan"}


class Change(NamedTuple):
    """One file or text document to bring up to date: what to say, and what to write (file
    name relative to the folder → its new text)."""

    rel: str  # the file read, relative to the repository root
    message: str  # what is done, in Swedish, completing "Flyttade …" or "Skulle flytta …"
    files: dict[str, str]
    created: str = ""  # the file among ``files`` that is new (never to be overwritten)


class Skipped(NamedTuple):
    """A document left as it was because of something the user must fix first."""

    rel: str
    reason: str  # in Swedish: why, and what to do


class FolderPlan:
    """What migration would do to one insats folder."""

    def __init__(self, folder: Path, rel: str) -> None:
        self.folder = folder
        self.rel = rel
        self.changes: list[Change] = []
        self.skipped: list[Skipped] = []
        self.notes: list[tuple[str, str]] = []  # (file, something to know), in Swedish


def selected(paths: Sequence[Path], root: Path) -> dict[Path, set[str] | None]:
    """The insats folders that the paths point at (every folder under applications/ when none
    is given), each with the files in it that were named (None: the whole folder)."""
    if not paths:
        return dict.fromkeys(application_folders([], root))
    chosen: dict[Path, set[str] | None] = {}
    for path in paths:
        absolute = Path(os.path.abspath(path))  # noqa: PTH100 - lexical: no link is followed
        for found in application_folders([path], root):
            folder = Path(os.path.abspath(found))  # noqa: PTH100
            if absolute == folder or not absolute.is_relative_to(folder):
                chosen[folder] = None
                continue
            names = chosen.setdefault(folder, set())
            if names is not None:
                names.add(absolute.relative_to(folder).as_posix())
    return dict(sorted(chosen.items()))


def _wanted(only: set[str] | None, *names: str) -> bool:
    """Whether a file was named (its folder, its rapporter/ folder or the file itself)."""
    if only is None or any(name in only for name in names):
        return True
    return REPORTS in only and names[0].startswith(f"{REPORTS}/")


def _file_kind(path: Path) -> int:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


def _refused(rel: str, mode: int, what: str = "filen") -> Skipped:
    kind = kind_of(mode) or "inte en vanlig fil"
    return Skipped(
        rel,
        f"{what} är {kind} och varken läses eller skrivs. Lägg in {what} själv i stället, "
        "och kör sedan finsam migrera igen.",
    )


def _read(path: Path, rel: str) -> tuple[str | None, bool, Skipped | None]:
    """A file's text as it stands (line endings and Unicode forms untouched, a byte-order mark
    set aside), and whether it had one; or why it cannot be read."""
    raw, findings = read_bytes(path, rel)
    if raw is None:
        reason = findings[0].message if findings else "filen kunde inte läsas."
        return None, False, Skipped(rel, reason[0].lower() + reason[1:])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, False, Skipped(rel, "filen är inte giltig UTF-8. Spara den som UTF-8 först.")
    return text.removeprefix("\ufeff"), text.startswith("\ufeff"), None


def _template(data: Any, forbund: Forbund) -> tuple[Template | None, str]:
    """The mall that facts name, or None and how it was named (for the message)."""
    mall = data.get("mall") if isinstance(data, dict) else None
    if not isinstance(mall, dict) or not isinstance(mall.get("id"), str):
        return None, ""
    named = f"{mall['id']} {mall.get('version')}"
    return forbund.template(mall["id"], mall.get("version")), named


def _unknown_mall(named: str, old: str | None) -> str:
    which = f"Mallen {named} finns inte i forbund.yml" if named else "Ingen mall anges"
    kept = (
        "den gamla schemaraden står kvar"
        if old is not None
        else "filen fick ingen schemarad för editorn"
    )
    return (
        f"{which}, så {kept}. Rätta mallen i ansökan och kör finsam migrera igen, så får filen "
        "mallens schemarad."
    )


class _Folder:
    """One folder being planned: its förbund, the mall its application names, its plan."""

    def __init__(self, plan: FolderPlan, forbund: Forbund) -> None:
        self.plan = plan
        self.forbund = forbund
        app, _ = load_application(plan.folder, plan.rel, validated=False)
        data = app.ansokan.data if app.ansokan is not None else None
        self.template, self.named = _template(data, forbund)

    def file(self, name: str) -> str:
        return f"{self.plan.rel}/{name}" if self.plan.rel else name

    def schema(self, kind: str, template: Template | None) -> str | None:
        """The published address of the schema for ``kind``; None when the mall is unknown."""
        if kind == SKETCH:
            return schema_url(self.forbund, None, SKETCH)
        return schema_url(self.forbund, template, kind) if template is not None else None

    def text_document(self, name: str, kind: str) -> None:
        """Move a text document's front matter to its facts file, when it has front matter."""
        path, rel = self.plan.folder / name, self.file(name)
        mode = _file_kind(path)
        if not mode:
            return
        if not stat.S_ISREG(mode):
            self.plan.skipped.append(_refused(rel, mode))
            return
        text, _, problem = _read(path, rel)
        if problem is not None or text is None:
            self.plan.skipped.append(problem or Skipped(rel, "filen kunde inte läsas."))
            return
        normal = normalize_text(text)
        if not has_front_matter(normal):
            return  # already the current layout (or no facts at all: the check says so)
        facts, facts_rel = facts_name(name), self.file(facts_name(name))
        front, _ = split_front_matter(normal, rel)
        if os.path.lexists(self.plan.folder / facts):
            if front is not None:
                self.plan.skipped.append(_facts_twice(rel, name, facts))
            return  # a lone --- first in the text is the text's own rule
        if front is None:
            self.plan.skipped.append(
                Skipped(
                    rel,
                    "raden med --- efter uppgifterna saknas, så det går inte att se var de "
                    "slutar. Lägg till den och kör finsam migrera igen.",
                )
            )
            return
        doc, _ = parse_yaml(front.yaml_text, rel, line_offset=front.yaml_line - 1)
        if doc is None:
            self.plan.skipped.append(
                Skipped(
                    rel,
                    "uppgifterna mellan raderna med --- går inte att läsa. Rätta dem först "
                    f"(finsam kontrollera {self.plan.rel} visar var) och kör sedan finsam "
                    "migrera igen.",
                )
            )
            return
        # The lines as they stand in the file: the loader's split, counted in the same lines.
        lines = lines_with_endings(text)
        closing = front.body_line - 2
        yaml_text, body = "".join(lines[1:closing]), "".join(lines[closing + 1 :])
        template = self.template
        if kind == "ansokan":
            template, named = _template(doc.data, self.forbund)
        else:
            named = self.named
        ref = self.schema(kind, template)
        if ref is not None:
            yaml_text = with_modeline(yaml_text, ref)
        else:
            self.plan.notes.append(
                (self.file(facts), _unknown_mall(named, modeline_schema(yaml_text)))
            )
        self.plan.changes.append(
            Change(
                rel,
                f"uppgifterna i {rel} till {facts_rel}",
                migrated_document_files(name, yaml_text, body),
                created=facts,
            )
        )

    def yaml_file(self, name: str, kind: str, template: Template | None) -> None:
        """Give a YAML file with a relative modeline the schema's published address."""
        path, rel = self.plan.folder / name, self.file(name)
        mode = _file_kind(path)
        if not stat.S_ISREG(mode):
            return  # absent; a link or device the check reports, and nothing here writes
        text, bom, problem = _read(path, rel)
        if problem is not None or text is None:
            return  # the check reports it; nothing to change that cannot be read
        old = modeline_schema(text)
        if old is None or "://" in old:
            return
        ref = self.schema(kind, template)
        if ref is None:
            self.plan.notes.append((rel, _unknown_mall(self.named, old)))
            return
        new = ("\ufeff" if bom else "") + with_modeline(text, ref)
        self.plan.changes.append(
            Change(rel, f"schemaraden i {rel} till mallens adress på webbplatsen", {name: new})
        )


def _facts_twice(rel: str, name: str, facts: str) -> Skipped:
    return Skipped(
        rel,
        f"{facts} finns redan, och {name} börjar också med uppgifter mellan två rader med ---. "
        f"Inget skrevs över. Flytta det som saknas till {facts}, ta bort blocket med --- överst "
        f"i {name} och kontrollera (regel Y014).",
    )


def plan_folder(
    folder: Path, root: Path, forbund: Forbund, only: set[str] | None = None
) -> FolderPlan:
    """What migration would do to one insats folder (only to the files named in ``only``)."""
    plan = FolderPlan(folder, relative(folder, root))
    mode = _file_kind(folder)
    if not stat.S_ISDIR(mode):
        if mode:
            plan.skipped.append(_refused(plan.rel, mode, "mappen"))
        return plan
    work = _Folder(plan, forbund)
    for name, kind in _TEXT_KINDS.items():
        if _wanted(only, name, facts_name(name)):
            work.text_document(name, kind)
    reports = folder / REPORTS
    report_mode = _file_kind(reports)
    report_names: list[str] = []
    if stat.S_ISDIR(report_mode):
        report_names = sorted(entry.name for entry in os.scandir(reports))
    for entry in report_names:
        name = f"{REPORTS}/{entry}"
        if entry.endswith(".md") and _wanted(only, name, facts_name(name)):
            work.text_document(name, "rapport")
    # YAML files with a relative modeline: the facts files (also those just planned, which
    # already have theirs) and the budget, beredning and decision.
    planned = {c.created for c in plan.changes}
    for name, kind in _TEXT_KINDS.items():
        facts = facts_name(name)
        if facts not in planned and _wanted(only, name, facts):
            work.yaml_file(facts, kind, work.template)
    for entry in report_names:
        name = f"{REPORTS}/{entry}"
        if entry.endswith(".yaml") and name not in planned and _wanted(only, name):
            work.yaml_file(name, "rapport", work.template)
    for name, kind in _YAML_KINDS.items():
        if _wanted(only, name):
            work.yaml_file(name, kind, work.template)
    return plan


def _write_new(path: Path, text: str) -> None:
    """Create a file that must not exist yet (not even as a link)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))


def _replace(path: Path, text: str) -> None:
    """Replace a regular file's text in one step (a link in its place is replaced, never
    followed), keeping its permissions."""
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".migrera")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        temporary.chmod(mode)
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def apply(plan: FolderPlan, change: Change) -> Skipped | None:
    """Write one change; None when it is done, else why not (nothing is then left half
    done: a facts file created for a text that could not be rewritten is removed again)."""
    created: Path | None = None
    try:
        if change.created:
            _write_new(plan.folder / change.created, change.files[change.created])
            created = plan.folder / change.created
        for name, text in change.files.items():
            if name != change.created:
                _replace(plan.folder / name, text)
    except OSError as exc:
        if created is not None:
            created.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        return Skipped(
            change.rel,
            f"filerna kunde inte skrivas (operativsystemet svarade: {reason}), så inget "
            "ändrades. Se efter att mappen går att skriva i och kör finsam migrera igen.",
        )
    return None
