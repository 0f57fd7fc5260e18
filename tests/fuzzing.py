"""Mutation fuzzing of the documents of one application folder, shared by tests/test_fuzz.py and
bench/bench_fuzz.py.

Each input is a valid fixture with one of its documents mutated, either at the YAML-value level
(a scalar replaced by another type, a huge or non-canonical number, an out-of-range date, a key
deleted, renamed or a list item duplicated) or at the text level (byte flips, truncation). The
folder is then checked in-process; the only acceptable result is a list of findings.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import shutil
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from finsam import budget_report, followup
from finsam.checker import inspect_application
from finsam.findings import Finding
from finsam.loader.yaml_strict import parse_yaml
from finsam.model.decision import placed_grants
from finsam.model.forbund import Forbund, load_forbund
from finsam.rules.frame import frame_findings
from finsam.rules.registry import Context
from finsam.site import insatser, pages

TESTS = Path(__file__).resolve().parent
FIXTURE = TESTS / "cases" / "valid" / "med-rapporter"
FORBUND = TESTS / "forbund.yml"

# The document kinds that are mutated: file name in the folder, and whether it is front matter.
KINDS = {
    "ansokan": ("ansokan.md", True),
    "budget": ("budget.yaml", False),
    "beslut": ("beslut.yaml", False),
    "rapport": ("rapporter/2025-ar.md", True),
}

# Scalars written as they stand in the file (not as YAML would quote them).
RAW_SCALARS = [
    "1e6", "3.0e5", "10.0", "-0", "+5", "0x1F", "0o17", "1_000", "007", "1e999", "-1e999",
    ".inf", "-.inf", ".nan", "9" * 5000, "-" + "9" * 5000, "1" + "0" * 30, "-1", "0.5", "-12.5",
    "9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01", "2025-02-30", "2025-13-01",
    "2025-7-1", "true", "no", "null", "~", "''", '""', "[]", "{}", "[beviljad]", "{a: 1}",
    '"år 2025"', '"2025 prognos"', "2025 prognos", "år 2025", "Ω≈ç√∫", '"\\u00e5\\u0301"',
    "[[1, 2], {x: []}]", "{2025: 1e6}", "{år 2025: 5}", "{lon: {år 2025: 5}}", "{lon: [1]}",
    "1e-300", "5e-324", "0.0000001", "1e15", "123456789012345", "{start: 9999-12-31}",
]  # fmt: skip
RAW_KEYS = [
    "2025 prognos", "år 2025", "1e6", "-0", "99999", "1899", "2201", "0x7E9", "''", "null",
    "true", "2025.0", "+2025", "٢٠٢٥", "²⁰²⁵", "x" * 300,
]  # fmt: skip


@dataclass
class Crash:
    kind: str
    text: str
    error: str


_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _placeholder(number: int) -> str:
    return f"RAWSCALAR{number:06d}X"


class _Raw:
    """Collects raw scalars behind placeholders that yaml.safe_dump writes plainly."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def add(self, text: str) -> str:
        key = _placeholder(len(self.texts))
        self.texts[key] = text
        return key

    def apply(self, dumped: str) -> str:
        for key, text in self.texts.items():
            dumped = dumped.replace(key, text)
        return dumped


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*path, index))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def _mutate_value(data: Any, rng: random.Random, raw: _Raw) -> Any:
    paths = [p for p in _paths(data) if p]
    if not paths:
        return raw.add(rng.choice(RAW_SCALARS))
    path = rng.choice(paths)
    parent, last = _parent(data, path), path[-1]
    action = rng.random()
    if action < 0.6:
        parent[last] = raw.add(rng.choice(RAW_SCALARS))
    elif action < 0.7 and isinstance(parent, dict):
        del parent[last]
    elif action < 0.85 and isinstance(parent, dict):
        value = parent.pop(last)
        parent[raw.add(rng.choice(RAW_KEYS))] = value
    elif isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    else:
        parent[last] = rng.choice([[], {}, [parent[last]], {"x": parent[last]}, None])
    return data


def _dump(data: Any, raw: _Raw) -> str:
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return raw.apply(text)


