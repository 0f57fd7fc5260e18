"""MkDocs hook: adds the pages that finsam generates in plain Python.

Kept thin on purpose: all content comes from the ``finsam.site`` package, so the same pages
can be written to a folder (`finsam sajt`) and built by any MkDocs-compatible tool.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from finsam.config import CONFIG_NAME, load_forbund
from finsam.reporters.text import format_finding
from finsam.site.pages import generate
from finsam.site.render import compact


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config: Any) -> Files:
    root = _root(config)
    forbund, findings = load_forbund(root / CONFIG_NAME)
    if forbund is None:
        raise PluginError("\n".join(format_finding(f) for f in findings))
    for path, content in generate(root, forbund, config.site_url or "").items():
        files.append(File.generated(config, path, content=content))
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact(output)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    # Rebuild live when an application, the configuration or a schema changes.
    root = _root(config)
    for watched in ("applications", CONFIG_NAME, "schema"):
        if (root / watched).exists():
            server.watch(str(root / watched))
    return server
