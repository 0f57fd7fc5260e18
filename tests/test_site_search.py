"""The site's search index: one short entry per insats, words never glued together, and no
list of insatser indexed row by row (at a thousand insatser that made the index 19 MB)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from finsam.site.html_parts import plain_text
from finsam.site.render import SEARCH_WORKER, own_search
from tests.site_helpers import TESTS, build, site_repo

INSATSER = ("komplett", "med-rapporter", "strukturovergripande")
SUMMARY_SETTING = "publicering: {kontaktpersoner: false, sammanfattning: syfte}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sok")
    # The förbund names the section whose opening sentences sum an insats up.
    config = folder / "forbund.yml"
    config.write_text(
        (TESTS / "forbund.yml")
        .read_text("utf-8")
        .replace("publicering: {kontaktpersoner: false}", SUMMARY_SETTING),
        "utf-8",
    )
    root = site_repo(folder / "repo", config=config)
    for name in INSATSER:
        shutil.copytree(TESTS / "cases" / "valid" / name, root / "applications" / name)
    return build(root)


@pytest.fixture(scope="module")
def index(site: Path) -> list[dict[str, Any]]:
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return [dict(zip(("location", "title", "text"), doc, strict=True)) for doc in docs]


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


def test_an_insats_is_found_by_the_opening_of_the_section_that_sums_it_up(
    index: list[dict[str, Any]],
) -> None:
    """publicering.sammanfattning names the section (here Syfte); its first sentences go into
    the entry, not the rest of the application."""
    komplett = next(e for e in index if e["location"] == "insats/komplett/")
    ansokan = (TESTS / "cases" / "valid" / "komplett" / "ansokan.md").read_text("utf-8")
    purpose = ansokan.split("## Syfte", 1)[1].split("##", 1)[0].split()
    assert " ".join(purpose[:6]) in komplett["text"]
    background = ansokan.split("## Bakgrund och behov", 1)[1].split("##", 1)[0].split()
    assert " ".join(background[:6]) not in komplett["text"]


def test_every_entry_is_plain_text_with_words_apart(index: list[dict[str, Any]]) -> None:
    """The search escapes what it shows, so the index holds text, not markup: no tag, no
    entity, and no two blocks (paragraphs, list items) run together into one word."""
    for entry in index:
        for field in ("title", "text"):
            markup = r"</?(p|code|li|ul|ol|pre|a|em|strong|table|td)\b[^>]*>|&(amp|lt|gt|#\d+);"
            assert not re.search(markup, entry[field]), entry
    guidance = next(e for e in index if e["location"] == "ansok/")
    assert "\n" not in guidance["text"]


def test_the_pages_search_with_the_sites_own_worker(site: Path) -> None:
    """The theme's worker would build a lunr index in the browser on every page view; every
    page names the site's worker, which searches the built index as it is."""
    assert (site / SEARCH_WORKER).is_file()
    pages = [site / "index.html", site / "insatser" / "index.html", site / "404.html"]
    pages.append(site / "insats" / "komplett" / "index.html")
    for page in pages:
        settings = json.loads(
            page.read_text("utf-8")
            .split("id=__config type=application/json>")[1]
            .split("</script>")[0]
        )
        assert settings["search"].endswith(SEARCH_WORKER), page
        assert "workers/search" not in settings["search"], page


def test_own_search_names_the_worker_whatever_the_depth() -> None:
    theme = '{"search": "../../assets/javascripts/workers/search.0a1b2c3d.min.js", "x": 1}'
    assert own_search(theme) == '{"search": "../../javascripts/sokmotor.js", "x": 1}'
    assert own_search('{"search": "elsewhere.js"}') == '{"search": "elsewhere.js"}'


def test_plain_text_reads_entities_and_keeps_blocks_apart() -> None:
    assert plain_text("<p>filter</p><p>Deltar &amp; mer</p>") == "filter Deltar & mer"
    assert plain_text("<ul><li>a</li><li>b</li></ul>") == "a b"
    assert plain_text("<code>ansokan</code>.md &lt;b&gt;") == "ansokan.md <b>"
    assert plain_text("rad ett\n   rad två") == "rad ett rad två"