def _mutate_text(text: str, rng: random.Random) -> str:
    encoded = bytearray(text.encode("utf-8"))
    action = rng.random()
    if action < 0.5 and encoded:
        for _ in range(rng.randint(1, 4)):
            index = rng.randrange(len(encoded))
            encoded[index] ^= 1 << rng.randrange(8)
    elif action < 0.8:
        encoded = encoded[: rng.randrange(len(encoded) + 1)]
    else:
        index = rng.randrange(len(encoded) + 1)
        encoded[index:index] = rng.choice([b": ", b"- ", b"[", b"{", b'"', b"\t", b"1e999", b"#"])
    return encoded.decode("utf-8", errors="surrogateescape")


def mutations(kind: str, seed: int) -> Iterator[str]:
    """An endless stream of mutated texts of one document kind."""
    name, front = KINDS[kind]
    original = (FIXTURE / name).read_text("utf-8")
    if front:
        _, yaml_text, body = original.split("---\n", 2)
    else:
        yaml_text, body = original, ""
    doc, findings = parse_yaml(yaml_text, name)
    assert doc is not None and not findings, findings
    rng = random.Random(seed)  # noqa: S311  (reproducible, not secret)
    while True:
        if rng.random() < 0.8:
            raw = _Raw()
            data = copy.deepcopy(doc.data)
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                data = _mutate_value(data, rng, raw)
            mutated = _dump(data, raw)
            yield f"---\n{mutated}---\n{body}" if front else mutated
        else:
            yield _mutate_text(original, rng)


class FuzzFolder:
    """A temporary copy of the fixture whose documents are overwritten one at a time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "applications" / FIXTURE.name
        shutil.copytree(FIXTURE, self.folder)
        forbund, findings = load_forbund(FORBUND, "forbund.yml")
        assert forbund is not None, findings
        self.forbund: Forbund = forbund
        self.changed: Path | None = None  # the one document that differs from the fixture

    def check(self, kind: str, text: str) -> list[Finding]:
        """Check the folder with one document replaced; raises whatever the checker raises."""
        name, _ = KINDS[kind]
        path = self.folder / name
        if self.changed is not None and self.changed != path:
            self.changed.write_bytes((FIXTURE / self.changed.relative_to(self.folder)).read_bytes())
        self.changed = path
        path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
        context, findings = inspect_application(self.folder, self.root, self.forbund)
        if context.app.beslut is not None:
            beslut = context.app.beslut
            grants = placed_grants(beslut.data, beslut.positions)
            findings += frame_findings(self.forbund, [(beslut.rel, grants)], {})
        self.checked += 1
        if self.outlet_every and self.checked % self.outlet_every == 0:
            self.run_outlets(context)
        return findings

    # Every n-th mutated folder also goes to status, export, budget tables and the site (they
    # cost more than the check itself); 1 sends every folder, 0 none.
    outlet_every = 8
    checked = 0

    def run_outlets(self, context: Context) -> None:
        """Every outlet that reads a folder whatever its findings: none may raise either."""
        for today in (dt.date(2025, 1, 1), dt.date(2026, 11, 25)):
            followup.render_json(followup.statuses(self.root, self.forbund, today), today)
        followup.export_uppfoljning(self.root, self.forbund, 2025)
        if context.app.budget is not None and context.app.budget.schema_valid:
            report = budget_report.build_report(context.insats)
            for render in budget_report.RENDERERS.values():
                render(report)
        insats = insatser.read_insats(self.folder, self.root, self.forbund)
        if insats is not None:
            pages.insats_page(insats, self.forbund)


def run(
    root: Path,
    per_kind: int,
    seed: int = 2026,
    on_crash: Callable[[Crash], None] | None = None,
) -> tuple[int, list[Crash]]:
    """Check ``per_kind`` mutated documents of every kind; return the count and the crashes."""
    folder = FuzzFolder(root)
    crashes: list[Crash] = []
    count = 0
    for number, kind in enumerate(KINDS):
        stream = mutations(kind, seed + number)
        for _ in range(per_kind):
            text = next(stream)
            count += 1
            try:
                result = folder.check(kind, text)
                if not isinstance(result, list) or not all(isinstance(f, Finding) for f in result):
                    raise TypeError(f"the checker returned {type(result).__name__}")
            except Exception:  # every exception that escapes is what we look for
                crash = Crash(kind, text, traceback.format_exc(limit=-3))
                crashes.append(crash)
                if on_crash is not None:
                    on_crash(crash)
    return count, crashes
