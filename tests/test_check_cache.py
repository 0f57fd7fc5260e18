"""The verdict cache: a folder whose files, configuration and code are unchanged is not judged
again, and any change at all, or a broken cache, gives a fresh verdict."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from finsam import checker
from finsam.check_cache import Cache, FolderVerdict
from finsam.checker import check
from finsam.rules import frame
from tests.conftest import TESTS

CASES = TESTS / "cases" / "valid"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FINSAM_CACHE", "1")
    monkeypatch.setenv("FINSAM_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "applications").mkdir(parents=True)
    shutil.copy(TESTS / "forbund.yml", root / "forbund.yml")
    for name in ("komplett", "med-rapporter", "budget-manadslon"):
        shutil.copytree(CASES / name, root / "applications" / name)
    return root


def _run(root: Path, *paths: Path) -> list[tuple[str, str, int]]:
    result = check(list(paths), root, root / "forbund.yml")
    return [(f.rule, f.file, f.line) for f in result.findings]


def _judging_forbidden(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every folder that is judged anew (instead of read from the cache)."""
    judged: list[Path] = []
    original = checker.folder_verdict

    def spy(folder: Path, root: Path, forbund: object) -> FolderVerdict:
        judged.append(folder)
        return original(folder, root, forbund)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "folder_verdict", spy)
    return judged


