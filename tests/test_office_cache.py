"""The Mallar page's Word and Excel templates are made once per förbund, year and code."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam.site.office_cache import remembered


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FINSAM_CACHE", "1")
    monkeypatch.setenv("FINSAM_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_the_same_inputs_are_made_once_and_other_inputs_again(kept: Path) -> None:
    made: list[int] = []

    def make() -> dict[str, bytes]:
        made.append(1)
        return {"mallar/a/ansokan.docx": b"word", "mallar/a/budget.xlsx": b"excel"}

    first = remembered({"ar": [2026]}, make)
    assert remembered({"ar": [2026]}, make) == first and len(made) == 1
    assert remembered({"ar": [2027]}, make) == first and len(made) == 2
    # Files are kept under numbers: no name from the förbund's configuration becomes a path.
    stored = sorted(p.name for p in (kept / "mallar").rglob("*") if p.is_file())
    assert stored == ["0", "0", "1", "1", "filer.json", "filer.json"]


def test_a_damaged_or_unwritable_cache_only_means_making_them_again(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []

    def make() -> dict[str, bytes]:
        made.append(1)
        return {"x.docx": b"word"}

    remembered("a", make)
    for index in (kept / "mallar").rglob("filer.json"):
        index.write_text("{not json", "utf-8")
    assert remembered("a", make) == {"x.docx": b"word"} and len(made) == 2
    monkeypatch.setenv("FINSAM_CACHE_DIR", str(kept / "fil"))
    (kept / "fil").write_text("a file where the folder should be", "utf-8")
    assert remembered("b", make) == {"x.docx": b"word"} and len(made) == 3


def test_without_the_cache_they_are_always_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINSAM_CACHE", "0")
    made: list[int] = []
    for _ in range(2):
        remembered("a", lambda: made.append(1) or {"x": b""})  # type: ignore[func-returns-value]
    assert len(made) == 2
