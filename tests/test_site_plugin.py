"""The site comes from the installed package: a förbund's repository holds forbund.yml, its
applications, a five-line mkdocs.yml and a docs/ that may be empty, and the plugin finsam
brings the pages, the theme and the settings (finsam.site.plugin, finsam.site.defaults)."""

from __future__ import annotations

import importlib.metadata
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from finsam.model.forbund import load_forbund
from finsam.package_folders import package_folder
from finsam.site import defaults
from finsam.site.export import export
from finsam.site.form_assets import BUNDLE, DATA, FOLDER
from tests.site_helpers import REPO, TESTS, build

THIN_CONFIG = """site_name: Samordningsförbundet Norrdal
theme:
  name: material
  language: sv
plugins:
  - search:
      lang: sv
  - finsam
"""
# The guidance pages that finsam ships, and pages it generates, each a folder of the site.
DEFAULT_PAGES = (
    "ansok",
    "process",
    "lamna-in",
    "rapportering",
    "oppna-data",
    "tillganglighet",
    "personuppgifter",
)
GENERATED_PAGES = ("mallar", "skriv-ansokan", "faltguide", "regler", "statistik", "insatser")
# The foot's contact line (the built pages are compacted: attribute quotes go where they may).
CONTACT = "Samordningsförbundet Provby · E-post <a href=mailto:kansliet@provby.example>"
OWN_START = "Välkommen till vår egen startsida"
OWN_FOOT = "Vår egen sidfot"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def thin_repo(target: Path, config: str = THIN_CONFIG) -> Path:
    """A förbund's repository with nothing of finsam's in it: no docs, theme or hooks."""
    (target / "docs").mkdir(parents=True)
    (target / "docs" / ".gitkeep").touch()
    (target / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copy(TESTS / "forbund.yml", target / "forbund.yml")
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", target / "applications" / "komplett")
    return target


def _html(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text("utf-8")
        for path in sorted(site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def thin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = thin_repo(tmp_path_factory.mktemp("tunt") / "repo")
    assert not (root / "node_modules").exists()  # Pyodide comes from finsam's checkout
    return build(root)


def test_a_thin_repository_builds_every_page(thin_site: Path) -> None:
    assert "Sök medel för en samverkansinsats" in (thin_site / "index.html").read_text("utf-8")
    for page in (*DEFAULT_PAGES, *GENERATED_PAGES):
        assert (thin_site / page / "index.html").is_file(), page
    insats = (thin_site / "insats" / "komplett" / "index.html").read_text("utf-8")
    assert "Gemensamt stöd mot arbete" in insats
    for asset in (*defaults.EXTRA_CSS, *defaults.EXTRA_JAVASCRIPT, "bilder/skriv-fynd.png"):
        assert (thin_site / asset).is_file(), asset
    assert (thin_site / FOLDER / "pyodide.asm.wasm").is_file()  # the form's Python


def test_the_thin_site_speaks_of_the_test_forbund_only(thin_site: Path) -> None:
    pages = _html(thin_site)
    assert len(pages) >= 15
    for name, page in pages.items():
        assert "exempelbygd" not in page.lower(), name
        assert "{{" not in page, name  # every placeholder filled from forbund.yml
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page, name
    start = pages["index.html"]
    assert CONTACT in start  # the package's partials/copyright.html
    assert "Samordningsförbundet Provby" in pages["ansok/index.html"]
    assert "Sidan finns inte" in pages["404.html"]  # the package's 404.html
    assert "type=application/rss+xml" in start  # the package's main.html
    for path in (*defaults.EXTRA_CSS, *defaults.EXTRA_JAVASCRIPT):
        assert path in start, path


def test_the_thin_site_has_finsams_theme_settings_and_navigation(thin_site: Path) -> None:
    start = (thin_site / "index.html").read_text("utf-8")
    assert re.search(r'data-md-color-primary="?indigo', start)
    assert "navigation.sections" in start and "content.tooltips" in start
    for _, _, title in _nav_titles(defaults.NAV):
        assert title in start, title
    insats = (thin_site / "insats" / "komplett" / "index.html").read_text("utf-8")
    assert "På den här sidan" in (thin_site / "ansok" / "index.html").read_text("utf-8")
    assert "Gemensamt stöd mot arbete" not in start.split("</nav>")[0]  # not in the sidebar
    assert "Gemensamt stöd mot arbete" in insats


def _nav_titles(nav: list[object], depth: int = 0) -> list[tuple[int, str, str]]:
    out = []
    for item in nav:
        assert isinstance(item, dict)
        for title, value in item.items():
            if isinstance(value, list):
                out += [(depth, "", title), *_nav_titles(value, depth + 1)]
            else:
                out.append((depth, value, title))
    return out


def test_the_default_navigation_is_every_default_and_generated_page() -> None:
    listed = {path for _, path, _ in _nav_titles(defaults.NAV) if path}
    pages = {p for p in defaults.default_files() if p.endswith(".md")}
    assert pages <= listed
    assert {f"{page}.md" for page in GENERATED_PAGES if page != "insatser"} <= listed


def test_the_form_bundle_takes_the_packages_pull_request_template(thin_site: Path) -> None:
    with zipfile.ZipFile(thin_site / FOLDER / BUNDLE) as bundle:
        template = bundle.read(f"{DATA}/pull_request.md")
        sketch = bundle.read(f"{DATA}/pull_request_ideskiss.md")
    github = package_folder("github")
    assert template == (github / "PULL_REQUEST_TEMPLATE" / "ny-ansokan.md").read_bytes()
    assert sketch == (github / "PULL_REQUEST_TEMPLATE" / "ideskiss.md").read_bytes()


def test_the_defaults_name_no_forbund() -> None:
    """The shipped pages, theme and templates take every fact from forbund.yml."""
    github = package_folder("github")
    files = [
        *defaults.default_files().values(),
        *sorted(defaults.theme_folder().rglob("*.html")),
        github / "pull_request_template.md",
        *sorted((github / "PULL_REQUEST_TEMPLATE").glob("*.md")),
    ]
    assert len(files) > 20
    for path in files:
        if path.suffix != ".png":
            text = path.read_text("utf-8")
            for word in ("exempelbygd", "älvby", "norrvik", "lindås", "sjöhamra", "exempellän"):
                assert word not in text.lower(), (path, word)


# -- a förbund's own pages, theme and settings win ---------------------------------------------


OWN_CONFIG = """site_name: Samordningsförbundet Norrdal
theme:
  name: material
  language: sv
  custom_dir: overrides
plugins:
  - search:
      lang: sv
  - finsam
"""


def _own_repo(target: Path) -> Path:
    root = thin_repo(target, OWN_CONFIG)
    (root / "docs" / "index.md").write_text(f"# Start\n\n{OWN_START} hos {{{{ namn }}}}.\n")
    partials = root / "overrides" / "partials"
    partials.mkdir(parents=True)
    (partials / "copyright.html").write_text(f'<div class="md-copyright">{OWN_FOOT}</div>\n')
    return root


def test_own_pages_and_theme_replace_the_defaults(tmp_path: Path) -> None:
    site = build(_own_repo(tmp_path / "repo"))
    start = (site / "index.html").read_text("utf-8")
    assert f"{OWN_START} hos Samordningsförbundet Provby." in start
    assert "Sök medel för en samverkansinsats" not in start  # the default start page's title
    ansok = (site / "ansok" / "index.html").read_text("utf-8")
    assert OWN_FOOT in ansok and CONTACT not in ansok  # its copyright.html over finsam's
    assert "type=application/rss+xml" in ansok  # finsam's main.html still serves
    assert "Sidan finns inte" in (site / "404.html").read_text("utf-8")


def test_the_export_resolves_what_the_plugin_adds(tmp_path: Path) -> None:
    import yaml

    root = _own_repo(tmp_path / "repo")
    forbund, _ = load_forbund(root / "forbund.yml")
    assert forbund is not None
    out = tmp_path / "sajt"
    written = export(root, forbund, out)
    config = yaml.safe_load(written.read_text("utf-8"))
    assert config["plugins"] == [{"search": {"lang": "sv"}}]
    assert "hooks" not in config
    assert config["theme"]["custom_dir"] == "overrides" and config["theme"]["font"] is False
    assert config["nav"] == defaults.NAV
    assert config["extra_javascript"] == list(defaults.EXTRA_JAVASCRIPT)
    assert {"toc": defaults.EXTENSIONS["toc"]} in config["markdown_extensions"]
    assert OWN_START in (out / "docs" / "index.md").read_text("utf-8")
    assert "{{" not in (out / "docs" / "ansok.md").read_text("utf-8")
    assert OWN_FOOT in (out / "overrides" / "partials" / "copyright.html").read_text("utf-8")
    assert (out / "overrides" / "main.html").is_file()
    assert (out / "overrides" / "404.html").is_file()
    site = build(out)
    assert OWN_START in (site / "index.html").read_text("utf-8")
    assert (site / "insats" / "komplett" / "index.html").is_file()


def test_a_forbunds_own_settings_win(tmp_path: Path) -> None:
    """On MkDocs' validated configuration: finsam fills in only what mkdocs.yml leaves out."""
    import logging

    from mkdocs.config import load_config

    root = _own_repo(tmp_path / "repo")
    own = OWN_CONFIG.replace(
        "  custom_dir: overrides\n",
        "  custom_dir: overrides\n  features: [navigation.tabs]\n  palette: {primary: teal}\n",
    )
    own += """nav:
  - Start: index.md
markdown_extensions:
  - toc:
      title: Innehåll
extra_css: [egen.css]
validation:
  omitted_files: info
"""
    (root / "mkdocs.yml").write_text(own, "utf-8")
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    theme = config.theme
    assert theme.dirs[0] == str(root / "overrides")
    assert theme.dirs[1] == str(defaults.theme_folder())
    assert "material" in theme.dirs[2]
    assert theme["font"] is False
    assert theme["features"] == ["navigation.tabs"] and theme["palette"] == {"primary": "teal"}
    assert config.nav == [{"Start": "index.md"}]
    assert config.mdx_configs["toc"] == {"title": "Innehåll"}
    assert {"admonition", "attr_list", "tables", "toc"} <= set(config.markdown_extensions)
    assert config.extra_css == ["egen.css", *defaults.EXTRA_CSS]
    assert config.validation.nav.omitted_files == logging.INFO  # its own
    assert config.validation.links.unrecognized_links == logging.WARNING  # finsam's
    assert config.not_in_nav is not None and config.not_in_nav.match_file("insats/komplett.md")
    assert config.site_name == "Samordningsförbundet Provby – samverkansmedel"


# -- a builder that loads hooks, not plugins -----------------------------------------------------


def test_the_hook_adapter_builds_the_same_site(tmp_path: Path, thin_site: Path) -> None:
    config = THIN_CONFIG.replace("  - finsam\n", "") + "hooks:\n  - hooks/finsam_pages.py\n"
    assert "finsam" not in config.split("plugins:")[1].split("hooks:")[0]
    root = thin_repo(tmp_path / "repo", config)
    shutil.copytree(REPO / "hooks", root / "hooks")
    site = build(root)
    built = _html(site)
    assert built.keys() == _html(thin_site).keys()
    assert CONTACT in built["index.html"]
    assert "Gemensamt stöd mot arbete" in built["insats/komplett/index.html"]
    assert "exempelbygd" not in built["ansok/index.html"].lower()


# -- the wheel -----------------------------------------------------------------------------------


def _wheel(tmp_path: Path) -> zipfile.ZipFile:
    """finsam's wheel, built from a clean copy of the sources (no stale build/ folder)."""
    source = tmp_path / "finsam"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for part in ("src", "schema", "docs", "overrides", ".github", "requirements"):
        shutil.copytree(REPO / part, source / part, ignore=skip)
    for part in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / part, source / part)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path)]
    major = int(importlib.metadata.version("setuptools").split(".")[0])
    if major >= 77:  # the environment's own setuptools can build finsam: no network needed
        command.append("--no-build-isolation")
    else:  # the pinned setuptools, as make installs finsam (pyproject's license needs >= 77)
        command += ["--build-constraint", str(REPO / "requirements" / "constraints.txt")]
    done = subprocess.run(
        [*command, str(source)], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = tmp_path.glob("finsam-*.whl")
    return zipfile.ZipFile(io.BytesIO(wheel.read_bytes()))


def test_the_wheel_carries_the_defaults_and_the_plugin(tmp_path: Path) -> None:
    with _wheel(tmp_path) as wheel:
        names = set(wheel.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entries = wheel.read(entry_points).decode("utf-8")
    for name in (
        "finsam/docs/ansok.md",
        "finsam/docs/javascripts/sok.js",
        "finsam/docs/stylesheets/finsam.css",
        "finsam/docs/bilder/skriv-fynd.png",
        "finsam/theme/main.html",
        "finsam/theme/partials/copyright.html",
        "finsam/schema/ansokan.schema.json",
        "finsam/github/PULL_REQUEST_TEMPLATE/ny-ansokan.md",
        "finsam/github/pull_request_template.md",
        "finsam/site/plugin.py",
    ):
        assert name in names, name
    # Every file of docs/ and overrides/ ships: a new kind of file needs its package-data line.
    for folder, package in ((REPO / "docs", "docs"), (REPO / "overrides", "theme")):
        for path in folder.rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                assert f"finsam/{package}/{path.relative_to(folder).as_posix()}" in names, path
    # Of .github/ the pull-request templates and the two workflows a förbund's repository
    # runs; not this repository's own tests workflow or its CODEOWNERS.
    assert sorted(n for n in names if n.startswith("finsam/github/workflows")) == [
        "finsam/github/workflows/granska.yml",
        "finsam/github/workflows/publicera.yml",
    ]
    assert "finsam/github/CODEOWNERS" not in names
    for name in ("constraints.txt",):
        assert f"finsam/requirements/{name}" in names
    starter = REPO / "src" / "finsam" / "starter"
    for path in starter.iterdir():  # every file of a new förbund's repository ships
        assert f"finsam/starter/{path.name}" in names, path
    assert re.search(
        r"^\[mkdocs\.plugins\]\nfinsam = finsam\.site\.plugin:FinsamPlugin$", entries, re.M
    )
