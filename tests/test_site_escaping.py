"""Escaping on the site is structural: no code in finsam.site (the MkDocs plugin in plugin.py
too, and its hook adapter) can put HTML together except through the safe builders in
finsam.site.html_parts, so forgetting to escape is not possible (test_site_safety.py shows the
result on every field)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from finsam.site import html_parts as h
from finsam.site.render import markdown_html
from tests.site_helpers import REPO

SITE = REPO / "src" / "finsam" / "site"
SOURCES = [*sorted(SITE.glob("*.py")), REPO / "hooks" / "finsam_pages.py"]
BUILDERS = SITE / "html_parts.py"
# The only two places where a string becomes Markup: constant templates, and applicant
# Markdown after nh3 has cleaned it; plain_text only reads markup, to give its words back.
TRUSTED = {
    ("html_parts.py", "html"),
    ("render.py", "markdown_html"),
    ("html_parts.py", "plain_text"),
}
TAG = re.compile(r"<[a-zA-Z/!]")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), str(path))


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _functions(tree: ast.Module) -> dict[ast.AST, str]:
    """Every node mapped to the name of the function that holds it ("" at module level)."""
    owner: dict[ast.AST, str] = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                owner.setdefault(node, function.name)
    return owner


def _docstrings(tree: ast.Module) -> set[ast.AST]:
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(first.value)
    return found


def test_the_plugin_is_among_the_sources() -> None:
    assert SITE / "plugin.py" in SOURCES and SITE / "defaults.py" in SOURCES


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_opt_in_escaping(path: Path) -> None:
    source = path.read_text("utf-8")
    assert "esc(" not in source
    assert not re.search(r"^\s*(import html\b|from html import)", source, re.MULTILINE)
    if path != BUILDERS:
        assert not re.search(r"\bescape\(", source)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_markup_comes_only_from_the_two_trusted_places(path: Path) -> None:
    tree = _tree(path)
    owner = _functions(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "markupsafe":
            assert (path.name, "") in {(p, "") for p, _ in TRUSTED}, path.name
        if isinstance(node, ast.Call) and _name(node.func) == "Markup":
            assert (path.name, owner.get(node, "")) in TRUSTED, (path.name, node.lineno)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_markup_is_written_only_as_literal_templates(path: Path) -> None:
    """Every template of html() and separator of join() is a literal of the code, and no other
    string in the code holds a tag: no f-string or concatenation can build HTML."""
    tree = _tree(path)
    owner = _functions(tree)
    templates: set[ast.AST] = set()
    for node in ast.walk(tree):
        if (path.name, owner.get(node)) == ("html_parts.py", "join"):
            continue  # join passes its own literal separator on
        if isinstance(node, ast.Call) and _name(node.func) in {"html", "join"}:
            literal = node.args[0] if _name(node.func) == "html" else None
            if _name(node.func) == "join" and len(node.args) > 1:
                literal = node.args[1]
            if literal is not None:
                assert isinstance(literal, ast.Constant) and isinstance(literal.value, str), (
                    path.name,
                    node.lineno,
                )
                templates.add(literal)
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node not in templates
            and node not in docstrings
        ):
            assert not TAG.search(node.value), (path.name, node.lineno, node.value)


def test_the_builders_escape_text_and_keep_markup() -> None:
    assert h.html("<p>{}</p>", "<b>&amp;") == "<p>&lt;b&gt;&amp;amp;</p>"
    assert h.html("<p>{}</p>", h.html("<b>{}</b>", "x")) == "<p><b>x</b></p>"
    assert h.join(["<i>", h.html("<br>")], ", ") == "&lt;i&gt;, <br>"
    assert h.a('"><x', "[x](javascript:alert(1))") == (
        '<a href="&#34;&gt;&lt;x">[x](javascript:alert(1))</a>'
    )
    cell = h.table("<c>", ["<h>"], [("<r>", "*x*")], numeric_from=1)
    assert "<c>" not in cell and "<h>" not in cell and "<r>" not in cell
    assert markdown_html("<b>x</b>") == "<p>&lt;b&gt;x&lt;/b&gt;</p>&#10;"


def test_a_page_stays_one_raw_html_line_whatever_the_text() -> None:
    """Text with blank lines would end the raw HTML block and hand the rest of the page to
    Python-Markdown; within the block it is one line of escaped text."""
    text = "a\n\n[x](javascript:alert(1))\r\n\n    *kod* | <b>"
    page = h.page(text, [h.html("<p>{}</p>", text)], description=text)
    front, _, body = page.partition("---\n\n")
    assert body.count("\n") == 1 and body.endswith("</div>\n")
    assert "<b>" not in body and "&lt;b&gt;" in body
    assert "\n" not in front.split("title: ", 1)[1].split("\n")[0][:-1]
