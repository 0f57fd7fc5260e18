"""Applicant and configuration text is untrusted: XSS payloads in every free-text field that the
site can show never reach it as script, event attribute or javascript: URL, and every one of
them is shown as the literal text that was written, escaped exactly once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import escape

from finsam.model.forbund import load_forbund
from finsam.site.pages import generate
from tests.site_helpers import TESTS, build, inspect, site_repo, visible_texts

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


def hostile(number: int, one_line: bool = False) -> str:
    """A payload that fits the shortest text field (100 characters), marked with its number:
    tags, Markdown, a javascript: link, a table cell separator, an entity that must stay text,
    quotes and (unless the field is one line, like a heading) a blank line that would end the
    page's raw HTML block."""
    text = f"F{number:02d}<i>*k*</i>|[l](javascript:alert(1))&amp;<script>x</script>\n\n<b onclick=y>\"q\"'q'</b>"
    assert len(text) <= 100
    return text.replace("\n", " ") if one_line else text


# Every free-text field that the site shows, with the payload it gets in the fixture.
SHOWN_FIELDS = (
    "titel",
    "insatsinriktning",
    "resurser-insatsagare",
    "resurser-samverkanspart",
    "effektmal",
    "resultatmal",
    "roll",
    "namn",
    "rubrik",
    "benamning-lon",
    "organ",
    "paragraf",
    "diarienummer",
    "villkor",
    "rapport-typ",
    "forbund-namn",
    "part-provby-kommun",
    "part-arbetsformedlingen",
    "part-dalby-kommun",
    "mall-namn",
    "mall-beskrivning",
    "mall-rubrik",
    "mall-vagledning",
    "kategori-namn",
    "ej-finansierbart-namn",
    "ej-finansierbart-beskrivning",
)
# Free text that the site never shows: it still gets a payload, and the site stays safe.
HIDDEN_FIELDS = (
    "fas",
    "befattning",
    "underskrift-namn",  # the signer's name is kept for the diarium only
    "datering-ort",
    "benamning-ovrigt",  # the ovrigt group shows the category's name only
    "budget-motivering",
    "beslut-motivering",
    "rapport-kommentar",
    "kansli-roll",
    "rapportavsnitt",
    # Dates: text in a date field is no date, so the model leaves it out (the check reports it).
    "sista_intag",
    "rapport-inlamnad",
)
SHOWN = {
    name: hostile(number, one_line="rubrik" in name)
    for number, name in enumerate(SHOWN_FIELDS, start=1)
}
HIDDEN = {
    name: hostile(number, one_line="rubrik" in name or name == "rapportavsnitt")
    for number, name in enumerate(HIDDEN_FIELDS, start=len(SHOWN_FIELDS) + 1)
}


def _front_matter(path: Path) -> tuple[dict[str, Any], str]:
    head, _, body = path.read_text("utf-8").removeprefix("---\n").partition("\n---\n")
    return yaml.safe_load(head), body


def _write_front_matter(path: Path, data: dict[str, Any], body: str) -> None:
    head = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{head}---\n{body}", "utf-8")


