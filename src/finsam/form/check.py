"""The desk's check of the form's files, and the entry points that the page's Web Worker calls.

The files are written into a folder of their own beside a copy of forbund.yml, laid out as the
repository lays them out (forbund.yml, applications/<id>/), and judged by finsam.checker.check,
the very check of `finsam kontrollera`: the same rules, the same findings, the same JSON. No git
is asked (there is no earlier version to compare decisions with) and no verdict is cached.

Each finding also names the form's field it concerns, found from where the loader reads the
value the finding points at: the page links each finding to its field.

The entry points take and give JSON text (and the zip as bytes), so that the worker hands
plain strings across and the same calls can be tested here in CPython.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from finsam.checker import CheckResult, check
from finsam.errors import UsageError
from finsam.findings import Finding
from finsam.form.fields import (
    APPLICATION,
    DOCUMENT,
    FIELDS,
    FOLDER_ID,
    SKETCH,
    TEMPLATE,
    field_of,
    section_name,
    spec_key,
)
from finsam.form.files import folder_files, folder_id
from finsam.form.read import open_files, section_specs
from finsam.form.submission import folder_zip, pull_request_text
from finsam.loader.application import Ansokan, ApplicationFolder, Document, load_application
from finsam.loader.positions import DocPath, Pos, PositionMap
from finsam.model.forbund import CONFIG_NAME, Forbund, load_forbund
from finsam.reporters.json_reporter import report

PULL_REQUEST = "pull_request.md"  # the pull-request template, beside forbund.yml in the bundle
SKETCH_PULL_REQUEST = "pull_request_ideskiss.md"  # an idéskiss's, when the repository has one


@cache
def forbund_at(config: str) -> Forbund:
    """The förbund's configuration, read once per worker."""
    forbund, findings = load_forbund(Path(config))
    if forbund is None:
        raise UsageError("; ".join(f.message for f in findings) or f"{config} saknas.")
    return forbund


def check_files(
    files: Mapping[str, str], folder: str, config: Path
) -> tuple[CheckResult, list[str]]:
    """The desk's check of an insats folder holding ``files``, and for each finding the form
    name of its field ("" when it concerns no one field)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copyfile(config, root / CONFIG_NAME)
        target = root / "applications" / folder
        target.mkdir(parents=True)
        for name, text in files.items():
            (target / name).write_bytes(text.encode("utf-8"))
        result = check([target], root, root / CONFIG_NAME, compare_with=None, use_cache=False)
        app, _ = load_application(target, f"applications/{folder}", validated=False)
        forbund = forbund_at(str(config))
        fields = [field_of_finding(finding, app, forbund) for finding in result.findings]
    return result, fields


def field_of_finding(finding: Finding, app: ApplicationFolder, forbund: Forbund) -> str:
    """The form name of the field a finding points at, or of the group it lies in (a budget
    row, a document): "" when it is about nothing the form shows."""
    documents: tuple[tuple[str, Document | None], ...] = (
        (SKETCH, app.ideskiss),
        (APPLICATION, app.ansokan),
        ("budget", app.budget),
    )
    for document, doc in documents:
        if doc is None:
            continue
        if isinstance(doc, Ansokan) and finding.file == doc.text_rel:
            in_body = doc.text_rel != doc.rel or finding.line >= doc.body_line
            if in_body and finding.line > 0:
                return _section_at(document, doc, forbund, finding.line)
        if finding.file == doc.rel:
            if finding.line <= 0:
                return document
            return _name(document, _path_at(doc.positions, Pos(finding.line, finding.column)))
    return ""


def _section_at(document: str, doc: Ansokan, forbund: Forbund, line: int) -> str:
    keys = {spec.heading: spec.key for spec in section_specs(document, doc, forbund)}
    before = [s for s in doc.sections if s.line <= line]
    if not before:
        return document
    key = keys.get(before[-1].heading.strip())
    return section_name(document, key) if key is not None else document


def _path_at(positions: PositionMap, where: Pos) -> DocPath:
    """The path of the value (or key) at ``where``; else of the last one before it on its line,
    the first on its line, or the last before it in the file."""
    for table in (positions.values, positions.keys):
        for path, pos in table.items():
            if pos == where:
                return path
    same_line = sorted(
        (pos.column, path) for path, pos in positions.values.items() if pos.line == where.line
    )
    before = [path for column, path in same_line if column <= where.column]
    if before:
        return before[-1]
    if same_line:
        return same_line[0][1]
    earlier = [(pos, path) for path, pos in positions.values.items() if pos < where]
    return max(earlier, key=lambda item: item[0])[1] if earlier else ()


def _name(document: str, path: DocPath) -> str:
    """The form name for a path of the document: the field's own, else that of the deepest
    group the form shows (a list entry, a mapping), else the document's."""
    if path and path[0] == "id" and document != "budget":
        return FOLDER_ID
    if path and path[0] == "mall":
        return TEMPLATE if document == APPLICATION else document
    for end in range(len(path), 0, -1):
        name = ".".join((document, *map(str, path[:end])))
        if field_of(name) is not None:
            return name
        key = spec_key(name)
        if key is not None and any(k.startswith((f"{key}.", f"{key}[]")) for k in FIELDS):
            return name
    return document


