"""Relative links between generated pages, matching MkDocs' directory URLs."""

from __future__ import annotations

import posixpath


def page_url(md_path: str) -> str:
    """'insats/x.md' -> 'insats/x/', 'insatser/index.md' -> 'insatser/', 'index.md' -> ''."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def link(from_md: str, target: str) -> str:
    """A relative href from page ``from_md`` to a page (``*.md``) or a static file."""
    here = page_url(from_md).rstrip("/") or "."
    if target.endswith(".md"):
        url = page_url(target).rstrip("/") or "."
        rel = posixpath.relpath(url, here)
        return "./" if rel == "." else rel + "/"
    return posixpath.relpath(target, here)
