"""The site's search index: one short entry per insats, words never glued together, and no
list of insatser indexed row by row (at a thousand insatser that made the index 19 MB)."""

from __future__ import annotations

import json
import re
import shutil
from typing import Any

import pytest

from tests.site_helpers import TESTS, build, site_repo

INSATSER = ("komplett", "med-rapporter", "strukturovergripande")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    root = site_repo(tmp_path_factory.mktemp("sok"))
    for name in INSATSER:
        shutil.copytree(TESTS / "cases" / "valid" / name, root / "applications" / name)
    site = build(root)
    docs: list[dict[str, Any]] = json.loads(
        (site / "search" / "search_index.json").read_text("utf-8")
    )["docs"]
    return docs


def test_each_insats_is_one_entry_with_what_visitors_search_for(
    index: list[dict[str, Any]],
) -> None:
    entries = [e for e in index if e["location"].startswith("insats/")]
    assert sorted(e["location"] for e in entries) == [f"insats/{n}/" for n in sorted(INSATSER)]
    komplett = next(e for e in entries if e["location"] == "insats/komplett/")
    assert komplett["title"] == "Gemensamt stöd mot arbete"
    for words in ("Provby kommun", "Arbetsförmedlingen", "2025", "2026", "Individinriktad"):
        assert words in komplett["text"], words
    # Not every word of every section: the budget's rows are not in the index.
    assert "Lönekostnad" not in komplett["text"]


def test_lists_of_insatser_are_not_indexed_row_by_row(index: list[dict[str, Any]]) -> None:
    for page in ("insatser/", "insatser/per-ar/", "insatser/per-part/"):
        text = " ".join(e["text"] for e in index if e["location"].startswith(page))
        assert "Gemensamt stöd mot arbete" not in text, page


def test_words_in_tables_are_never_glued(index: list[dict[str, Any]]) -> None:
    statistics = " ".join(e["text"] for e in index if e["location"].startswith("statistik/"))
    assert "Provby kommun" in statistics
    # A lower-case letter directly followed by a capital is two words run together.
    assert not re.search(r"[a-zåäö][A-ZÅÄÖ]", statistics), statistics
