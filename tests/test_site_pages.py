"""The generated pages: only approved insatser, Swedish forms, nothing that must stay private."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from finsam.model.forbund import load_forbund
from finsam.schemas import load_schema
from finsam.site.field_guide import fields
from finsam.site.links import link, page_url
from finsam.site.pages import generate
from tests.site_helpers import TESTS

VALID = TESTS / "cases" / "valid"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    apps = tmp_path / "applications"
    for name in ("komplett", "strukturovergripande", "utkast-utan-underskrifter"):
        shutil.copytree(VALID / name, apps / name)
    rejected = apps / "avslagen"
    shutil.copytree(VALID / "komplett", rejected)
    ansokan = (rejected / "ansokan.md").read_text("utf-8").replace("id: komplett", "id: avslagen")
    (rejected / "ansokan.md").write_text(
        ansokan.replace("Gemensamt stöd mot arbete", "Avslagen idé"), "utf-8"
    )
    (rejected / "beslut.yaml").write_text(
        'beslut:\n  - {datum: 2025-06-12, organ: styrelsen, paragraf: "§ 13", utfall: avslagen}\n',
        "utf-8",
    )
    return tmp_path


def _pages(root: Path) -> dict[str, str]:
    forbund, findings = load_forbund(root / "forbund.yml")
    assert forbund is not None, findings
    return generate(root, forbund, "https://example.org/sajt/")


def test_only_approved_insatser_are_published(repo: Path) -> None:
    pages = _pages(repo)
    published = sorted(p for p in pages if p.startswith("insats/"))
    assert published == ["insats/komplett.md", "insats/strukturovergripande.md"]
    index = pages["insatser/index.md"]
    assert "Gemensamt stöd mot arbete" in index
    assert "Avslagen idé" not in index and "Avslagen idé" not in json.dumps(pages)


def test_insats_page_shows_facts_in_swedish_form(repo: Path) -> None:
    page = _pages(repo)["insats/komplett.md"]
    for expected in (
        "Provby kommun",
        "Arbetsförmedlingen",
        "1\u00a0juli 2025 – 31\u00a0december 2026",
        "900\u00a0000\u00a0kr",
        "Deltagarna har kommit närmare arbete eller studier.",
        "jämställdhets- eller jämlikhetsmål",
        '<h2 id="bakgrund-och-behov">Bakgrund och behov</h2>',
        "Sökt från förbundet per kategori och år",
        "Per part",
        'role="img"',
        "<title id=",
        "<desc id=",
        "Beviljad",
        "Rapport lämnas varje tertial.",
    ):
        assert expected in page, expected
    # The fixed agreement text is the same in every application and is left out.
    assert "Överenskommelse" not in page


def test_insats_page_leads_with_a_summary_and_its_contents(repo: Path) -> None:
    beslut = repo / "applications" / "komplett" / "beslut.yaml"
    text = beslut.read_text("utf-8")
    beslut.write_text(
        text.replace(
            '    paragraf: "§ 12"\n', '    paragraf: "§ 12"\n    diarienummer: "2025/17"\n'
        ),
        "utf-8",
    )
    ansokan = repo / "applications" / "komplett" / "ansokan.md"
    text = ansokan.read_text("utf-8").replace(
        "## Överenskommelse", "## Mål\n\nMålen i ord.\n\n## Överenskommelse"
    )
    ansokan.write_text(text, "utf-8")
    page = _pages(repo)["insats/komplett.md"]
    front, body = page.split("\n---\n", 1)
    summary = body[: body.index('<h2 id="parter-och-resurser">')]
    for expected in ("<dt>Status</dt> <dd>Beviljad</dd>", "<dt>Beviljat per år</dt>",
                     "<dt>Diarienummer</dt> <dd>2025/17</dd>", '<a href="#kontakt">',
                     "<dt>Beviljad</dt> <dd>12\u00a0juni 2025</dd>"):  # fmt: skip
        assert expected in summary, expected
    # "På den här sidan": a link to every section, in order, and one Mål only.
    contents = summary[summary.index('<nav class="finsam-innehall"') :]
    links = re.findall(r'<li><a href="#([a-z0-9-]+)">', contents)
    assert links[:2] == ["parter-och-resurser", "mal"] and links[-1] == "kontakt"
    assert body.count('<h2 id="mal">') == 1 and 'id="mal-2"' not in body
    assert body.index("Resultatmål") < body.index("Målen i ord.") < body.index('id="budget"')
    assert all(f'<h2 id="{anchor}">' in body for anchor in links)
    # The table of contents travels in the front matter, h2 below the page's h1.
    toc = yaml.safe_load(front.removeprefix("---\n"))["finsam_toc"]
    assert [t["id"] for t in toc] == ["gemensamt-stod-mot-arbete"]
    assert [t["id"] for t in toc[0]["children"]] == links


def test_signatures_and_contact_names_stay_private(repo: Path) -> None:
    komplett = repo / "applications" / "komplett" / "ansokan.md"
    text = komplett.read_text("utf-8").replace(
        "  - {roll: Insatsansvarig, part: provby-kommun}",
        "  - {roll: Insatsansvarig, part: provby-kommun, namn: Testa Testsson, epost: testa@example.org}",
    )
    komplett.write_text(text, "utf-8")
    page = _pages(repo)["insats/komplett.md"]
    assert "Insatsansvarig" in page
    assert "Testa Testsson" not in page and "testa@example.org" not in page
    assert "handskriven" not in page and "2025-05-21" not in page  # a signature's method and date
    config = repo / "forbund.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "publicering: {kontaktpersoner: false}", "publicering: {kontaktpersoner: true}"
        ),
        "utf-8",
    )
    page = _pages(repo)["insats/komplett.md"]
    assert "Testa Testsson" in page and "testa@example.org" in page
    assert "handskriven" not in page


def test_views_by_year_party_and_statistics(repo: Path) -> None:
    pages = _pages(repo)
    assert '<h2 id="ar-2026">2026</h2>' in pages["insatser/per-ar.md"]
    by_party = pages["insatser/per-part.md"]
    assert '<h2 id="provby-kommun">Provby kommun</h2>' in by_party
    assert '<a href="../?medlem=provby-kommun">' in by_party and "Insatsägare" in by_party
    statistics = pages["statistik.md"]
    assert "Individinriktad" in statistics and "Strukturövergripande" in statistics
    assert "<svg" in statistics


def test_open_data_and_feed(repo: Path) -> None:
    pages = _pages(repo)
    data = json.loads(pages["insatser.json"])
    assert [i["id"] for i in data["insatser"]]
    for insats in data["insatser"]:
        assert insats["beviljat_totalt"] == sum(insats["beviljat"].values())
        assert insats["url"].startswith("https://example.org/sajt/insats/")
        assert "underskrifter" not in insats and "kontakter" not in insats
    feed = ET.fromstring(pages["rss.xml"])  # noqa: S314  (our own output)
    items = feed.findall("./channel/item")
    assert len(items) == sum(len(i["beslut"]) for i in data["insatser"])
    assert all(item.findtext("pubDate") for item in items)


def test_field_guide_lists_every_schema_field(repo: Path) -> None:
    guide = _pages(repo)["faltguide.md"]
    for kind in ("ansokan", "budget", "beslut"):
        schema = load_schema(kind)
        for path, title, _description, _value, _required in fields(schema, schema):
            assert path in guide and title.replace("/", "/") in guide.replace("&#39;", "'")


def test_templates_and_schemas_are_downloadable(repo: Path) -> None:
    pages = _pages(repo)
    assert "mallar/standard-2024/ansokan.md.txt" in pages
    assert "mallar/standard-2023/budget.yaml" in pages
    for name in ("ansokan", "budget", "beslut", "forbund"):
        assert json.loads(pages[f"schema/{name}.schema.json"])["$schema"]
    # A downloaded template names its mall's schema on the site by the full address: a
    # relative one would lead nowhere from wherever the file is saved.
    for name in ("budget", "ansokan"):
        schema = f"schema/mallar/standard-2024/{name}.schema.json"
        first = pages[f"mallar/standard-2024/{name}.yaml"].split("\n", 1)[0]
        assert first == f"# yaml-language-server: $schema=https://example.org/sajt/{schema}"
        assert json.loads(pages[schema])["$schema"]
    # The application's text beside its facts, with no facts of its own.
    assert pages["mallar/standard-2024/ansokan.md.txt"].startswith("## ")
    # An editor schema for every document: the decision's and the reports' per mall, and the
    # idéskiss's for the förbund's questions.
    for schema in (
        "schema/mallar/standard-2024/beslut.schema.json",
        "schema/mallar/standard-2024/rapport.schema.json",
        "schema/mallar/ideskiss-2025/ideskiss.schema.json",
    ):
        assert json.loads(pages[schema])["$schema"]


def test_links_follow_directory_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("insatser/index.md") == "insatser/"
    assert page_url("insats/x.md") == "insats/x/"
    assert link("insatser/index.md", "insats/x.md") == "../insats/x/"
    assert link("insats/x.md", "insatser/index.md") == "../../insatser/"
    assert link("statistik.md", "insatser.json") == "../insatser.json"
    assert link("index.md", "statistik.md") == "statistik/"


def test_reports_outcome_and_participants_are_shown(tmp_path: Path) -> None:
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    shutil.copytree(VALID / "med-rapporter", tmp_path / "applications" / "med-rapporter")
    pages = _pages(tmp_path)
    page = pages["insats/med-rapporter.md"]
    assert "Rapporter och utfall" in page and "Årsrapport" in page
    assert "Utfall mot beviljat per år" in page
    assert "285\u00a0000\u00a0kr" in page  # 2025 costs according to the annual report
    statistics = pages["statistik.md"]
    assert "Deltagare per år och kön" in statistics
    assert (
        '<th scope="row">2025</th> <td class="belopp">6</td> <td class="belopp">5</td>'
        in statistics
    )


def test_amounts_known_only_for_the_whole_period_are_shown_apart(tmp_path: Path) -> None:
    """The budget-hela-perioden case has 100 000 kr of own financing given only for the whole
    period: the page says so, its year cells are dashes, and the chart leaves it out."""
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    shutil.copytree(
        VALID / "budget-hela-perioden", tmp_path / "applications" / "budget-hela-perioden"
    )
    page = _pages(tmp_path)["insats/budget-hela-perioden.md"]
    assert "100\u00a0000\u00a0kr av budgeten anges bara för hela insatstiden" in page
    assert '<th scope="col" class="belopp">Ej fördelat per år</th>' in page
    assert '<th scope="row">Lokalhyra</th> <td class="belopp">–</td>' in page


def test_many_insats_pages_are_made_on_every_core_alike(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from finsam import cores
    from finsam.site import pages

    if not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: the pages are made in one process")
    serial = _pages(repo)
    monkeypatch.setattr(pages, "PARALLEL_FROM", 2)
    made: list[int] = []
    original = cores.forked_map

    def spy(function: object, count: int, parallel_from: int) -> list[str]:
        made.append(parallel_from)
        return original(function, count, parallel_from)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "forked_map", spy)
    parallel = _pages(repo)
    assert made == [2]
    # Equal apart from the time the open data were made.
    volatile = ("insatser.json", "insatser-360giving.json", "rss.xml")
    assert {k: v for k, v in parallel.items() if k not in volatile} == {
        k: v for k, v in serial.items() if k not in volatile
    }


def test_without_approved_insatser_the_list_says_so(repo: Path) -> None:
    from finsam.site.pages import index_page

    forbund, _ = load_forbund(repo / "forbund.yml")
    assert forbund is not None
    page = index_page([], forbund)
    assert "har ännu inte beviljat medel till någon samverkansinsats" in page
    assert "data-finsam-filter" not in page  # no filters for an empty list


def test_a_long_list_on_per_medlem_opens_on_request(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every member's list in a details element once it is longer than SHOWN_UP_TO: closed,
    the browser lays none of its entries out (Per medlem at a thousand insatser)."""
    from finsam.site import pages

    page = _pages(repo)["insatser/per-part.md"]
    members = page.count("<p>Deltar i ")
    assert members >= 2 and "<details" not in page
    monkeypatch.setattr(pages, "SHOWN_UP_TO", 1)
    folded = _pages(repo)["insatser/per-part.md"]
    # The test förbund's members each take part in one or two of the insatser.
    two = folded.count("<p>Deltar i två beviljade insatser.")
    assert two >= 1
    assert (
        folded.count('<details class="finsam-fallbar"><summary>Visa alla två insatser</summary>')
        == two
    )
    assert folded.count("<li>") == page.count("<li>")  # every entry still on the page
