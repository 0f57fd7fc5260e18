"""make mutation rewrites @rule(...) decorators so that mutmut mutates the rules: the rewrite
must register the same rules, in the same order, with the same function bodies."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.mutation import REPO, undecorate

SAMPLE = '''@rule("X1", "namn", Severity.FEL)
def first(info, ctx):
    """Doc."""
    return []


@rule(
    "X2",
    "namn",
    Severity.VARNING,
)
def second(info, ctx):
    yield 1


def helper():
    return 2
'''


def test_undecorate_moves_the_rule_call_after_the_function() -> None:
    assert undecorate(SAMPLE) == (
        'def first(info, ctx):\n    """Doc."""\n    return []\n'
        'first = rule("X1", "namn", Severity.FEL)(first)\n\n\n'
        "def second(info, ctx):\n    yield 1\n"
        'second = rule(\n    "X2",\n    "namn",\n    Severity.VARNING,\n)(second)\n\n\n'
        "def helper():\n    return 2\n"
    )


@pytest.mark.parametrize(
    "path", sorted((REPO / "src" / "finsam" / "rules").glob("*.py")), ids=lambda p: p.name
)
def test_undecorated_rule_modules_register_the_same_rules(path: Path) -> None:
    source = path.read_text("utf-8")
    before = ast.parse(source)
    after = ast.parse(undecorate(source))

    def rules(tree: ast.Module) -> list[str]:
        return [
            ast.unparse(node)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "rule"
        ]

    def bodies(tree: ast.Module) -> dict[str, str]:
        return {
            n.name: ast.unparse(n.body)  # type: ignore[arg-type]
            for n in tree.body
            if isinstance(n, ast.FunctionDef)
        }

    assert rules(after) == rules(before)
    assert bodies(after) == bodies(before)
    assert all(
        not (
            isinstance(n, ast.FunctionDef)
            and any("rule" in ast.unparse(d) for d in n.decorator_list)
        )
        for n in after.body
    )


def test_every_module_to_mutate_exists() -> None:
    import tomllib

    from tests.mutation import REPO

    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    missing = [path for path in config["only_mutate"] if not (REPO / path).is_file()]
    assert config["only_mutate"] and missing == []
