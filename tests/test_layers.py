"""The architecture, checked over the import graph of src/finsam (every import, also those
inside functions): no cycles, and every import points down the layers.

    1 base      findings, catalog, limits, errors, exitcodes, sv, suggest, values, personnummer,
                cores, package_folders
    2 reading   loader/, schemas, schema_rules, config_rules, office_rules, codegen, git,
                filescan
    3 model     model/ (the förbund, application, budget, decisions, reports, deadlines)
    4 rules     rules/
    5 outlets   checker, check_cache, reporters/, site/, followup, budget_report, semantic_diff,
                pull_request, codeowners, branch_protection, scaffold, office/ (Word and
                Excel: templates, import, export), editor_schemas, document_files, form/
                (the site's form: its files, reading and check, run in the browser),
                meeting (the board's meeting papers), national (several förbund's open data),
                migrate (older documents to the current layout), scaffold_forbund and
                upgrade (a förbund's own repository, and bringing it to a new release)
    6 cli       cli, commands/, arguments (and __main__)

A module may import its own layer and the layers below it, never above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "finsam"
GENERATED = {"finsam._schema_validators"}

LAYERS: dict[str, int] = {
    "finsam.loader": 2,
    "finsam.schemas": 2,
    "finsam.schema_rules": 2,
    "finsam.config_rules": 2,
    "finsam.office_rules": 2,
    "finsam.codegen": 2,
    "finsam.git": 2,
    "finsam.filescan": 2,
    "finsam.model": 3,
    "finsam.rules": 4,
    "finsam.checker": 5,
    "finsam.check_cache": 5,
    "finsam.reporters": 5,
    "finsam.site": 5,
    "finsam.followup": 5,
    "finsam.budget_report": 5,
    "finsam.semantic_diff": 5,
    "finsam.pull_request": 5,
    "finsam.codeowners": 5,
    "finsam.branch_protection": 5,
    "finsam.scaffold": 5,
    "finsam.office": 5,
    "finsam.editor_schemas": 5,
    "finsam.form": 5,
    "finsam.document_files": 5,
    "finsam.meeting": 5,
    "finsam.national": 5,
    "finsam.migrate": 5,
    "finsam.scaffold_forbund": 5,
    "finsam.upgrade": 5,
    "finsam.arguments": 6,
    "finsam.commands": 6,
    "finsam.cli": 6,
    "finsam.__main__": 6,
}


def layer(module: str) -> int:
    """The layer of a module: the longest matching prefix in LAYERS, else the base."""
    best = ""
    for prefix in LAYERS:
        if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    return LAYERS[best] if best else 1


def modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        name = ".".join(("finsam", *path.relative_to(SRC).with_suffix("").parts))
        name = name.removesuffix(".__init__")
        if name not in GENERATED:
            found[name] = path
    return found


def imports(path: Path, known: set[str]) -> set[str]:
    """The finsam modules a file imports, anywhere in it; `from pkg import sub` is `pkg.sub`."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("finsam"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                out.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("finsam"))
    return {name for name in out if name in known}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports(path, set(found)) - {name} for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def upward(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{a} (lager {layer(a)}) importerar {b} (lager {layer(b)})"
        for a, targets in edges.items()
        for b in targets
        if layer(b) > layer(a)
    )


def test_there_is_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_every_import_points_down_the_layers() -> None:
    assert upward(graph()) == []


def test_every_module_has_a_layer_that_exists() -> None:
    names = set(modules())
    assert all(any(n == p or n.startswith(p + ".") for n in names) for p in LAYERS)


@pytest.mark.parametrize(
    ("edges", "expected_cycles", "expected_upward"),
    [
        ({"finsam.a": {"finsam.b"}, "finsam.b": {"finsam.a"}}, 1, 0),
        ({"finsam.loader.text": {"finsam.rules.format"}, "finsam.rules.format": set()}, 0, 1),
        ({"finsam.rules.x": {"finsam.loader.y"}, "finsam.loader.y": set()}, 0, 0),
    ],
)
def test_the_checks_catch_what_they_should(
    edges: dict[str, set[str]], expected_cycles: int, expected_upward: int
) -> None:
    assert len(cycles(edges)) == expected_cycles
    assert len(upward(edges)) == expected_upward


def test_every_package_ships() -> None:
    """A package missing from pyproject's list installs without it, and only an installed
    copy (the review workflow's) would notice."""
    import tomllib

    config = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text("utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("finsam", *p.parent.relative_to(SRC).parts)).removesuffix(".")
        for p in SRC.rglob("__init__.py")
    }
    assert found - listed == set()
