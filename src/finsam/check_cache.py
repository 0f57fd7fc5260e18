"""A cache of each insats folder's verdict, keyed by everything the verdict depends on.

A folder's findings depend only on the folder's own files, the förbund's configuration, the
folder's place in the repository and the code that judges them. The key is a SHA-256 over
exactly that: the code (every file of the finsam package and the schemas, the Python version
and the installed distributions), the bytes of forbund.yml, the folder's relative path, and the
folder's whole tree (every name, every kind of entry, every link target and the bytes of every
regular file). A changed byte anywhere gives another key, so an entry can be missing but never
stale. A folder whose tree is too large to hash cheaply, or that changes while it is checked,
is simply not cached.

The history of decisions (L103) and the yearly frame (F001) span folders and git, and are
judged anew on every run; what the frame needs of each decision (the amounts granted per year
and where they are written) is cached beside the findings.

The cache lives outside the repository (``$FINSAM_CACHE_DIR``, else ``$XDG_CACHE_HOME/finsam``,
else ``~/.cache/finsam``), so a pull request cannot bring entries of its own. ``FINSAM_CACHE=0``
or ``kontrollera --utan-cache`` turns it off. A file that cannot be read or parsed is treated
as an empty cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from finsam.findings import Finding, Severity
from finsam.limits import MAX_FILE_BYTES
from finsam.model.decision import PlacedGrant

FORMAT = 1
MAX_ENTRIES = 4_000  # folders hashed per insats folder; beyond it the folder is not cached
MAX_DEPTH = 4
KEEP = 20_000  # entries kept in the file; the oldest beyond it are dropped


@dataclass(frozen=True)
class FolderVerdict:
    """What one insats folder's check gives: its findings, how many files it read, and the
    grants of its beslut.yaml (None when the folder has no readable beslut.yaml)."""

    findings: list[Finding]
    files: int
    grants: list[PlacedGrant] | None


def enabled() -> bool:
    return os.environ.get("FINSAM_CACHE", "1") != "0"


def cache_dir() -> Path:
    chosen = os.environ.get("FINSAM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "finsam"


@cache
def code_fingerprint() -> str:
    """A digest of everything that judges: finsam's own files, the schemas, Python itself and
    the names (with versions) of the installed distributions."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{sys.executable}\0".encode())
    package = Path(__file__).resolve().parent
    sources = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json"))
    schema_root = package.parents[1] / "schema"
    if schema_root.is_dir():
        sources += sorted(schema_root.glob("*.json"))
    for path in sources:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for key in ("purelib", "platlib"):
        try:
            found = Path(sysconfig.get_paths()[key]).iterdir()
            names = sorted(p.name for p in found if p.name.endswith((".dist-info", ".pth")))
        except OSError:
            names = []
        digest.update(("\0".join(names) + "\0").encode())
    return digest.hexdigest()


def _tree(folder: str, digest: Any, depth: int, budget: list[int]) -> bool:
    """Feed a folder's tree into ``digest``; False when it is too large or cannot be read."""
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except OSError:
        return False
    budget[0] -= len(entries)
    if budget[0] < 0:
        return False
    for entry in entries:
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            return False
        digest.update(f"{entry.name}\0{stat.S_IFMT(mode)}\0".encode())
        if stat.S_ISDIR(mode):
            if depth >= MAX_DEPTH or not _tree(entry.path, digest, depth + 1, budget):
                return False
            digest.update(b"\1")
        elif stat.S_ISLNK(mode):
            try:
                digest.update(os.fsencode(os.readlink(entry.path)))  # noqa: PTH115
            except OSError:
                return False
        elif stat.S_ISREG(mode):
            content = _regular_bytes(entry.path)
            if content is None:
                return False
            digest.update(len(content).to_bytes(8, "big") + content)
        digest.update(b"\0")
    return True


