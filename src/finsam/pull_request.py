"""The verdict on a pull request, computed by the base branch's code from git objects.

Nothing here executes or imports anything from the pull request: its files are read as blobs
from git (so a symbolic link is seen as a link and a device cannot exist), every size is asked
before any content is read, and every rule is taken from the base branch's forbund.yml and
ansokan.md files.
"""

from __future__ import annotations

import re
from pathlib import Path

from finsam import git
from finsam.checker import CheckResult
from finsam.errors import UsageError
from finsam.findings import Finding
from finsam.limits import MAX_FILE_BYTES, MAX_SCAN_BYTES
from finsam.loader.markdown_doc import split_front_matter
from finsam.loader.text import decode
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.application import Application, read_application
from finsam.model.forbund import CONFIG_NAME, Forbund, parse_forbund
from finsam.rules.privacy import personnummer_findings_in_file, personnummer_findings_in_messages
from finsam.rules.review import TOO_LARGE_TO_SCAN, not_a_file, review
from finsam.semantic_diff import parse_revision, stale_signature_findings

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
        """The insats as the base branch has it; None if its parties cannot be read."""
        raw = git.show(self.root, self.ref, f"applications/{folder_id}/ansokan.md")
        if raw is None:
            return None
        content, _ = decode(raw, "ansokan.md")
        if content is None:
            return None
        front, _ = split_front_matter(content, "ansokan.md")
        if front is None:
            return None
        doc, _ = parse_yaml(front.yaml_text, "ansokan.md")
        if doc is None:
            return None
        application = read_application(doc.data, [], folder_id)
        return application if application.parties else None

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
        names = (f"{folder}/ansokan.md", f"{folder}/budget.yaml")
        if not any(name in changed for name in names):
            continue
        heads = [_head_file(root, head, name, changed, sizes) for name in names]
        if not all(readable for readable, _ in heads):
            continue
        before = parse_revision(branch.ref, *(git.show(root, branch.ref, name) for name in names))
        after = parse_revision(head, heads[0][1], heads[1][1])
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
