"""An insats folder's files read back into the form's values, by the desk's own loader: an
applicant opens the files the form once saved (or any application in the repository) and goes
on writing. What the form has no field for (a tidplan, a budget row's belopp_totalt, a heading
the mall does not have) is kept as it is and written back unchanged (files.py)."""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from finsam.findings import Finding, Severity
from finsam.form.fields import (
    APPLICATION,
    DOCUMENT,
    FIELDS,
    FOLDER_ID,
    KEPT,
    SECTIONS,
    SKETCH,
    TEMPLATE,
    YES,
    field_of,
    section_name,
    spec_key,
    template_value,
)
from finsam.limits import MAX_FILE_BYTES
from finsam.loader.application import (
    ANSOKAN,
    BUDGET,
    DOCUMENT_FILES,
    IDESKISS,
    Ansokan,
    Document,
    load_application,
)
from finsam.loader.markdown_doc import Section
from finsam.model.forbund import Forbund, SectionSpec
from finsam.rules.application import ID_PATTERN

MAX_FILES = 20  # files taken from one zip: an insats folder holds a handful
_ZIP_PATH = re.compile(r"(?:.*/)?(?:applications/)?(?:([a-z0-9]+(?:-[a-z0-9]+)*)/)?([^/]+)\Z")


class Opened(NamedTuple):
    """What the files gave: the form's values, the loader's findings (a file it could not read
    at all), and the facts the form has no field for but keeps."""

    values: dict[str, str]
    findings: list[Finding]
    kept: list[str]  # each as a path in its file: "ansokan.md: tidplan"


def unpacked(files: Mapping[str, bytes]) -> tuple[dict[str, bytes], str]:
    """The folder's documents among the given files, also from inside a zip (as the form's
    own zip holds them, applications/<id>/...), and the folder's id when a path names it."""
    found: dict[str, bytes] = {}
    folder = ""
    for name, data in files.items():
        if name.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for info in archive.infolist()[: MAX_FILES * 5]:
                        match = _ZIP_PATH.match(info.filename)
                        if info.is_dir() or match is None or match[2] not in DOCUMENT_FILES:
                            continue
                        if info.file_size > MAX_FILE_BYTES:
                            continue  # the loader would refuse it: an insats file is small
                        found[match[2]] = archive.read(info)[: MAX_FILE_BYTES + 1]
                        folder = match[1] or folder
            except (zipfile.BadZipFile, OSError, ValueError):
                continue
        elif name.rsplit("/", 1)[-1] in DOCUMENT_FILES:
            found[name.rsplit("/", 1)[-1]] = data
    return found, folder


def open_files(files: Mapping[str, bytes], forbund: Forbund) -> Opened:
    """The form's values for the given files (ansokan.md, budget.yaml, ideskiss.md, a zip of
    the folder), read by the desk's loader."""
    documents, folder = unpacked(files)
    with tempfile.TemporaryDirectory() as tmp:
        name = folder if ID_PATTERN.match(folder or "-") else "ny-insats"
        path = Path(tmp) / "applications" / name
        path.mkdir(parents=True)
        for file_name, data in documents.items():
            (path / file_name).write_bytes(data)
        app, findings = load_application(path, f"applications/{name}", validated=False)
    values: dict[str, str] = {}
    kept: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for document, doc in ((SKETCH, app.ideskiss), (APPLICATION, app.ansokan)):
        if doc is None or not isinstance(doc.data, dict):
            continue
        values[DOCUMENT] = document
        _facts(document, doc, values, kept, notes)
        _document_sections(document, doc, forbund, values, kept, notes)
        given = doc.data.get("id")
        if isinstance(given, str) and given:
            values[FOLDER_ID] = given
    if app.budget is not None and isinstance(app.budget.data, dict):
        _facts("budget", app.budget, values, kept, notes)
    if folder and FOLDER_ID not in values:
        values[FOLDER_ID] = folder
    if kept:
        values[KEPT] = json.dumps(kept, ensure_ascii=False)
    return Opened(values, [f for f in findings if f.severity is Severity.FEL], notes)


def _file_name(document: str) -> str:
    return {SKETCH: IDESKISS, APPLICATION: ANSOKAN}.get(document, BUDGET)


