"""The rule catalog is complete and the site builds strictly."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
from docx import Document

from finsam.catalog import CATALOG
from finsam.model.forbund import load_forbund
from finsam.rules.all import every_rule
from finsam.site.rule_catalog import catalog_markdown, rules_in_order

REPO = Path(__file__).resolve().parents[1]


def test_every_rule_is_documented_with_an_example() -> None:
    rules = rules_in_order()
    assert len(rules) == len(CATALOG) >= 30
    for info in rules:
        assert re.fullmatch(r"[YSKIAEBPRFULO]\d{3}", info.id), info.id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", info.name), info.name
        assert info.statement.endswith("."), info.id
        assert info.example, info.id


def test_every_rule_has_a_swedish_title() -> None:
    rules = every_rule()
    assert len(rules) == len(CATALOG)
    for info in rules:
        assert info.title, info.id
        assert info.title != info.name, info.id
        assert info.title[0].isupper(), info.id
        assert not info.title.endswith("."), info.id
        assert info.title == info.title.strip(), info.id
    titles = Counter(info.title for info in rules)
    assert [title for title, count in titles.items() if count > 1] == []


def test_catalog_page_lists_every_rule() -> None:
    page = catalog_markdown()
    for rule_id, info in CATALOG.items():
        assert f"### {rule_id} {info.title} {{#{rule_id.lower()}}}\n" in page
        assert info.statement in page
        assert f"Kortnamn: `{info.name}`" in page


def test_site_builds_strictly(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "regler" / "index.html").read_text("utf-8")
    assert "A104" in page and "resultatmal-max" in page
    # Every rule's heading is an anchor that a finding's rule id can link to.
    assert re.search(r"<h3 id=\"?a104\"?>A104 ", page)
    assert "{#" not in page
    index = (tmp_path / "index.html").read_text("utf-8")
    assert re.search(r"<html[^>]* lang=\"?sv\b", index)
    assert "fonts.googleapis.com" not in index
    assert re.search(r"<link[^>]*application/rss\+xml", index)
    # The sender and the ways to reach them, on every page.
    assert "mailto:kansliet@exempelbygd.example" in index and "tel:0846500410" in index
    missing = (tmp_path / "404.html").read_text("utf-8")
    assert "Sidan finns inte" in missing and "Not found" not in missing
    # Each mall as a Word and an Excel template, linked from the Mallar page.
    templates = (tmp_path / "mallar" / "index.html").read_text("utf-8")
    forbund, _ = load_forbund(REPO / "forbund.yml")
    assert forbund is not None
    for template in forbund.templates.values():
        folder = tmp_path / "mallar" / f"{template.id}-{template.version}"
        word = Document(io.BytesIO((folder / "ansokan.docx").read_bytes()))
        assert word.core_properties.keywords == f"finsam-mall={template.id}@{template.version}"
        workbook = openpyxl.load_workbook(folder / "budget.xlsx")
        assert "Budget" in workbook.sheetnames
        for name in ("ansokan.docx", "budget.xlsx"):
            link = re.escape(f"{template.id}-{template.version}/{name}")
            assert re.search(f'href="?{link}"?[ >]', templates), name


def test_plugin_watches_applications_for_live_reload(tmp_path: Path) -> None:
    from finsam.site.defaults import docs_folder
    from finsam.site.plugin import FinsamPlugin

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    class Config:
        config_file_path = str(REPO / "mkdocs.yml")

    server = Server()
    FinsamPlugin().on_serve(server, Config(), None)
    assert str(REPO / "applications") in server.watched
    assert str(REPO / "forbund.yml") in server.watched
    assert str(docs_folder()) in server.watched  # the default pages, here docs/ itself
