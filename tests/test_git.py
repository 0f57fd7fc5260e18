"""The git questions: blob ids at a revision, for a few paths and for many, also when the
förbund lies below the repository's top."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam.git import MANY_PATHS, blob_id, blob_ids, show_many
from tests.conftest import git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose förbund lies in forbund/, with many insats folders."""
    top = tmp_path / "arkiv"
    root = top / "forbund"
    for number in range(MANY_PATHS + 3):
        folder = root / "applications" / f"insats-{number:02d}"
        folder.mkdir(parents=True)
        (folder / "beslut.yaml").write_text(f"beslut: []  # {number}\n", "utf-8")
        (folder / "budget.yaml").write_text("rader: []\n", "utf-8")
    (root / "other").mkdir()
    (root / "other" / "beslut.yaml").write_text("beslut: []\n", "utf-8")
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "start")
    return root


@pytest.mark.parametrize("count", [1, MANY_PATHS, MANY_PATHS + 3])
def test_blob_ids_name_exactly_the_paths_asked_for(repo: Path, count: int) -> None:
    paths = [f"applications/insats-{n:02d}/beslut.yaml" for n in range(count)]
    found = blob_ids(repo, "HEAD", [*paths, "applications/saknas/beslut.yaml"])
    assert sorted(found) == paths  # never the budgets, the other folder or a missing file
    for path in paths:
        assert found[path] == blob_id((repo / path).read_bytes())


def test_blob_ids_outside_a_repository_are_none(tmp_path: Path) -> None:
    assert blob_ids(tmp_path, "HEAD", ["applications/a/beslut.yaml"]) == {}


def test_show_many_reads_files_at_a_revision(repo: Path) -> None:
    first = "applications/insats-00/beslut.yaml"
    (repo / first).write_text("beslut: [ändrad]\n", "utf-8")
    found = show_many(repo, "HEAD", [first, "applications/saknas/beslut.yaml"])
    assert found == {first: b"beslut: []  # 0\n", "applications/saknas/beslut.yaml": None}
