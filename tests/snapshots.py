"""Exact snapshots: compare with a stored file; FINSAM_UPDATE_SNAPSHOTS=1 rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def assert_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("FINSAM_UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, "utf-8")
    assert path.is_file(), f"snapshot {name} missing; run with FINSAM_UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text("utf-8")