def _hostile_application(folder: Path) -> None:
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", folder)
    shutil.copytree(TESTS / "cases" / "valid" / "med-rapporter" / "rapporter", folder / "rapporter")
    ansokan, body = _front_matter(folder / "ansokan.md")
    ansokan["titel"] = SHOWN["titel"]
    ansokan["insatsinriktning"] = SHOWN["insatsinriktning"]
    ansokan["period"]["sista_intag"] = HIDDEN["sista_intag"]
    ansokan["insatsagare"]["resurser"] = SHOWN["resurser-insatsagare"]
    ansokan["samverkansparter"][0]["resurser"] = SHOWN["resurser-samverkanspart"]
    ansokan["mal"]["effektmal"][0]["text"] = SHOWN["effektmal"]
    ansokan["mal"]["resultatmal"][1]["text"] = SHOWN["resultatmal"]
    ansokan["kontakter"] = [{"roll": SHOWN["roll"], "part": "provby-kommun", "namn": SHOWN["namn"]}]
    ansokan["underskrifter"][0]["befattning"] = HIDDEN["befattning"]
    ansokan["underskrifter"][0]["namn"] = HIDDEN["underskrift-namn"]
    ansokan["datering"] = {"ort": HIDDEN["datering-ort"], "datum": "2025-05-20"}
    ansokan["tidplan"] = [{"fas": HIDDEN["fas"], "start": "2025-07-01", "slut": "2026-12-31"}]
    # Every section holds Markdown payloads, and one more has a hostile heading.
    sections = body.split("\n## ")
    body = "\n## ".join(
        [sections[0]] + [s.split("\n", 1)[0] + "\n\n" + EVIL + "\n" for s in sections[1:]]
    )
    body += f"\n## {SHOWN['rubrik']}\n\nText.\n"
    _write_front_matter(folder / "ansokan.md", ansokan, body)

    budget = yaml.safe_load((folder / "budget.yaml").read_text("utf-8"))
    budget["rader"][0]["benamning"] = SHOWN["benamning-lon"]
    budget["rader"][1]["benamning"] = HIDDEN["benamning-ovrigt"]
    budget["rader"][1]["motivering"] = HIDDEN["budget-motivering"]
    (folder / "budget.yaml").write_text(yaml.safe_dump(budget, allow_unicode=True), "utf-8")

    beslut = yaml.safe_load((folder / "beslut.yaml").read_text("utf-8"))
    decision = beslut["beslut"][0]
    decision["organ"] = SHOWN["organ"]
    decision["paragraf"] = SHOWN["paragraf"]
    decision["diarienummer"] = SHOWN["diarienummer"]
    decision["villkor"] = [SHOWN["villkor"], FLAT]
    decision["motivering"] = HIDDEN["beslut-motivering"]
    (folder / "beslut.yaml").write_text(yaml.safe_dump(beslut, allow_unicode=True), "utf-8")

    for name, field in (("2025-t2.md", "rapport-typ"), ("2025-ar.md", "rapport-inlamnad")):
        report, text = _front_matter(folder / "rapporter" / name)
        if field == "rapport-typ":
            report["typ"] = SHOWN[field]
        else:
            report["inlamnad"] = HIDDEN[field]
        report["resultatmal"][0]["kommentar"] = HIDDEN["rapport-kommentar"]
        _write_front_matter(folder / "rapporter" / name, report, text + "\n" + EVIL + "\n")


