"""`finsam sajt`: the whole site source — the förbund's docs/ over finsam's default pages, plus
every generated page — in one folder, with a configuration that needs neither the finsam
plugin nor a hook, so that any MkDocs-compatible tool (MkDocs, ProperDocs) can build it.
Everything the plugin adds while building (finsam.site.defaults) is written out here."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from finsam.errors import UsageError
from finsam.model.forbund import Forbund
from finsam.site import defaults
from finsam.site.field_guide import office_files
from finsam.site.form_assets import form_assets
from finsam.site.guidance import contact_line, fill, site_settings
from finsam.site.pages import generate, write

SITE_CONFIG = "mkdocs.yml"
THEME = "overrides"  # below the target: finsam's theme overrides under the förbund's own


class _Dumper(yaml.SafeDumper):
    """Writes a text of several lines (not_in_nav) as a block, as a person would."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def export(root: Path, forbund: Forbund, target: Path) -> Path:
    """Write docs and generated pages to ``target/docs`` and a plain config next to them."""
    if not (root / SITE_CONFIG).is_file():
        raise UsageError(f"{SITE_CONFIG} saknas i {root}: webbplatsens konfiguration behövs.")
    raw = yaml.safe_load((root / SITE_CONFIG).read_text("utf-8"))
    if not isinstance(raw, dict):
        raise UsageError(f"{root / SITE_CONFIG} är ingen webbplatskonfiguration.")
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    own_docs = root / raw.get("docs_dir", "docs")
    if own_docs.is_dir():
        shutil.copytree(own_docs, docs)
    docs.mkdir(parents=True, exist_ok=True)
    for path, source in defaults.default_files().items():  # where the förbund has none
        if not (docs / path).exists():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, docs / path)
    for page in sorted(docs.rglob("*.md")):  # the guidance pages, before anything is generated
        page.write_text(fill(page.read_text("utf-8"), forbund, page.name), "utf-8")

    # finsam's theme overrides, then the förbund's own over them (its files win).
    theme_dir = target / THEME
    if theme_dir.exists():
        shutil.rmtree(theme_dir)
    shutil.copytree(defaults.theme_folder(), theme_dir)
    theme = raw.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], theme_dir, dirs_exist_ok=True)
    config: dict[str, Any] = defaults.plain_config(raw, THEME)

    # Plain (already escaped) text: the YAML file cannot hold Markup objects.
    config.update({key: str(value) for key, value in site_settings(forbund).items()})
    # The contact line at the foot of every page, as the plugin sets it (already escaped HTML).
    config.setdefault("extra", {})["finsam_kontakt"] = str(contact_line(forbund))
    binary = {**office_files(forbund), **form_assets(root)}  # templates; the form's Pyodide
    write(generate(root, forbund, forbund.site_url), docs, binary)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    written = target / SITE_CONFIG
    written.write_text(
        "# Written by `finsam sajt`: build with `mkdocs build` or `properdocs build` here.\n"
        + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False),
        "utf-8",
    )
    return written
