"""The MkDocs plugin ``finsam``: the whole site of a förbund from the installed package.

A förbund's mkdocs.yml names the theme and the plugin; everything else comes from here, as
defaults that its own mkdocs.yml, docs/ and theme custom_dir override (finsam.site.defaults):
the settings, the guidance pages and assets, the theme overrides, and the pages that finsam
generates from forbund.yml and applications/. Registered as the entry point ``finsam`` of the
group ``mkdocs.plugins`` (ProperDocs reads it too); hooks/finsam_pages.py offers the same events
to a builder that loads hooks by path.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

import pathspec
from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from finsam.errors import UsageError
from finsam.model.forbund import CONFIG_NAME, Forbund, load_forbund
from finsam.reporters.text import format_finding
from finsam.site import defaults
from finsam.site.field_guide import office_files
from finsam.site.form_assets import form_assets
from finsam.site.guidance import contact_line, fill, site_settings
from finsam.site.html_parts import page_parts, wrap_tables
from finsam.site.insatser import approved_insatser
from finsam.site.pages import (
    SearchEntry,
    generate,
    insats_path,
    search_entry,
    with_search_entries,
)
from finsam.site.render import compact, own_search, valid_theme_markup

_LEVELS = {"warn": logging.WARNING, "info": logging.INFO, "ignore": logging.DEBUG}


# MkDocs' __init_subclass__ of Config and BasePlugin is untyped.
class FinsamConfig(base.Config):  # type: ignore[no-untyped-call]
    """The plugin has no options: everything it needs is in forbund.yml."""


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def _user_config(config: Any) -> dict[str, Any]:
    """The förbund's mkdocs.yml as written: after validation an unset option and one set to
    its default look alike, and only an unset one takes finsam's default."""
    path = config.config_file_path
    if not path or not Path(path).is_file():
        return {}
    with Path(path).open("rb") as stream:  # as MkDocs reads it: !ENV, !relative, INHERIT
        loaded = yaml_load(stream, get_yaml_loader(config=config))
    return loaded if isinstance(loaded, dict) else {}


def apply_defaults(config: Any) -> None:
    """finsam's defaults on MkDocs' validated configuration, wherever mkdocs.yml sets none."""
    user = _user_config(config)
    theme = config.theme  # a Theme: a mapping of the theme's options, with .dirs
    # The förbund's custom_dir (if any) first, so its own overrides win; then finsam's.
    package_theme = str(defaults.theme_folder())
    if package_theme not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, package_theme)
    theme["font"] = defaults.FONT
    if not theme.get("features"):
        theme["features"] = list(defaults.FEATURES)
    if "palette" not in theme:
        theme["palette"] = dict(defaults.PALETTE)

    # toc and tables are MkDocs' built-ins, always listed; their settings are in mdx_configs.
    for name, settings in defaults.EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        if settings and name not in config.mdx_configs:
            config.mdx_configs[name] = dict(settings)

    paths = {getattr(item, "path", item) for item in config.extra_css}
    config.extra_css.extend(path for path in defaults.EXTRA_CSS if path not in paths)
    paths = {getattr(item, "path", item) for item in config.extra_javascript}
    config.extra_javascript.extend(p for p in defaults.EXTRA_JAVASCRIPT if p not in paths)

    if config.nav is None:
        config.nav = copy.deepcopy(defaults.NAV)
    hidden = pathspec.GitIgnoreSpec.from_lines(defaults.NOT_IN_NAV)
    config.not_in_nav = hidden if config.not_in_nav is None else config.not_in_nav + hidden
    for section, key in defaults.unset_validation(user.get("validation")):
        setattr(config.validation[section], key, _LEVELS[defaults.VALIDATION[section, key]])


