"""``make mutation``: mutation testing of the rule modules with mutmut.

mutmut leaves decorated functions alone, and every document rule is registered by the
``@rule(...)`` decorator. ``prepare`` therefore builds a copy of the project under
build/mutation/ in which each ``@rule(...)`` above a function becomes the same call after it
(``name = rule(...)(name)``): the same registration, in the same order, of a function mutmut
can mutate. src/ itself is never changed. ``score`` prints killed/total from mutmut's results.

    python tests/mutation.py prepare   # then: cd build/mutation && mutmut run
    python tests/mutation.py score
"""

from __future__ import annotations

import ast
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "build" / "mutation"
# What the tests need beside src/: the project file (mutmut's configuration), the tests and
# the data they read from the repository.
COPY = ["pyproject.toml", "tests", "schema", "forbund.yml", "applications"]


def undecorate(source: str) -> str:
    """Move each module-level ``@rule(...)`` decorator to a call after its function."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, list[str]]] = []  # (first line, last line) replaced by lines
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.decorator_list) != 1:
            continue
        decorator = node.decorator_list[0]
        if not (isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "rule"):
            continue
        call = ast.get_source_segment(source, decorator)
        assert call is not None and node.end_lineno is not None
        first = decorator.lineno - 1  # the line of the @ (0-based)
        end = decorator.end_lineno or decorator.lineno  # the line after the decorator
        body = lines[end : node.end_lineno]
        register = f"{node.name} = {call}({node.name})\n"
        edits.append((first, node.end_lineno, [*body, register]))
    for first, last, new in reversed(edits):
        lines[first:last] = new
    return "".join(lines)


def prepare() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    for name in COPY:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, WORK / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, WORK / name)
    shutil.copytree(REPO / "src", WORK / "src", ignore=shutil.ignore_patterns("__pycache__"))
    changed = 0
    for path in sorted((WORK / "src" / "finsam" / "rules").glob("*.py")):
        text = path.read_text("utf-8")
        new = undecorate(text)
        if new != text:
            path.write_text(new, "utf-8")
            changed += new.count(" = rule(")
    print(f"{changed} regler omskrivna utan dekoratör i {WORK.relative_to(REPO)}/src.")


def score() -> int:
    from mutmut.stats import status_by_exit_code

    metas = sorted((WORK / "mutants").rglob("*.py.meta"))
    if not metas:
        print("Inga resultat: kör make mutation först.", file=sys.stderr)
        return 1
    overall: Counter[str] = Counter()
    for meta in metas:
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        statuses = Counter(status_by_exit_code[code] for code in codes.values())
        if not statuses:
            continue
        overall += statuses
        name = meta.relative_to(WORK / "mutants").as_posix().removesuffix(".meta")
        total = sum(statuses.values())
        print(f"{name}: {statuses['killed']}/{total} dödade  {dict(sorted(statuses.items()))}")
    total = sum(overall.values())
    print(f"Totalt: {overall['killed']}/{total} mutanter dödade  {dict(sorted(overall.items()))}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["prepare"]:
        prepare()
    elif sys.argv[1:] == ["score"]:
        sys.exit(score())
    else:
        sys.exit(__doc__)