def _facts(
    document: str,
    doc: Document,
    values: dict[str, str],
    kept: dict[str, dict[str, Any]],
    notes: list[str],
) -> None:
    for key, value in doc.data.items():
        if key in ("id", "mall") and document != "budget":
            if key == "mall" and isinstance(value, dict) and document == APPLICATION:
                values[TEMPLATE] = template_value(str(value.get("id")), str(value.get("version")))
            continue
        _walk(document, (key,), value, values, kept, notes, None)


def _covered(document: str, path: tuple[str | int, ...]) -> bool:
    """Whether the form has a field at or below this path of the document."""
    key = spec_key(".".join((document, *map(str, path))))
    if key is None:
        return False
    return any(k == key or k.startswith((f"{key}.", f"{key}[]")) for k in FIELDS)


def _text(value: Any) -> str | None:
    """A leaf value as the page's control shows it; None for one it cannot show."""
    if value is True:
        return YES
    if isinstance(value, bool) or value is None:
        return None if value is None else "false"
    if isinstance(value, float):
        return str(getattr(value, "written", value))
    if isinstance(value, int | str):
        return str(value)
    return None


def _walk(
    document: str,
    path: tuple[str | int, ...],
    value: Any,
    values: dict[str, str],
    kept: dict[str, dict[str, Any]],
    notes: list[str],
    row: tuple[str | int, ...] | None,
) -> None:
    """Each value at ``path`` into its field, or kept: with its list entry when the form shows
    the entry (a budget row), else with the document."""
    if not _covered(document, path):
        _keep(document, path, value, values, kept, notes, row)
        return
    if isinstance(value, dict):
        for key, sub in value.items():
            _walk(document, (*path, str(key)), sub, values, kept, notes, row)
        return
    if isinstance(value, list):
        for index, entry in enumerate(value):
            _walk(document, (*path, index), entry, values, kept, notes, (*path, index))
        return
    name = ".".join((document, *map(str, path)))
    text = _text(value)
    if field_of(name) is None or text is None:
        _keep(document, path, value, values, kept, notes, row)
    elif text != "false":
        values[name] = text


def _keep(
    document: str,
    path: tuple[str | int, ...],
    value: Any,
    values: dict[str, str],
    kept: dict[str, dict[str, Any]],
    notes: list[str],
    row: tuple[str | int, ...] | None,
) -> None:
    if value is None:
        return
    notes.append(f"{_file_name(document)}: {_shown(path)}")
    if row is not None:
        name = ".".join((document, *map(str, row), KEPT))
        entry = json.loads(values.get(name, "{}"))
        _put(entry, path[len(row) :], value)
        values[name] = json.dumps(entry, ensure_ascii=False)
        return
    _put(kept.setdefault(document, {}).setdefault("uppgifter", {}), path, value)


def _put(target: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        target = target.setdefault(str(part), {})
    target[str(path[-1])] = value


def _shown(path: tuple[str | int, ...]) -> str:
    """A path as the Fältguide writes it, with the entry's number: rader[2].belopp_totalt."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _document_sections(
    document: str,
    doc: Ansokan,
    forbund: Forbund,
    values: dict[str, str],
    kept: dict[str, dict[str, Any]],
    notes: list[str],
) -> None:
    specs = section_specs(document, doc, forbund)
    by_heading = {spec.heading: spec for spec in specs}
    extra = []
    for section in doc.sections:
        spec = by_heading.get(section.heading.strip())
        if spec is None:
            extra.append([section.heading.strip(), _section_text(section)])
            notes.append(f"{_file_name(document)}: ## {section.heading.strip()}")
        elif spec.fixed_text is None:
            values[section_name(document, spec.key)] = _section_text(section)
    if extra:
        kept.setdefault(document, {})[SECTIONS] = extra


def section_specs(document: str, doc: Ansokan, forbund: Forbund) -> tuple[SectionSpec, ...]:
    """The headings a text document is written under: its mall's, or the idéskiss questions."""
    if document == SKETCH:
        return forbund.sketch.sections if forbund.sketch is not None else ()
    mall = doc.data.get("mall")
    if isinstance(mall, dict):
        template = forbund.template(str(mall.get("id")), mall.get("version"))
        if template is not None:
            return template.sections
    return ()


def _section_text(section: Section) -> str:
    return section.text.strip("\n").rstrip()
