"""MkDocs hook: adds the pages that finsam generates in plain Python.

Kept thin on purpose: all content comes from the ``finsam.site`` package, so the same pages
can be written to a folder and built by any MkDocs-compatible tool.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from finsam.site.rule_catalog import catalog_markdown


def on_files(files: Files, config: Any) -> Files:
    files.append(File.generated(config, "regler.md", content=catalog_markdown()))
    return files
