"""A cache of each insats folder's verdict, keyed by everything the verdict depends on.

A folder's findings depend only on the folder's own files, the förbund's configuration, the
folder's place in the repository and the code that judges them. The key is a SHA-256 over
exactly that: the code (see code_fingerprint), the bytes of forbund.yml, the folder's relative
path, and the folder's whole tree (every name, every kind of entry, every link target and the
bytes of every regular file). A changed byte in the folder or the configuration gives another
key, so an entry can be missing but never stale. A folder whose tree is too large to hash
cheaply, or that changes while it is checked, is simply not cached.

A file's SHA-256 is remembered beside its stat signature (device, inode, size, modification and
change times), the way git's index remembers blob ids: while the signature is the same, the
file has not been written to, and its bytes need not be read again. Any write changes the
change time (which no program can set back), and a file written less than RACY_NS before a run
began is never remembered, so a change within one tick of a coarse clock is not missed.

The history of decisions (L103) and the yearly frame (F001) span folders and git, and are
judged anew on every run; what the frame needs of each decision (the amounts granted per year
and where they are written) is cached beside the findings.

The cache is an SQLite file outside the repository (``$FINSAM_CACHE_DIR``, else
``$XDG_CACHE_HOME/finsam``, else ``~/.cache/finsam``), so a pull request cannot bring entries of
its own. ``FINSAM_CACHE=0`` or ``kontrollera --utan-cache`` turns it off. An entry that is not
exactly what the checker writes is a miss, and a file that cannot be read is removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import sysconfig
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from finsam.findings import Finding, Severity
from finsam.loader.text import read_bytes
from finsam.model.decision import PlacedGrant

try:
    import sqlite3
except ImportError:  # a Python built without it (Pyodide, which the site's form runs): no cache
    sqlite3 = None  # type: ignore[assignment]

FORMAT = 3
MAX_ENTRIES = 4_000  # files and folders in one insats folder; beyond it, it is not cached
MAX_DEPTH = 4  # folders below an insats folder
KEEP = 20_000  # entries kept in the file; the oldest beyond it are dropped
KEEP_FILES = 200_000  # remembered file digests; the oldest beyond it are dropped
RACY_NS = 3_000_000_000  # a file changed this shortly before a run is read, not remembered
CHUNK = 500  # keys looked up in one query


class FolderVerdict(NamedTuple):
    """What one insats folder's check gives: its findings, how many files it read, and the
    grants of its beslut.yaml (None when the folder has no readable beslut.yaml)."""

    findings: list[Finding]
    files: int
    grants: list[PlacedGrant] | None


def enabled() -> bool:
    return sqlite3 is not None and os.environ.get("FINSAM_CACHE", "1") != "0"


def cache_dir() -> Path:
    chosen = os.environ.get("FINSAM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")  # noqa: PTH111
    return Path(base) / "finsam"


@cache
def code_fingerprint() -> str:
    """A digest of everything that judges: finsam's own files and the schemas (each by path,
    size and modification time, the test Python itself uses to tell whether a module's
    bytecode is stale), Python itself, and the names with versions of the installed
    distributions."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{sys.executable}\0".encode())
    package = os.path.dirname(os.path.abspath(__file__))  # noqa: PTH100, PTH120
    folders = [package, os.path.join(package, "..", "..", "schema")]  # noqa: PTH118
    while folders:
        try:
            with os.scandir(folders.pop()) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                folders.append(entry.path)
            elif entry.name.endswith((".py", ".json")):
                try:
                    info = entry.stat()
                except OSError:  # gone since the folder was listed: it judges nothing
                    continue
                digest.update(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    for key in ("purelib", "platlib"):
        try:
            installed = Path(sysconfig.get_paths()[key]).iterdir()
            names = sorted(p.name for p in installed if p.name.endswith((".dist-info", ".pth")))
        except OSError:
            names = []
        digest.update(("\0".join(names) + "\0").encode())
    return digest.hexdigest()


def _tree(
    folder: str,
    digest: Any,
    depth: int,
    budget: list[int],
    content: Callable[[str, os.stat_result], str | None],
) -> bool:
    """Feed a folder's tree into ``digest`` (each regular file by ``content``, its SHA-256);
    False when it is too large or cannot be read."""
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
            info = entry.stat(follow_symlinks=False)
        except OSError:
            return False
        mode = info.st_mode
        digest.update(f"{entry.name}\0{stat.S_IFMT(mode)}\0".encode())
        if stat.S_ISDIR(mode):
            if depth >= MAX_DEPTH or not _tree(entry.path, digest, depth + 1, budget, content):
                return False
            digest.update(b"\1")
        elif stat.S_ISLNK(mode):
            try:
                digest.update(os.fsencode(os.readlink(entry.path)))  # noqa: PTH115
            except OSError:
                return False
        elif stat.S_ISREG(mode):
            file_sha = content(entry.path, info)
            if file_sha is None:
                return False
            digest.update(file_sha.encode())
        digest.update(b"\0")
    return True


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes, read as the loader reads them."""
    content, _ = read_bytes(path, path.name)
    return hashlib.sha256(content).hexdigest() if content is not None else None


def _signature(info: os.stat_result) -> str:
    return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"


class Cache:
    """The verdicts of earlier checks, in one SQLite file shared by every repository on the
    machine (a key already names everything a verdict depends on). Entries are looked up one
    by one and new ones written in one transaction at the end; any database error turns the
    cache off for the run."""

    def __init__(self, root: Path, forbund: Path, use: bool = True) -> None:
        forbund_digest = file_digest(forbund) if use and enabled() else None
        self.path = cache_dir() / "svar.sqlite"
        # Without a home folder ("~" left as it is) there is no place for a cache.
        self.use = forbund_digest is not None and self.path.is_absolute()
        self.context = ""
        self.pending: dict[str, str] = {}
        self._db: sqlite3.Connection | None = None
        self.started = time.time_ns()
        self._fetched: dict[str, str] = {}  # entries looked up ahead (prefetch)
        self._digests: dict[str, tuple[str, str]] = {}  # path: (signature, SHA-256)
        self._digests_read: set[tuple[str, bool]] = set()  # (folder, decisions only)
        self._new_digests: dict[str, tuple[str, str]] = {}
        if self.use:
            self.context = hashlib.sha256(
                f"{code_fingerprint()}\0{forbund_digest}".encode()
            ).hexdigest()

    def folder_key(self, folder: Path, rel: str) -> str | None:
        """The key of a folder's verdict, or None when the folder is not to be cached."""
        if not self.use:
            return None
        digest = hashlib.sha256(f"mapp\0{self.context}\0{rel}\0".encode())
        where = os.path.abspath(folder)  # noqa: PTH100
        self._read_digests(where)
        tree = _tree(where, digest, 0, [MAX_ENTRIES], self.content_digest)
        return digest.hexdigest() if tree else None

    def decision_key(self, path: Path | str, rel: str) -> str | None:
        """The key of what a beslut.yaml grants per year, or None when it is absent or not
        cached."""
        return self.decision_key_of(rel, self.decision_content(path))

    def decision_key_of(self, rel: str, content: str | None) -> str | None:
        """decision_key from the file's SHA-256 (decision_content)."""
        if content is None:
            return None
        return hashlib.sha256(f"beslut\0{self.context}\0{rel}\0{content}".encode()).hexdigest()

    def decision_content(self, path: Path | str) -> str | None:
        """The SHA-256 of a beslut.yaml, or None when it is absent, no regular file or not
        cached."""
        return self.decision_contents([os.path.abspath(path)])[0]  # noqa: PTH100

    def decision_contents(self, paths: list[str]) -> list[str | None]:
        """decision_content of many absolute paths (applications/<id>/beslut.yaml)."""
        if not self.use:
            return [None] * len(paths)
        contents: list[str | None] = []
        read_below = None
        for where in paths:
            # Every decision's remembered digest at once: the frame asks for all of them.
            below = where.rsplit(os.sep, 2)[0]
            if below != read_below:
                self._read_digests(below, True)
                read_below = below
            try:
                info = os.lstat(where)
            except OSError:
                contents.append(None)
                continue
            regular = stat.S_ISREG(info.st_mode)
            contents.append(self.content_digest(where, info) if regular else None)
        return contents

    def content_digest(self, where: str, info: os.stat_result) -> str | None:
        """The SHA-256 of the regular file at the absolute path ``where``, whose lstat gave
        ``info``: as remembered while its signature is unchanged, else read (and remembered
        when the file has not changed for RACY_NS)."""
        signature = _signature(info)
        known = self._digests.get(where)
        if known is not None and known[0] == signature:
            return known[1]
        digest = file_digest(Path(where))
        settled = max(info.st_mtime_ns, info.st_ctime_ns) < self.started - RACY_NS
        if digest is not None and settled:
            self._digests[where] = self._new_digests[where] = (signature, digest)
        return digest

    def _read_digests(self, folder: str, decisions_only: bool = False) -> None:
        """Read the remembered digests of the files below ``folder`` (of its beslut.yaml files
        only, when ``decisions_only``), once."""
        if (folder, False) in self._digests_read or (folder, decisions_only) in self._digests_read:
            return
        self._digests_read.add((folder, decisions_only))
        db = self._connection()
        if db is None:
            return
        query = "SELECT sokvag, signatur, sha256 FROM filer WHERE sokvag > ? AND sokvag < ?"
        if decisions_only:
            query += " AND sokvag LIKE '%/beslut.yaml'"
        try:
            rows = db.execute(query, (folder + os.sep, folder + os.sep + "\U0010ffff"))
            self._digests.update((path, (sig, sha)) for path, sig, sha in rows)
        except sqlite3.Error as exc:
            self._fail(exc)

    def prefetch(self, keys: list[str | None]) -> None:
        """Look up many entries at once (one query a CHUNK instead of one a key)."""
        wanted = [k for k in keys if k is not None and k not in self._fetched]
        db = self._connection() if self.use and wanted else None
        if db is None:
            return
        try:
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start : start + CHUNK]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT nyckel, varde FROM poster WHERE nyckel IN ({marks})"  # noqa: S608
                self._fetched.update(db.execute(query, chunk).fetchall())
        except sqlite3.Error as exc:
            self._fail(exc)

    def sum_key(self, decisions: list[tuple[str, str | None]]) -> str | None:
        """The key of what the decisions (each a path and its decision_content, None for one
        that is absent or unreadable) grant together per year."""
        if not self.use:
            return None
        digest = hashlib.sha256(f"ram\0{self.context}\0".encode())
        for rel, key in sorted(decisions, key=lambda decision: decision[0]):
            digest.update(f"{rel}\0{key or '-'}\0".encode())
        return digest.hexdigest()

    def year_totals(self, key: str | None) -> dict[int, int] | None:
        raw = self._load(key)
        if type(raw) is not list:
            return None
        totals = {}
        for pair in raw:  # [[year, kronor], ...], exactly as written
            if type(pair) is not list or len(pair) != 2:
                return None
            year, amount = pair
            if type(year) is not int or type(amount) is not int:
                return None
            totals[year] = amount
        return totals

    def store_year_totals(self, key: str | None, totals: dict[int, int]) -> None:
        self._store(key, sorted(totals.items()))

    def forbund_data(self) -> dict[str, Any] | None:
        """forbund.yml as the reader read it, when this configuration has been read before."""
        raw = self._load(self._forbund_key())
        return raw if isinstance(raw, dict) else None

    def store_forbund(self, data: dict[str, Any]) -> None:
        self._store(self._forbund_key(), data)

    def _forbund_key(self) -> str:
        return hashlib.sha256(f"forbund\0{self.context}".encode()).hexdigest()

    def verdict(self, key: str | None) -> FolderVerdict | None:
        raw = self._load(key)
        return None if raw is None else _verdict(raw)

    def decision_totals(self, key: str | None) -> dict[int, int] | None:
        """What one decision file grants per year (decision_key), as a run read it before."""
        return self.year_totals(key)

    def store_verdict(self, key: str | None, verdict: FolderVerdict) -> None:
        self._store(
            key,
            {
                "fynd": [_finding_row(f) for f in verdict.findings],
                "filer": verdict.files,
                "beviljat": None if verdict.grants is None else [list(g) for g in verdict.grants],
            },
        )

    def store_decision_totals(self, key: str | None, totals: dict[int, int]) -> None:
        self.store_year_totals(key, totals)

    def _store(self, key: str | None, value: Any) -> None:
        if key is not None and self.use:
            self.pending[key] = json.dumps(value, ensure_ascii=False)

    def _load(self, key: str | None) -> Any:
        """The stored value of ``key`` as JSON data, or None (missing, unreadable, no cache)."""
        if key is None or not self.use:
            return None
        value = self._fetched.get(key)
        db = self._connection() if value is None else None
        if value is None and db is None:
            return None
        try:
            if db is not None:
                row = db.execute("SELECT varde FROM poster WHERE nyckel = ?", (key,)).fetchone()
                value = row[0] if row is not None else None
            return json.loads(value) if value is not None else None
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        except (ValueError, TypeError):
            return None  # an entry that is not JSON: a miss

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the user's own
            db = sqlite3.connect(self.path, timeout=2, isolation_level=None)
            self._db = db
            # A cache needs no durability: a file broken by a crash is detected and rebuilt.
            db.execute("PRAGMA synchronous = OFF")
            if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                db.execute("DROP TABLE IF EXISTS poster")
                db.execute("DROP TABLE IF EXISTS filer")
                db.execute(f"PRAGMA user_version = {FORMAT}")
            db.execute(
                "CREATE TABLE IF NOT EXISTS poster "
                "(nyckel TEXT PRIMARY KEY, varde TEXT NOT NULL, tid REAL NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS filer (sokvag TEXT PRIMARY KEY, "
                "signatur TEXT NOT NULL, sha256 TEXT NOT NULL, tid REAL NOT NULL)"
            )
        except (OSError, sqlite3.Error) as exc:
            self._fail(exc)
            return None
        return db

    def _fail(self, error: Exception) -> None:
        """Turn the cache off for this run. A file that is no database (or a broken one) is
        removed; one that is only busy (another check writing) or unwritable is left alone."""
        self.use = False
        self.release()
        if not isinstance(error, sqlite3.DatabaseError) or isinstance(
            error, sqlite3.OperationalError
        ):
            return
        with contextlib.suppress(OSError):
            if self.path.is_file() and not _readable(self.path):
                self.path.unlink()

    def release(self) -> None:
        """Close the database (before the checker forks: a connection is never shared)."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def save(self) -> None:
        """Write the new entries in one transaction, and drop the oldest beyond KEEP."""
        if not self.use or not (self.pending or self._new_digests):
            self.release()
            return
        db = self._connection()
        if db is not None:
            now = time.time()
            try:
                db.execute("BEGIN")
                db.executemany(
                    "INSERT OR REPLACE INTO poster VALUES (?, ?, ?)",
                    [(k, v, now) for k, v in self.pending.items()],
                )
                db.executemany(
                    "INSERT OR REPLACE INTO filer VALUES (?, ?, ?, ?)",
                    [(path, sig, sha, now) for path, (sig, sha) in self._new_digests.items()],
                )
                for table, key, keep in (
                    ("poster", "nyckel", KEEP),
                    ("filer", "sokvag", KEEP_FILES),
                ):
                    if db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > keep:  # noqa: S608
                        db.execute(
                            f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM {table} "  # noqa: S608
                            "ORDER BY tid DESC LIMIT -1 OFFSET ?)",
                            (keep,),
                        )
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._fail(exc)
        self.pending.clear()
        self._new_digests.clear()
        self.release()


def _readable(path: Path) -> bool:
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=2)) as db:
            return bool(db.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.Error:
        return False


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
    if not isinstance(raw, dict) or type(raw.get("filer")) is not int:
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
