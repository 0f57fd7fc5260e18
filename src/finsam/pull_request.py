"""The verdict on a pull request, computed by the base branch's code from git objects.

Nothing here executes or imports anything from the pull request: its files are read as blobs
from git (so a symbolic link is seen as a link and a device cannot exist), every size is asked
before any content is read, and every rule is taken from the base branch's forbund.yml and
application files.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from finsam import git
from finsam.checker import CheckResult
from finsam.errors import UsageError
from finsam.findings import Finding
from finsam.limits import MAX_FILE_BYTES, MAX_SCAN_BYTES
from finsam.loader.application import IDESKISS, IDESKISS_FACTS
from finsam.loader.text import decode
from finsam.model.application import Application, read_application
from finsam.model.forbund import CONFIG_NAME, Forbund, parse_forbund
from finsam.rules.privacy import personnummer_findings_in_file, personnummer_findings_in_messages
from finsam.rules.review import TOO_LARGE_TO_SCAN, not_a_file, review
from finsam.semantic_diff import (
    REVISION_FILES,
    parse_revision,
    read_revision,
    stale_signature_findings,
    text_document_of,
)

_FOLDER = re.compile(r"applications/([^/]+)/")
_SYMLINK, _SUBMODULE = "120000", "160000"


class BaseBranch:
    """What the base branch says: the förbund's configuration and the existing insatser."""

    def __init__(self, root: Path, ref: str) -> None:
        self.root = root
        self.ref = git.resolve(root, ref)
        self.forbund = self._forbund()

    def _forbund(self) -> Forbund:
        raw = git.show(self.root, self.ref, CONFIG_NAME)
        if raw is None:
            raise UsageError(f"{CONFIG_NAME} finns inte på basgrenen.")
        label = f"basgrenen:{CONFIG_NAME}"
        content, findings = decode(raw, label)
        forbund, more = parse_forbund(content, label) if content is not None else (None, [])
        if forbund is None:
            raise UsageError(
                f"{CONFIG_NAME} på basgrenen går inte att läsa ({len(findings + more)} fel); "
                "kansliet behöver rätta den först."
            )
        return forbund

    def insats(self, folder_id: str) -> Application | None:
        """The insats as the base branch has it; None if its parties cannot be read. A folder
        that holds only an idéskiss so far belongs to the idéskiss's parties, so that they may
        add their application to it."""
        folder = f"applications/{folder_id}"
        front = read_revision(self.root, self.ref, folder).front or self._sketch(folder)
        if not front:
            return None
        application = read_application(front, [], folder_id)
        return application if application.parties else None

    def _sketch(self, folder: str) -> dict[str, Any]:
        """The facts of the folder's idéskiss on the base branch, in either layout."""
        files = {
            n: git.show(self.root, self.ref, f"{folder}/{n}") for n in (IDESKISS, IDESKISS_FACTS)
        }
        sketch = text_document_of(files, IDESKISS, "ideskiss")
        return sketch.data if sketch is not None and isinstance(sketch.data, dict) else {}

    def existing(self, folder_ids: set[str]) -> dict[str, Application | None]:
        return {
            folder_id: self.insats(folder_id)
            for folder_id in sorted(folder_ids)
            if git.tree_has(self.root, self.ref, f"applications/{folder_id}")
        }


def _content_findings(root: Path, changes: list[git.Change]) -> list[Finding]:
    """R005, R006 and personnummer in each added or changed file and its name."""
    findings: list[Finding] = []
    present = [change for change in changes if not change.deleted]
    sizes = git.blob_sizes(root, [c.blob for c in present if c.mode not in (_SUBMODULE,)])
    for change in present:
        if change.mode == _SYMLINK:
            findings.append(not_a_file(change.path, "symlink"))
            continue
        if change.mode == _SUBMODULE:
            findings.append(not_a_file(change.path, "submodule"))
            continue
        size = sizes.get(change.blob, 0)
        if size > MAX_SCAN_BYTES:
            findings.append(
                TOO_LARGE_TO_SCAN.finding(
                    change.path,
                    0,
                    0,
                    f"Filen är {size // (1024 * 1024)} MiB och kan inte granskas.",
                    "Lämna bara in ansökan, budget och rapporter. Stora bilagor skickas till "
                    "kansliet på annat sätt.",
                )
            )
            findings += personnummer_findings_in_file(change.path, b"")  # the name
            continue
        data = git.read_blob(root, change.blob) or b""
        findings += personnummer_findings_in_file(change.path, data)
    return findings


def _head_file(
    root: Path, head: str, path: str, changed: dict[str, git.Change], sizes: dict[str, int]
) -> tuple[bool, bytes | None]:
    """(readable, content) of ``path`` at the head: a file the pull request leaves alone is
    read from git, a changed one only when it is a regular file of a size the loader accepts."""
    change = changed.get(path)
    if change is None:
        return True, git.show(root, head, path)
    if change.deleted:
        return True, None
    if change.mode in (_SYMLINK, _SUBMODULE) or sizes.get(change.blob, MAX_FILE_BYTES + 1) > (
        MAX_FILE_BYTES
    ):
        return False, None  # R005, R006 or the loader's own finding says why
    return True, git.read_blob(root, change.blob)


def _stale_signatures(
    root: Path, branch: BaseBranch, head: str, changes: list[git.Change]
) -> list[Finding]:
    """R008 for each insats on the base branch whose application or budget the pull request
    changes without new signatures from the parties."""
    changed = {change.path: change for change in changes}
    sizes = git.blob_sizes(
        root,
        [c.blob for c in changes if not c.deleted and c.mode not in (_SYMLINK, _SUBMODULE)],
    )
    findings: list[Finding] = []
    for folder_id in sorted({m.group(1) for path in changed if (m := _FOLDER.match(path))}):
        folder = f"applications/{folder_id}"
        names = {name: f"{folder}/{name}" for name in REVISION_FILES}
        if not any(path in changed for path in names.values()):
            continue
        heads = {name: _head_file(root, head, path, changed, sizes) for name, path in names.items()}
        if not all(readable for readable, _ in heads.values()):
            continue
        before = read_revision(root, branch.ref, folder)
        after = parse_revision(head, {name: raw for name, (_, raw) in heads.items()})
        findings += stale_signature_findings(before, after, folder, branch.forbund)
    return findings


def verdict(root: Path, base: str, head: str, author: str) -> CheckResult:
    """Everything the base branch says about the pull request from ``base`` to ``head``."""
    branch = BaseBranch(root, base)
    changes = git.changes(root, branch.ref, head)
    paths = [change.path for change in changes]
    folders = {m.group(1) for path in paths if (m := _FOLDER.match(path))}
    result = CheckResult(files=len(paths))
    result.findings += review(paths, author, branch.forbund, branch.existing(folders))
    result.findings += _content_findings(root, changes)
    result.findings += _stale_signatures(root, branch, head, changes)
    log = git.commit_log(root, branch.ref, head)
    if log.strip():
        result.findings += personnummer_findings_in_messages(log, "commit-meddelanden")
    result.findings.sort(key=Finding.sort_key)
    return result
