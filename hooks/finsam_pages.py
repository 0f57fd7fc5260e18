"""MkDocs hook adapter for the finsam plugin (finsam.site.plugin), for a builder that loads
hooks by path instead of plugins by entry point:

    hooks:
      - hooks/finsam_pages.py

in place of ``- finsam`` under ``plugins:``. All logic is in the plugin. MkDocs imports this file
once per process (`mkdocs serve` keeps it across rebuilds); the plugin instance starts each
build's state afresh in on_config and on_files.
"""

from __future__ import annotations

from finsam.site.plugin import FinsamPlugin

_plugin = FinsamPlugin()

on_config = _plugin.on_config
on_files = _plugin.on_files
on_page_markdown = _plugin.on_page_markdown
on_page_content = _plugin.on_page_content
on_post_page = _plugin.on_post_page
on_post_template = _plugin.on_post_template
on_post_build = _plugin.on_post_build
on_serve = _plugin.on_serve
