"""MkDocs hook: adds the pages that finsam generates in plain Python.

Kept thin on purpose: all content comes from the ``finsam.site`` package, so the same pages
can be written to a folder (`finsam sajt`) and built by any MkDocs-compatible tool.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from finsam.errors import UsageError
from finsam.model.forbund import CONFIG_NAME, Forbund, load_forbund
from finsam.reporters.text import format_finding
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


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def _forbund(config: Any) -> Forbund:
    forbund, findings = load_forbund(_root(config) / CONFIG_NAME)
    if forbund is None:
        raise PluginError("\n".join(format_finding(f) for f in findings))
    return forbund


def on_config(config: Any) -> Any:
    # The site's name, address and copyright come from forbund.yml, not from mkdocs.yml.
    forbund = _forbund(config)
    for key, value in site_settings(forbund).items():
        config[key] = value
    # The sender and contact line at the foot of every page (overrides/partials/copyright.html).
    config["extra"]["finsam_kontakt"] = contact_line(forbund)
    return config


# Each insats's entry in the site's search, added to the theme's index after the build.
_search_entries: list[SearchEntry] = []
# The HTML of each generated page, put in place after Markdown (page_parts), by docs path.
_bodies: dict[str, str] = {}


def on_files(files: Files, config: Any) -> Files:
    root = _root(config)
    forbund = _forbund(config)
    insatser = approved_insatser(root, forbund)
    _bodies.clear()
    summaries: dict[str, str] = {}  # each insats's summary for the search, made with its page
    for path, content in generate(
        root, forbund, config.site_url or "", insatser, summaries
    ).items():
        parts = page_parts(content) if path.endswith(".md") else None
        if parts is not None:
            content, _bodies[path] = parts
        files.append(File.generated(config, path, content=content))
    for path, data in office_files(forbund).items():  # the Word and Excel templates
        files.append(File.generated(config, path, content=data))
    try:  # Pyodide and the desk's Python code, for the form Skriv ansökan
        assets = form_assets(root)
    except UsageError as exc:
        raise PluginError(str(exc)) from exc
    for path, data in assets.items():
        files.append(File.generated(config, path, content=data))
    _search_entries[:] = [
        search_entry(
            insats,
            forbund,
            files.get_file_from_path(insats_path(insats)).url,  # type: ignore[union-attr]
            summaries.get(insats.id),
        )
        for insats in insatser
    ]
    return files


def on_post_build(config: Any) -> None:
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(with_search_entries(index.read_text("utf-8"), _search_entries), "utf-8")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    # Only the guidance pages in docs/ hold placeholders; generated pages carry applicants' text.
    if page.file.generated_by is not None:
        return markdown
    try:
        return fill(markdown, _forbund(config), page.file.src_uri)
    except UsageError as exc:
        raise PluginError(str(exc)) from exc


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    # A generated page is one HTML block that the toc extension does not look into: its table
    # of contents (and with it the theme's skip link) comes with the page (html_parts.page).
    if page.file.generated_by is None:
        return wrap_tables(html)  # tables in the guidance, each in a scroll region of its own
    html = _bodies.get(page.file.src_uri, html)
    tokens = page.meta.get("finsam_toc")
    if isinstance(tokens, list) and not page.toc.items:
        page.toc = get_toc(tokens)
    return html


def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact(valid_theme_markup(own_search(output)))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # 404.html is built from a template, not a page.
    if template_name.endswith(".html"):
        return compact(valid_theme_markup(own_search(output_content)))
    return output_content


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    # Rebuild live when an application, the configuration or a schema changes.
    root = _root(config)
    for watched in ("applications", CONFIG_NAME, "schema"):
        if (root / watched).exists():
            server.watch(str(root / watched))
    return server