def _regular_bytes(path: str) -> bytes | None:
    """A regular file's bytes, as the loader reads them: no link followed, never blocking,
    nothing over MAX_FILE_BYTES (None then, and for anything that is not a regular file)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            return None
        content = os.read(fd, MAX_FILE_BYTES + 1)
        # One read returns a whole regular file of this size on every platform that matters;
        # a short read (the file grew) makes the folder uncacheable rather than wrong.
        if len(content) != info.st_size:
            return None
    except OSError:
        return None
    finally:
        os.close(fd)
    return content


def file_digest(path: Path) -> str | None:
    content = _regular_bytes(str(path))
    return hashlib.sha256(content).hexdigest() if content is not None else None


class Cache:
    """The entries of one repository's cache file, read once and written back once."""

    def __init__(self, root: Path, forbund: Path, use: bool = True) -> None:
        forbund_digest = file_digest(forbund) if use and enabled() else None
        self.use = forbund_digest is not None
        self.path = cache_dir() / (
            hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:32] + ".json"
        )
        self.context = ""
        self.entries: dict[str, Any] = {}
        self.used: set[str] = set()
        self.changed = False
        if self.use:
            self.context = hashlib.sha256(
                f"{code_fingerprint()}\0{forbund_digest}".encode()
            ).hexdigest()
            self.entries = _read(self.path)

    def folder_key(self, folder: Path, rel: str) -> str | None:
        """The key of a folder's verdict, or None when the folder is not to be cached."""
        if not self.use:
            return None
        digest = hashlib.sha256(f"mapp\0{self.context}\0{rel}\0".encode())
        return digest.hexdigest() if _tree(str(folder), digest, 0, [MAX_ENTRIES]) else None

    def decision_key(self, path: Path, rel: str) -> str | None:
        if not self.use:
            return None
        content = file_digest(path)
        if content is None:
            return None
        return hashlib.sha256(f"beslut\0{self.context}\0{rel}\0{content}".encode()).hexdigest()

    def verdict(self, key: str | None) -> FolderVerdict | None:
        if key is None or key not in self.entries:
            return None
        verdict = _verdict(self.entries[key])
        if verdict is not None:
            self.used.add(key)
        return verdict

    def grants(self, key: str | None) -> list[PlacedGrant] | None:
        if key is None or key not in self.entries:
            return None
        grants = _grants(self.entries[key])
        if grants is not None:
            self.used.add(key)
        return grants

    def store_verdict(self, key: str | None, verdict: FolderVerdict) -> None:
        if key is None:
            return
        self.entries[key] = {
            "fynd": [_finding_row(f) for f in verdict.findings],
            "filer": verdict.files,
            "beviljat": None if verdict.grants is None else [list(g) for g in verdict.grants],
        }
        self.used.add(key)
        self.changed = True

    def store_grants(self, key: str | None, grants: list[PlacedGrant]) -> None:
        if key is None:
            return
        self.entries[key] = [list(g) for g in grants]
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Write the file back when something was added: the entries used now first, then
        older ones up to KEEP. A cache that cannot be written is no error."""
        if not self.use or not self.changed:
            return
        kept = {k: self.entries[k] for k in self.entries if k in self.used}
        for key in reversed(list(self.entries)):
            if len(kept) >= KEEP:
                break
            kept.setdefault(key, self.entries[key])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.path.parent, delete=False, suffix=".tmp"
            ) as handle:
                json.dump({"format": FORMAT, "poster": kept}, handle, ensure_ascii=False)
            Path(handle.name).replace(self.path)
        except OSError:
            return


def _read(path: Path) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(loaded, dict) or loaded.get("format") != FORMAT:
        return {}
    entries = loaded.get("poster")
    return entries if isinstance(entries, dict) else {}


def _finding_row(finding: Finding) -> list[Any]:
    return [
        finding.rule,
        finding.severity.value,
        finding.file,
        finding.line,
        finding.column,
        finding.message,
        finding.hint,
    ]


def _verdict(raw: Any) -> FolderVerdict | None:
    """An entry read back, or None when it is not exactly what store_verdict writes."""
    if not isinstance(raw, dict) or not isinstance(raw.get("filer"), int):
        return None
    rows = raw.get("fynd")
    if not isinstance(rows, list):
        return None
    findings = []
    for row in rows:
        finding = _finding(row)
        if finding is None:
            return None
        findings.append(finding)
    grants = None if raw.get("beviljat") is None else _grants(raw["beviljat"])
    if raw.get("beviljat") is not None and grants is None:
        return None
    return FolderVerdict(findings, raw["filer"], grants)


def _finding(row: Any) -> Finding | None:
    if not (isinstance(row, list) and len(row) == 7):
        return None
    rule, severity, file, line, column, message, hint = row
    texts = (rule, severity, file, message, hint)
    if not all(isinstance(t, str) for t in texts) or severity not in ("fel", "varning"):
        return None
    if not (isinstance(line, int) and isinstance(column, int)):
        return None
    return Finding(rule, Severity(severity), file, line, column, message, hint)


def _grants(raw: Any) -> list[PlacedGrant] | None:
    if not isinstance(raw, list):
        return None
    out = []
    for row in raw:
        if not (isinstance(row, list) and len(row) == 5 and all(type(v) is int for v in row)):
            return None
        out.append(PlacedGrant(*row))
    return out