class FinsamPlugin(BasePlugin[FinsamConfig]):  # type: ignore[no-untyped-call]
    """The events of one build; what a build collects stays on the instance."""

    def __init__(self) -> None:
        self.forbund: Forbund | None = None
        # Each insats's entry in the site's search, added to the theme's index after the build.
        self.search_entries: list[SearchEntry] = []
        # The HTML of each generated page, put in place after Markdown (page_parts), by path.
        self.bodies: dict[str, str] = {}

    def _load_forbund(self, config: Any) -> Forbund:
        forbund, findings = load_forbund(_root(config) / CONFIG_NAME)
        if forbund is None:
            raise PluginError("\n".join(format_finding(f) for f in findings))
        self.forbund = forbund
        return forbund

    # Before other plugins read the configuration: they see the theme and settings in full.
    @event_priority(50)
    def on_config(self, config: Any) -> Any:
        apply_defaults(config)
        # The site's name, address and copyright come from forbund.yml, not from mkdocs.yml.
        forbund = self._load_forbund(config)
        for key, value in site_settings(forbund).items():
            config[key] = value
        # The sender and contact line at the foot of every page (partials/copyright.html).
        config["extra"]["finsam_kontakt"] = contact_line(forbund)
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        root = _root(config)
        forbund = self.forbund or self._load_forbund(config)
        # A default page or asset, unless the förbund's docs/ has its own at the same path.
        folder = str(defaults.docs_folder())
        for path in defaults.default_files():
            if files.get_file_from_path(path) is None:
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))
        insatser = approved_insatser(root, forbund)
        self.bodies = {}
        summaries: dict[str, str] = {}  # each insats's summary for the search, made with its page
        for path, content in generate(
            root, forbund, config.site_url or "", insatser, summaries
        ).items():
            parts = page_parts(content) if path.endswith(".md") else None
            if parts is not None:
                content, self.bodies[path] = parts
            files.append(File.generated(config, path, content=content))
        for path, data in office_files(forbund).items():  # the Word and Excel templates
            files.append(File.generated(config, path, content=data))
        try:  # Pyodide and the desk's Python code, for the form Skriv ansökan
            assets = form_assets(root)
        except UsageError as exc:
            raise PluginError(str(exc)) from exc
        for path, data in assets.items():
            files.append(File.generated(config, path, content=data))
        self.search_entries = [
            search_entry(
                insats,
                forbund,
                files.get_file_from_path(insats_path(insats)).url,  # type: ignore[union-attr]
                summaries.get(insats.id),
            )
            for insats in insatser
        ]
        return files

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        # Only the guidance pages hold placeholders; generated pages carry applicants' text.
        if page.file.generated_by is not None:
            return markdown
        forbund = self.forbund or self._load_forbund(config)
        try:
            return fill(markdown, forbund, page.file.src_uri)
        except UsageError as exc:
            raise PluginError(str(exc)) from exc

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        # A generated page is one HTML block that the toc extension does not look into: its
        # table of contents (and with it the theme's skip link) comes with the page.
        if page.file.generated_by is None:
            return wrap_tables(html)  # tables in the guidance, each in a scroll region
        html = self.bodies.get(page.file.src_uri, html)
        tokens = page.meta.get("finsam_toc")
        if isinstance(tokens, list) and not page.toc.items:
            page.toc = get_toc(tokens)
        return html

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return compact(valid_theme_markup(own_search(output)))

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        # 404.html is built from a template, not a page.
        if template_name.endswith(".html"):
            return compact(valid_theme_markup(own_search(output_content)))
        return output_content

    def on_post_build(self, config: Any) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():
            text = with_search_entries(index.read_text("utf-8"), self.search_entries)
            index.write_text(text, "utf-8")

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # Rebuild live when an application, the configuration, a schema or a default changes.
        root = _root(config)
        for watched in ("applications", CONFIG_NAME, "schema"):
            if (root / watched).exists():
                server.watch(str(root / watched))
        for folder in (defaults.docs_folder(), defaults.theme_folder()):
            server.watch(str(folder))
        return server
