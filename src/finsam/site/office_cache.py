"""The Word and Excel templates of the Mallar page, kept between builds. They change only with
forbund.yml, the year and finsam itself (its code and the installed libraries), and making
them costs a third of a second that `mkdocs serve` would otherwise pay on every change. The
files live beside the check's cache, outside the repository, so a pull request cannot bring
templates of its own; FINSAM_CACHE=0 turns the keeping off."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from finsam.check_cache import cache_dir, code_fingerprint, enabled

INDEX = "filer.json"


def remembered(inputs: object, make: Callable[[], dict[str, bytes]]) -> dict[str, bytes]:
    """``make()``, or what it made before for the same ``inputs`` (any JSON value) and code."""
    if not enabled():
        return make()
    text = json.dumps(inputs, sort_keys=True, default=str, ensure_ascii=False)
    key = hashlib.sha256(f"{code_fingerprint()}\0{text}".encode()).hexdigest()
    folder = cache_dir() / "mallar" / key
    try:
        names = json.loads((folder / INDEX).read_text("utf-8"))
        return {name: (folder / str(number)).read_bytes() for number, name in enumerate(names)}
    except (OSError, ValueError, TypeError):
        pass
    files = make()
    staging: Path | None = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent))
        for number, data in enumerate(files.values()):
            (staging / str(number)).write_bytes(data)  # numbered: no name from outside is a path
        (staging / INDEX).write_text(json.dumps(list(files)), "utf-8")
        staging.replace(folder)  # whole or not at all, also with two builds at once
    except OSError:  # a cache that cannot be written is no reason to fail the build
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    return files
