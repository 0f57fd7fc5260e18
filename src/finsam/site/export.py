"""`finsam sajt`: the whole site source — docs/ plus every generated page — in one folder, with
a configuration that needs no hook, so that any MkDocs-compatible tool (MkDocs, ProperDocs)
can build it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from finsam.errors import UsageError
from finsam.model.forbund import Forbund
from finsam.site.field_guide import office_files
from finsam.site.form_assets import form_assets
from finsam.site.guidance import contact_line, fill, site_settings
from finsam.site.pages import generate, write

SITE_CONFIG = "mkdocs.yml"


def export(root: Path, forbund: Forbund, target: Path) -> Path:
    """Write docs and generated pages to ``target/docs`` and a hook-free config next to them."""
    if not (root / SITE_CONFIG).is_file():
        raise UsageError(f"{SITE_CONFIG} saknas i {root}: webbplatsens konfiguration behövs.")
    config: dict[str, Any] = yaml.safe_load((root / SITE_CONFIG).read_text("utf-8"))
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    for page in sorted(docs.rglob("*.md")):  # the guidance pages, before anything is generated
        page.write_text(fill(page.read_text("utf-8"), forbund, page.name), "utf-8")
    # Plain (already escaped) text: the YAML file cannot hold Markup objects.
    config.update({key: str(value) for key, value in site_settings(forbund).items()})
    # The contact line at the foot of every page, as the hook sets it (already escaped HTML).
    config.setdefault("extra", {})["finsam_kontakt"] = str(contact_line(forbund))
    binary = {**office_files(forbund), **form_assets(root)}  # templates; the form's Pyodide
    write(generate(root, forbund, forbund.site_url), docs, binary)
    config.pop("hooks", None)  # the pages are already written
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], target / "overrides", dirs_exist_ok=True)
        theme["custom_dir"] = "overrides"
    written = target / SITE_CONFIG
    written.write_text(
        "# Written by `finsam sajt`: build with `mkdocs build` or `properdocs build` here.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        "utf-8",
    )
    return written
