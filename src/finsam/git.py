"""The few git questions finsam asks: what changed between revisions, and a file's content at
a revision. Errors become Swedish usage messages."""

from __future__ import annotations

import subprocess
from pathlib import Path

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


def changed_files(root: Path, base: str, head: str = "HEAD") -> list[str]:
    """Every path added, changed, renamed (both names) or deleted since the common ancestor."""
    resolve(root, base)
    resolve(root, head)
    done = _git(root, "diff", "--name-status", "-z", "--no-renames", f"{base}...{head}")
    if done.returncode != 0:
        raise UsageError(
            f"git kunde inte jämföra {base} med {head}: {done.stderr.decode().strip()}"
        )
    fields = done.stdout.decode("utf-8", errors="replace").split("\0")
    return sorted({path for path in fields[1::2] if path})


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
