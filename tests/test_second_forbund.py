"""A new förbund is one configuration file: the same site sources and checks, run for another
förbund (other members, mallar, reporting rhythm, age range, address), carry no trace of the
reference förbund Exempelbygd."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam.checker import check
from finsam.codeowners import render
from finsam.model.forbund import load_forbund
from finsam.site.export import export
from tests.site_helpers import REPO, TESTS, build, site_repo

# Everything that names the reference förbund or its members.
EXEMPELBYGD = (
    "Exempelbygd",
    "exempelbygd",
    "Älvby",
    "Norrvik",
    "Lindås",
    "Sjöhamra",
    "Exempellän",
    "16–64",
)


# A beredning after another förbund's model: a council that weighs perspectives with points.
SECOND_BEREDNING = """beredning:
  organ: {id: samverkansradet, namn: samverkansrådet}
  skala: {typ: poang, min: 1, max: 4}
  kriterier:
    - {id: individperspektiv, namn: Individperspektivet, beskrivning: Insatsen når personer med behov av samordnat stöd och stärker deras väg mot egen försörjning.}
    - {id: samverkansperspektiv, namn: Samverkansperspektivet, beskrivning: Verksamheterna utvecklar sin samverkan och använder resurserna bättre.}
    - {id: genomforandeplan, namn: Plan för genomförande, beskrivning: Det finns en plan för hur arbetssättet förs in i ordinarie verksamhet eller avvecklas.}
    - {id: parternas_ansvar, namn: Parternas eget ansvar, beskrivning: Insatsen tar inte över det som hör till en parts ordinarie uppdrag eller täcker brister i dess organisation.}
"""


def second_forbund(target: Path) -> Path:
    """The test suite's förbund (Provby) with its own age range, rhythm and beredning."""
    text = (TESTS / "forbund.yml").read_text("utf-8")
    text = text.replace("alder: {min: 16, max: 64}", "alder: {min: 18, max: 66}")
    text = text.replace("rytm: tertial", "rytm: halvar")
    text = text[: text.index("beredning:\n")] + SECOND_BEREDNING + text[text.index("ram: {") :]
    assert "min: 18, max: 66" in text and "rytm: halvar" in text
    config = target / "forbund-andra.yml"
    config.write_text(text, "utf-8")
    return config


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scratch = tmp_path_factory.mktemp("andra")
    applications = scratch / "insatser"
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", applications / "komplett")
    root = site_repo(scratch / "repo", applications, second_forbund(scratch))
    result = check([], root)
    assert [f"{f.rule} {f.file}:{f.line}" for f in result.findings] == []
    build(root)
    return root


def _traces(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".md", ".txt", ".yml"):
            text = path.read_text("utf-8", errors="replace")
            found += [f"{path.relative_to(folder)}: {word}" for word in EXEMPELBYGD if word in text]
    return found


def test_the_built_site_has_no_trace_of_exempelbygd(built: Path) -> None:
    assert _traces(built / "site") == []


def test_the_built_site_speaks_of_the_second_forbund(built: Path) -> None:
    start = (built / "site" / "index.html").read_text("utf-8")
    assert "Samordningsförbundet Provby" in start and "18 och 66 år" in start
    apply = (built / "site" / "ansok" / "index.html").read_text("utf-8")
    for member in ("Provby kommun", "Dalby kommun", "Region Provlän", "kansliet@provby.example"):
        assert member in apply
    assert "varje halvår" in (built / "site" / "rapportering" / "index.html").read_text("utf-8")
    assert "https://provby.example/ansokan/" in (built / "site" / "sitemap.xml").read_text("utf-8")
    process = (built / "site" / "process" / "index.html").read_text("utf-8")
    for words in ("Samverkansrådet bereder ansökan", "Parternas eget ansvar", "från 1 till 4"):
        assert words in process


def test_the_exported_site_sources_have_no_trace_either(built: Path, tmp_path: Path) -> None:
    forbund, _ = load_forbund(built / "forbund.yml")
    assert forbund is not None
    export(built, forbund, tmp_path / "sajt")
    assert _traces(tmp_path / "sajt") == []
    assert "{{" not in (tmp_path / "sajt" / "docs" / "ansok.md").read_text("utf-8")


def test_codeowners_follow_the_second_forbund(built: Path) -> None:
    forbund, _ = load_forbund(built / "forbund.yml")
    assert forbund is not None
    owners = render(forbund)
    assert "@provby-kansli" in owners and not [w for w in EXEMPELBYGD if w in owners]


def test_the_reference_guidance_has_no_facts_of_its_own() -> None:
    """docs/*.md and mkdocs.yml take the förbund's facts from forbund.yml only."""
    assert _traces(REPO / "docs") == []
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    assert not [word for word in EXEMPELBYGD if word in text]