# -- the worker's entry points -------------------------------------------------------------------


def _config(folder: str) -> Path:
    return Path(folder) / CONFIG_NAME


def check_json(values_json: str, folder: str) -> str:
    """The form's values (JSON) checked: {"mapp", "filer", "rapport" (as `finsam kontrollera
    --format json` gives it), "falt" (each finding's field)}. ``folder`` holds forbund.yml."""
    values = _values(values_json)
    config = _config(folder)
    forbund = forbund_at(str(config))
    files = folder_files(values, forbund)
    result, fields = check_files(files, folder_id(values), config)
    out = io.StringIO()
    report(result, out)
    return json.dumps(
        {
            "mapp": folder_id(values),
            "filer": files,
            "rapport": json.loads(out.getvalue()),
            "falt": fields,
        },
        ensure_ascii=False,
    )


def open_json(files_json: str, folder: str) -> str:
    """Files (JSON: name to base64 of the bytes) read into the form's values: {"varden",
    "fynd" (what kept a file from being read), "behalls" (facts the form keeps unseen)}."""
    raw = json.loads(files_json)
    files = {str(name): base64.b64decode(data) for name, data in raw.items()}
    opened = open_files(files, forbund_at(str(_config(folder))))
    return json.dumps(
        {
            "varden": opened.values,
            "fynd": [f.as_dict() for f in opened.findings],
            "behalls": opened.kept,
        },
        ensure_ascii=False,
    )


def zip_json(values_json: str, folder: str, draft: bool = False) -> bytes:
    """The folder's files for the form's values, as the zip applications/<id>/… (a ``draft``
    with every document the form holds, files.folder_files)."""
    values = _values(values_json)
    forbund = forbund_at(str(_config(folder)))
    return folder_zip(folder_files(values, forbund, draft), folder_id(values))


def pull_request_json(values_json: str, folder: str) -> str:
    """The pull request's text for the form's values, from the template in ``folder``."""
    values = _values(values_json)
    names = [SKETCH_PULL_REQUEST, PULL_REQUEST] if values.get(DOCUMENT) == SKETCH else []
    paths = [Path(folder) / name for name in [*names, PULL_REQUEST]]
    template = next((p.read_text("utf-8") for p in paths if p.is_file()), "")
    return pull_request_text(template, values, forbund_at(str(_config(folder))))


def _values(values_json: str) -> dict[str, str]:
    raw: Any = json.loads(values_json)
    if not isinstance(raw, dict):
        return {}
    return {str(k): v for k, v in raw.items() if isinstance(v, str)}
