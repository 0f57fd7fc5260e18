"""The few git questions finsam asks: what changed between revisions, and a file's content at
a revision. Errors become Swedish usage messages."""

from __future__ import annotations

import subprocess
from pathlib import Path

from finsam.checker import UsageError


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
