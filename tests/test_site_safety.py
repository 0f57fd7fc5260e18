"""Applicant text is untrusted: XSS payloads in every free-text field never reach the site as
script, event attribute or javascript: URL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam.config import load_forbund
from finsam.site.pages import generate
from tests.site_helpers import TESTS, build, inspect, site_repo

PAYLOADS = [
    "<script>alert('xss1')</script>",
    "<img src=x onerror=\"alert('xss2')\">",
    "[klicka](javascript:alert('xss3'))",
    "<a href=\"javascript:alert('xss4')\">länk</a>",
    "{: onclick=\"alert('xss5')\" }",
    "\"><svg onload=alert('xss6')>",
    "<iframe src=\"javascript:alert('xss7')\"></iframe>",
    "<div onmouseover=\"alert('xss8')\">\n\nrått html-block\n\n</div>",
    "<style>body{background:url(javascript:alert('xss9'))}</style>",
    "[ref]: javascript:alert('xss10')\n\n[ref]",
    "<details open ontoggle=alert('xss11')>",
]
EVIL = " ".join(PAYLOADS)
FLAT = EVIL.replace("\n", " ")


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _hostile_application(folder: Path) -> None:
    source = TESTS / "cases" / "valid" / "komplett"
    shutil.copytree(source, folder)
    ansokan = (folder / "ansokan.md").read_text("utf-8")
    quoted = _yaml_string(FLAT)
    for old in (
        "Gemensamt stöd mot arbete",
        "En insatsmedarbetare på heltid.",
        "En kontaktperson i teamet.",
        "Deltagarna har kommit närmare arbete eller studier.",
        "Hälften av deltagarna har gått vidare till arbete eller studier vid avslut.",
        "Andelen kvinnor och män som går vidare skiljer sig med högst tio procentenheter.",
        "Insatsansvarig",
    ):
        assert old in ansokan, old
        ansokan = ansokan.replace(old, quoted[1:-1] if old == "Insatsansvarig" else quoted, 1)
    ansokan = ansokan.replace("roll: " + quoted[1:-1], "roll: " + quoted)
    head, _, body = ansokan.partition("\n---\n")
    sections = body.split("\n## ")
    body = "\n## ".join(
        [sections[0]] + [s.split("\n", 1)[0] + "\n\n" + EVIL + "\n" for s in sections[1:]]
    )
    (folder / "ansokan.md").write_text(head + "\n---\n" + body, "utf-8")
    budget = (folder / "budget.yaml").read_text("utf-8")
    budget = budget.replace("benamning: Insatsmedarbetare", f"benamning: {quoted}")
    budget = budget.replace(
        "benamning: Kompetensutveckling för teamet",
        f"benamning: {quoted}\n    motivering: {quoted}",
    )
    (folder / "budget.yaml").write_text(budget, "utf-8")
    beslut = (folder / "beslut.yaml").read_text("utf-8")
    beslut = beslut.replace("Rapport lämnas varje tertial.", FLAT.replace('"', "'")).replace(
        "- " + FLAT.replace('"', "'"), "- " + quoted
    )
    beslut = beslut.replace(
        'paragraf: "§ 12"', f"paragraf: {_yaml_string('§ 12 <script>alert(12)</script>')}"
    )
    (folder / "beslut.yaml").write_text(beslut, "utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    site_repo(root)
    _hostile_application(root / "applications" / "komplett")
    return root


def _assert_safe(html: str, where: str) -> None:
    found = inspect(html)
    assert found.event_attributes == [], where
    assert found.javascript_urls == [], where
    for src, text in found.scripts:
        assert "xss" not in text and "alert(" not in text, where
        assert not src or "assets/" in src or src.startswith("search/"), (where, src)


def test_payloads_reach_the_generator(hostile_site: Path) -> None:
    forbund, findings = load_forbund(hostile_site / "forbund.yml")
    assert forbund is not None and findings == []
    pages = generate(hostile_site, forbund)
    page = pages["insats/komplett.md"]
    # The text is there, but only as text.
    assert (
        "&lt;script&gt;alert(&#x27;xss1&#x27;)&lt;/script&gt;" in page or "&lt;script&gt;" in page
    )
    _assert_safe(page, "insats/komplett.md")


def test_built_site_has_no_script_event_handler_or_javascript_url(hostile_site: Path) -> None:
    site = build(hostile_site)
    pages = sorted(site.rglob("*.html"))
    assert any("insats/komplett" in p.as_posix() for p in pages)
    for path in pages:
        _assert_safe(path.read_text("utf-8"), path.relative_to(site).as_posix())
    rss = (site / "rss.xml").read_text("utf-8")
    assert "<script" not in rss
