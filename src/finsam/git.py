"""The few git questions finsam asks: what changed between revisions, and a file's content at
a revision. Errors become Swedish usage messages."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import NamedTuple

from finsam.errors import UsageError


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise UsageError("Programmet git hittas inte; installera git.") from exc


def resolve(root: Path, ref: str) -> str:
    done = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if done.returncode != 0:
        raise UsageError(f"Hittar ingen version '{ref}' i git (en gren, tagg eller commit).")
    return done.stdout.decode().strip()


def show(root: Path, ref: str, path: str) -> bytes | None:
    """The file's bytes at ``ref``, or None when it does not exist there."""
    done = _git(root, "show", f"{ref}:{path}")
    return done.stdout if done.returncode == 0 else None


def changed_insatser(root: Path, before: str, after: str) -> list[str]:
    """Ids of the insats folders with any change between two revisions."""
    resolve(root, before)
    resolve(root, after)
    done = _git(root, "diff", "--name-only", "-z", before, after, "--", "applications/")
    names = done.stdout.decode("utf-8", errors="replace").split("\0")
    return sorted({name.split("/")[1] for name in names if name.count("/") >= 2})


MANY_PATHS = 32


def blob_ids(root: Path, ref: str, paths: list[str]) -> dict[str, str]:
    """The blob id at ``ref`` of each of ``paths`` (relative to root) that is a file there,
    from one `git ls-tree`; nothing outside a repository or for an unknown ref."""
    if not paths:
        return {}
    # Many paths: listing their top folders whole is faster than matching each path.
    tops = sorted({p.split("/", 1)[0] for p in paths}) if len(paths) > MANY_PATHS else []
    wanted = [f"./{p}" for p in (tops or paths)]
    try:
        # Without --full-name, ls-tree names each file relative to root, as paths are given.
        done = subprocess.run(
            ["git", "ls-tree", *(["-r"] if tops else []), "-z", ref, "--", *wanted],
            cwd=root,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        return {}
    if done.returncode != 0:
        return {}
    out = {}
    for record in done.stdout.decode("utf-8", errors="surrogateescape").split("\0"):
        info, _, name = record.partition("\t")
        parts = info.split()
        if len(parts) == 3 and parts[1] == "blob":
            out[name] = parts[2]
    if tops:
        asked = set(paths)
        out = {name: blob for name, blob in out.items() if name in asked}
    return out


def blob_id(content: bytes) -> str:
    """The id git gives a file with this content (SHA-1 of its blob object)."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content, usedforsecurity=False).hexdigest()


def show_many(root: Path, ref: str, paths: list[str]) -> dict[str, bytes | None]:
    """Several files at ``ref`` through one `git cat-file --batch` (a process per file would
    dominate a check of many insatser). Outside a repository, or for an unknown ref, every
    file is None."""
    if not paths:
        return {}
    # "./" makes each path relative to root, which may lie below the repository's top.
    request = "".join(f"{ref}:./{path}\n" for path in paths).encode()
    try:
        done = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=root,
            input=request,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        return dict.fromkeys(paths)
    if done.returncode != 0:
        return dict.fromkeys(paths)
    out: dict[str, bytes | None] = {}
    data, position = done.stdout, 0
    for path in paths:
        end = data.index(b"\n", position)
        header = data[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            out[path] = data[position : position + size]
            position += size + 1  # the content is followed by a newline
        else:
            out[path] = None  # "missing", or not a file
    return out


class Change(NamedTuple):
    """One path a pull request adds, changes or deletes, as `git diff --raw` reports it."""

    path: str
    status: str  # A, M, D, T ...
    mode: str  # the mode at the head: 100644/100755 file, 120000 symlink, 160000 submodule
    blob: str  # the object id at the head ("0" * 40 when deleted)

    @property
    def deleted(self) -> bool:
        return self.status == "D"


def changes(root: Path, base: str, head: str) -> list[Change]:
    """Every path changed since the common ancestor of ``base`` and ``head``, with its mode."""
    resolve(root, base)
    resolve(root, head)
    done = _git(root, "diff", "--raw", "-z", "--no-renames", "--no-abbrev", f"{base}...{head}")
    if done.returncode != 0:
        raise UsageError(
            f"git kunde inte jämföra {base} med {head}: {done.stderr.decode().strip()}"
        )
    fields = done.stdout.split(b"\0")
    out = []
    for meta, raw_path in zip(fields[0::2], fields[1::2], strict=False):
        parts = meta.decode("ascii", errors="replace").lstrip(":").split()
        if len(parts) < 5 or not raw_path:
            continue
        out.append(
            Change(raw_path.decode("utf-8", errors="replace"), parts[4][:1], parts[1], parts[3])
        )
    return sorted(out)


def blob_sizes(root: Path, blobs: list[str]) -> dict[str, int]:
    """The size in bytes of each blob, asked before any content is read."""
    if not blobs:
        return {}
    done = subprocess.run(
        ["git", "cat-file", "--batch-check"],
        cwd=root,
        input="".join(f"{blob}\n" for blob in blobs).encode(),
        capture_output=True,
        check=False,
    )
    sizes = {}
    for line in done.stdout.decode("ascii", errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == "blob":
            sizes[parts[0]] = int(parts[2])
    return sizes


def read_blob(root: Path, blob: str) -> bytes | None:
    done = _git(root, "cat-file", "blob", blob)
    return done.stdout if done.returncode == 0 else None


def commit_log(root: Path, base: str, head: str) -> bytes:
    """``git log --format='%H%n%B%x00'`` of the commits on ``head`` that ``base`` lacks: the
    form finsam.rules.privacy.commit_messages reads."""
    done = _git(root, "log", "--format=%H%n%B%x00", f"{base}..{head}")
    if done.returncode != 0:
        raise UsageError(f"git kunde inte läsa historiken {base}..{head}.")
    return done.stdout


def tree_has(root: Path, ref: str, path: str) -> bool:
    """Whether ``path`` (a file or folder) exists at ``ref``."""
    return _git(root, "cat-file", "-e", f"{ref}:{path}").returncode == 0


def toplevel(start: Path) -> Path:
    """The top folder of the git repository that ``start`` lies in."""
    done = _git(start, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise UsageError("Kommandot måste köras i ett git-arkiv.")
    return Path(done.stdout.decode().strip())