def _hostile_forbund(path: Path) -> None:
    forbund = yaml.safe_load((TESTS / "forbund.yml").read_text("utf-8"))
    forbund["namn"] = SHOWN["forbund-namn"]
    for party in forbund["parter"]:
        party["namn"] = SHOWN.get(f"part-{party['id']}", party["namn"])
    forbund["kansli"][0]["roll"] = HIDDEN["kansli-roll"]
    forbund["publicering"]["kontaktpersoner"] = True
    forbund["rapportering"]["avsnitt"][2]["rubrik"] = HIDDEN["rapportavsnitt"]
    template = forbund["mallar"][0]
    template["namn"] = SHOWN["mall-namn"]
    template["beskrivning"] = SHOWN["mall-beskrivning"]
    template["avsnitt"][5]["rubrik"] = SHOWN["mall-rubrik"]  # Övrigt, which is optional
    template["avsnitt"][1]["vagledning"] = SHOWN["mall-vagledning"]
    template["kostnadskategorier"][2]["namn"] = SHOWN["kategori-namn"]
    template["ej_finansierbart"][0]["namn"] = SHOWN["ej-finansierbart-namn"]
    template["ej_finansierbart"][0]["beskrivning"] = SHOWN["ej-finansierbart-beskrivning"]
    path.write_text(yaml.safe_dump(forbund, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    site_repo(root)
    _hostile_forbund(root / "forbund.yml")
    _hostile_application(root / "applications" / "komplett")
    return root


@pytest.fixture(scope="module")
def hostile_build(hostile_site: Path) -> Path:
    return build(hostile_site)


def _assert_safe(html: str, where: str) -> None:
    found = inspect(html)
    assert found.event_attributes == [], where
    assert found.javascript_urls == [], where
    for src, text in found.scripts:
        assert "xss" not in text and "alert(" not in text, where
        # Only the theme's own scripts, the search and the site's scripts of its own (the form
        # Skriv ansökan has one; its worker is started by it, not by a script element).
        assert (
            not src
            or "assets/" in src
            or src.startswith("search/")
            or src.endswith(
                ("javascripts/insatser.js", "javascripts/sok.js", "javascripts/skriv.js")
            )
        ), (where, src)


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


def test_built_site_has_no_script_event_handler_or_javascript_url(hostile_build: Path) -> None:
    site = hostile_build
    pages = sorted(site.rglob("*.html"))
    assert any("insats/komplett" in p.as_posix() for p in pages)
    for path in pages:
        _assert_safe(path.read_text("utf-8"), path.relative_to(site).as_posix())
    rss = (site / "rss.xml").read_text("utf-8")
    assert "<script" not in rss
    # The search index holds plain text, exactly as written; the site's search escapes it
    # when it shows it (test_browser.py: test_the_search_escapes_what_it_shows_and_marks_the_hits).
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    _, title, _ = next(e for e in index["docs"] if e[0] == "insats/komplett/")
    assert title == SHOWN["titel"]
    assert str(escape(SHOWN["titel"])) not in title  # not escaped twice


def _flat(text: str) -> str:
    """Text as a browser lays it out: white space collapsed (the built pages are minified)."""
    return " ".join(text.split())


def test_every_shown_field_is_literal_text_escaped_exactly_once(hostile_build: Path) -> None:
    """Each payload is one run of visible text, exactly as written: not escaped, its tags would
    be elements and its text split; escaped twice, its text would hold ``&lt;``."""
    texts: set[str] = set()
    for path in sorted(hostile_build.rglob("*.html")):
        page = path.relative_to(hostile_build).as_posix()
        for text in visible_texts(path.read_text("utf-8")):
            flat = _flat(text)
            assert "&lt;i&gt;" not in flat and "&amp;amp;" not in flat, (page, flat)
            texts.add(flat)
    missing = [name for name, value in SHOWN.items() if not any(_flat(value) in t for t in texts)]
    assert missing == []


def test_no_hidden_field_is_published(hostile_build: Path) -> None:
    """Signatures (names, titles, place), comments and the like appear nowhere: not on any page,
    not in insatser.json and not in the RSS feed, escaped or not."""
    import re

    published = [
        p for p in sorted(hostile_build.rglob("*")) if p.suffix in {".html", ".json", ".xml"}
    ]
    assert {"insatser.json", "rss.xml"} <= {p.name for p in published}

    def places(value: str) -> list[str]:
        marker = re.compile(re.escape(value[:3]) + r"(<|&lt;|&amp;lt;|\\u003c)")
        return [
            p.relative_to(hostile_build).as_posix()
            for p in published
            if marker.search(p.read_text("utf-8"))
        ]

    assert "insatser.json" in places(SHOWN["titel"])  # the search finds what is published
    for name, value in HIDDEN.items():
        assert places(value) == [], name


# Where some of the payloads must show: in tables, links and headings of several pages.
PLACES = {
    "insatser/index.html": (
        "titel",
        "forbund-namn",
        "part-provby-kommun",
        "part-arbetsformedlingen",
    ),
    "insatser/per-ar/index.html": ("titel", "part-provby-kommun"),
    "insatser/per-part/index.html": ("titel", "part-provby-kommun", "part-dalby-kommun"),
    "statistik/index.html": ("part-provby-kommun", "part-dalby-kommun"),
    "mallar/index.html": (
        "mall-namn",
        "mall-beskrivning",
        "kategori-namn",
        "ej-finansierbart-namn",
    ),
    "faltguide/index.html": ("mall-namn", "mall-rubrik", "mall-vagledning"),
    "insats/komplett/index.html": ("titel", "rubrik", "villkor", "paragraf", "organ", "roll"),
}


@pytest.mark.parametrize("page", PLACES)
def test_payloads_are_literal_text_on_each_page_that_shows_them(
    hostile_build: Path, page: str
) -> None:
    texts = [_flat(t) for t in visible_texts((hostile_build / page).read_text("utf-8"))]
    for name in PLACES[page]:
        assert any(_flat(SHOWN[name]) in t for t in texts), name