def test_an_unchanged_repository_is_not_judged_again(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget = repo / "applications" / "komplett" / "budget.yaml"
    budget.write_text(budget.read_text("utf-8").replace("kategori: lon", "kategori: lön"), "utf-8")
    first = check([], repo, repo / "forbund.yml")
    assert [f.file for f in first.findings] == ["applications/komplett/budget.yaml"]
    judged = _judging_forbidden(monkeypatch)
    second = check([], repo, repo / "forbund.yml")
    assert judged == []
    assert second.findings == first.findings
    assert (second.files, second.applications) == (first.files, first.applications)
    assert [p.name for p in cache_dir.iterdir()] == ["svar.sqlite"]


@pytest.mark.parametrize(
    "change",
    [
        "a byte in budget.yaml",
        "a byte in a report",
        "a new report",
        "an unknown file",
        "a document replaced by a link",
        "the folder's name",
    ],
)
def test_any_change_in_a_folder_is_judged_afresh(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    check([], repo, repo / "forbund.yml")
    folder = repo / "applications" / "med-rapporter"
    if change == "a byte in budget.yaml":
        budget = folder / "budget.yaml"
        budget.write_bytes(budget.read_bytes().replace(b"lon", b"lom", 1))
    elif change == "a byte in a report":
        report = folder / "rapporter" / "2025-t2.md"
        report.write_bytes(report.read_bytes().replace(b"totalt: 11", b"totalt: 12"))
    elif change == "a new report":
        (folder / "rapporter" / "2025-t3.md").write_text("Bara text.\n", "utf-8")
    elif change == "an unknown file":
        (folder / "anteckningar.txt").write_text("utkast", "utf-8")
    elif change == "a document replaced by a link":
        (folder / "budget.yaml").unlink()
        (folder / "budget.yaml").symlink_to(repo / "applications" / "komplett" / "budget.yaml")
    else:
        folder.rename(repo / "applications" / "annat-namn")
    judged = _judging_forbidden(monkeypatch)
    cached = _run(repo)
    assert len(judged) == 1
    monkeypatch.setenv("FINSAM_CACHE", "0")
    assert cached == _run(repo)
    assert cached != []


def test_a_changed_configuration_judges_everything_again(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(repo) == []
    config = repo / "forbund.yml"
    text = config.read_text("utf-8")
    assert "alder: {min: 16, max: 64}" in text
    config.write_text(
        text.replace("alder: {min: 16, max: 64}", "alder: {min: 16, max: 30}"), "utf-8"
    )
    judged = _judging_forbidden(monkeypatch)
    assert ("A112", "applications/komplett/ansokan.md") in [(r, f) for r, f, _ in _run(repo)]
    assert len(judged) == 3


def test_the_frame_sees_a_changed_decision_in_a_folder_not_checked(
    repo: Path, cache_dir: Path
) -> None:
    config = repo / "forbund.yml"
    text = config.read_text("utf-8")
    assert "ram: {2025: 5000000, 2026: 5000000, 2027: 5000000}" in text
    # 2026: 600 000 + 600 000 + 579 120 = 1 779 120 kr granted.
    config.write_text(text.replace("2026: 5000000,", "2026: 2000000,"), "utf-8")
    komplett = repo / "applications" / "komplett"
    assert _run(repo, komplett / "beslut.yaml") == []
    # Another insats's grant for 2026 grows: checking komplett alone must count it.
    other = repo / "applications" / "budget-manadslon" / "beslut.yaml"
    other.write_text(other.read_text("utf-8").replace("2026: 579120", "2026: 979120"), "utf-8")
    assert [r for r, _, _ in _run(repo, komplett / "beslut.yaml")] == ["F001"]


@pytest.mark.parametrize(
    "content",
    [b"not a database", b"SQLite format 3\0" + b"\xff" * 200, b""],
)
def test_a_broken_cache_file_is_an_empty_cache(repo: Path, cache_dir: Path, content: bytes) -> None:
    expected = _run(repo)
    database = cache_dir / "svar.sqlite"
    database.write_bytes(content)
    assert _run(repo) == expected
    assert _run(repo) == expected  # and the cache works again afterwards


def _entries(cache_dir: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(cache_dir / "svar.sqlite")) as db:
        return list(db.execute("SELECT nyckel, varde FROM poster"))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda entry: entry["fynd"][0].__setitem__(3, "rad tre"),
        lambda entry: entry["fynd"][0].__setitem__(1, "info"),
        lambda entry: entry.__setitem__("fynd", "inga"),
        lambda entry: entry.__setitem__("filer", True),
        lambda entry: entry.__setitem__("beviljat", [[0, 2025, "1000", 1, 1]]),
    ],
)
def test_a_tampered_entry_is_never_believed(
    repo: Path, cache_dir: Path, tamper: Callable[[dict[str, Any]], None]
) -> None:
    budget = repo / "applications" / "komplett" / "budget.yaml"
    budget.write_text(budget.read_text("utf-8").replace("kategori: lon", "kategori: lön"), "utf-8")
    expected = _run(repo)
    with contextlib.closing(sqlite3.connect(cache_dir / "svar.sqlite")) as db:
        for key, value in _entries(cache_dir):
            entry = json.loads(value)
            if isinstance(entry, dict) and entry.get("fynd"):
                tamper(entry)
                db.execute("UPDATE poster SET varde = ? WHERE nyckel = ?", (json.dumps(entry), key))
        db.commit()
    assert _run(repo) == expected


def test_a_folder_that_changes_while_it_is_judged_is_not_kept(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget = repo / "applications" / "komplett" / "budget.yaml"
    original = checker.folder_verdict

    def edit_meanwhile(folder: Path, root: Path, forbund: object) -> FolderVerdict:
        verdict = original(folder, root, forbund)  # type: ignore[arg-type]
        if folder.name == "komplett":
            budget.write_text(budget.read_text("utf-8").replace("lon", "lön", 1), "utf-8")
        return verdict

    monkeypatch.setattr(checker, "folder_verdict", edit_meanwhile)
    assert _run(repo) == []  # judged before the edit
    monkeypatch.setattr(checker, "folder_verdict", original)
    assert [f for _, f, _ in _run(repo)] == ["applications/komplett/budget.yaml"]


def test_without_the_cache_nothing_is_written(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check([], repo, repo / "forbund.yml", use_cache=False)
    monkeypatch.setenv("FINSAM_CACHE", "0")
    check([], repo, repo / "forbund.yml")
    assert not cache_dir.exists()


def test_the_cache_lives_outside_the_repository(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINSAM_CACHE", "1")
    monkeypatch.delenv("FINSAM_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.parent / "xdg"))
    cache = Cache(repo, repo / "forbund.yml")
    assert cache.path.parent == repo.parent / "xdg" / "finsam"
    assert not cache.path.is_relative_to(repo)


def test_many_folders_are_judged_in_parallel_with_the_same_result(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: the checker judges in one process")
    for number in range(6):
        shutil.copytree(CASES / "komplett", repo / "applications" / f"kopia-{number}")
    budget = repo / "applications" / "kopia-3" / "budget.yaml"
    budget.write_text(budget.read_text("utf-8").replace("kategori: lon", "kategori: lön"), "utf-8")
    serial = check([], repo, repo / "forbund.yml").findings
    monkeypatch.setattr(checker, "PARALLEL_FROM", 2)
    parallel = check([], repo, repo / "forbund.yml").findings
    assert parallel == serial
    assert "applications/kopia-3/budget.yaml" in {f.file for f in parallel}
    assert "applications/kopia-2/budget.yaml" not in {f.file for f in parallel}


def test_the_configuration_is_read_once_per_content(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _run(repo)

    def not_again(*args: object) -> None:
        raise AssertionError("forbund.yml read again")

    monkeypatch.setattr(checker, "load_forbund", not_again)
    assert _run(repo) == expected
    monkeypatch.undo()
    # A tampered configuration entry is not believed: the file is read again.
    with contextlib.closing(sqlite3.connect(cache_dir / "svar.sqlite")) as db:
        for key, value in _entries(cache_dir):
            if isinstance(json.loads(value), dict) and "mallar" in json.loads(value):
                db.execute("UPDATE poster SET varde = ? WHERE nyckel = ?", ('{"mallar": 1}', key))
        db.commit()
    monkeypatch.setenv("FINSAM_CACHE", "1")
    monkeypatch.setenv("FINSAM_CACHE_DIR", str(cache_dir))
    assert _run(repo) == expected


def test_a_busy_cache_is_left_alone(repo: Path, cache_dir: Path) -> None:
    """Another check holding the database: this one judges without the cache and leaves the
    file as it is."""
    expected = _run(repo)
    database = cache_dir / "svar.sqlite"
    before = database.read_bytes()
    with contextlib.closing(sqlite3.connect(database, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        assert _run(repo) == expected
        other.execute("ROLLBACK")
    assert database.read_bytes() == before


def test_the_oldest_entries_go_beyond_the_limit(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from finsam import check_cache

    monkeypatch.setattr(check_cache, "KEEP", 2)
    _run(repo)
    assert len(_entries(cache_dir)) == 2


def _digest_rows(cache_dir: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(cache_dir / "svar.sqlite")) as db:
        return list(db.execute("SELECT sokvag, sha256 FROM filer"))


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every file the cache reads to hash it."""
    from finsam import check_cache

    read: list[str] = []
    original = check_cache.file_digest

    def spy(path: Path) -> str | None:
        read.append(path.name)
        return original(path)

    monkeypatch.setattr(check_cache, "file_digest", spy)
    return read


def test_an_unchanged_file_is_not_read_again_to_be_hashed(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from finsam import check_cache

    monkeypatch.setattr(check_cache, "RACY_NS", 0)  # every file written before the run counts
    first = _run(repo)
    assert len(_digest_rows(cache_dir)) > 10
    read = _reads(monkeypatch)
    assert _run(repo) == first
    assert read == ["forbund.yml"]  # the configuration's bytes are part of every key


def test_a_rewrite_that_keeps_size_and_time_is_still_seen(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another byte, the same length and the old modification time put back: the change
    time still differs, so the file is read again and the verdict is fresh."""
    from finsam import check_cache

    monkeypatch.setattr(check_cache, "RACY_NS", 0)
    assert _run(repo) == []
    budget = repo / "applications" / "komplett" / "budget.yaml"
    before = budget.stat()
    time.sleep(0.05)  # past the file system clock's tick
    budget.write_bytes(budget.read_bytes().replace(b"kategori: lon", b"kategori: lom", 1))
    os.utime(budget, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert budget.stat().st_size == before.st_size
    assert budget.stat().st_mtime_ns == before.st_mtime_ns
    assert [(r, f) for r, f, _ in _run(repo)] == [("B209", "applications/komplett/budget.yaml")]


def test_a_file_changed_just_before_the_run_is_not_remembered(repo: Path, cache_dir: Path) -> None:
    """Within RACY_NS of its last change a file could change again inside one tick of the
    file system's clock, unseen by its signature: its digest is not kept."""
    _run(repo)
    assert _digest_rows(cache_dir) == []


def test_the_oldest_digests_go_beyond_the_limit(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from finsam import check_cache

    monkeypatch.setattr(check_cache, "RACY_NS", 0)
    monkeypatch.setattr(check_cache, "KEEP_FILES", 3)
    _run(repo)
    assert len(_digest_rows(cache_dir)) == 3


def test_the_other_decisions_are_added_up_once(
    repo: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second check of one decision takes the others' yearly sum from the cache; when one
    of them changes, the sum is made anew."""
    config = repo / "forbund.yml"
    config.write_text(
        config.read_text("utf-8").replace("2026: 5000000,", "2026: 2000000,"), "utf-8"
    )
    decision = repo / "applications" / "komplett" / "beslut.yaml"
    assert _run(repo, decision) == []
    looked_up: list[str | None] = []
    read: list[str] = []
    original_lookup, original_read = Cache.decision_totals, frame.read_grants

    def lookup(cache: Cache, key: str | None) -> dict[int, int] | None:
        looked_up.append(key)
        return original_lookup(cache, key)

    def read_anew(folder: Path, rel: str) -> Any:
        read.append(rel)
        return original_read(folder, rel)

    monkeypatch.setattr(Cache, "decision_totals", lookup)
    monkeypatch.setattr(checker, "read_grants", read_anew)
    assert _run(repo, decision) == []
    assert (looked_up, read) == ([], [])
    other = repo / "applications" / "budget-manadslon" / "beslut.yaml"
    other.write_text(other.read_text("utf-8").replace("2026: 579120", "2026: 979120"), "utf-8")
    assert [r for r, _, _ in _run(repo, decision)] == ["F001"]
    assert len(looked_up) == 2  # each other decision, one of them found in the cache
    assert read == ["applications/budget-manadslon/beslut.yaml"]
