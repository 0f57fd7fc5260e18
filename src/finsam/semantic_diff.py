"""`finsam diff`: what changed in an insats between two revisions, in the documents' own terms —
budget per category and year, front-matter fields, and sections — for reviewing a revision
such as a förlängning or an avvikelse."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finsam.git import show
from finsam.loader.markdown_doc import sections, split_front_matter
from finsam.loader.text import decode
from finsam.loader.yaml_strict import parse_yaml
from finsam.markdown_text import literal
from finsam.model.budget import OWN, SOUGHT, Row, read_rows, totals
from finsam.model.forbund import Forbund
from finsam.sv import kronor

EXCERPT_WORDS = 12


@dataclass
class Revision:
    ref: str
    front: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    exists: bool = False


@dataclass
class SectionChange:
    heading: str
    kind: str  # "ny", "borttagen" or "ändrad"
    added: int = 0
    removed: int = 0
    excerpt: str = ""


@dataclass
class InsatsDiff:
    id: str
    before: Revision
    after: Revision
    budget: list[tuple[str, int, int, int]]  # label, year, before, after
    fields: list[tuple[str, str, str]]  # path, before, after
    sections: list[SectionChange]

    @property
    def empty(self) -> bool:
        return not (self.budget or self.fields or self.sections)


def _text(raw: bytes | None, name: str) -> str | None:
    if raw is None:
        return None
    text, _ = decode(raw, name)
    return text


def read_revision(root: Path, ref: str, folder: str) -> Revision:
    revision = Revision(ref)
    ansokan = _text(show(root, ref, f"{folder}/ansokan.md"), "ansokan.md")
    if ansokan is not None:
        revision.exists = True
        front, _ = split_front_matter(ansokan, "ansokan.md")
        if front is not None:
            doc, _ = parse_yaml(front.yaml_text, "ansokan.md")
            if doc is not None and isinstance(doc.data, dict):
                revision.front = doc.data
            revision.sections = {s.heading: s.text for s in sections(front.body, front.body_line)}
    budget = _text(show(root, ref, f"{folder}/budget.yaml"), "budget.yaml")
    if budget is not None:
        revision.exists = True
        doc, _ = parse_yaml(budget, "budget.yaml")
        if doc is not None:
            revision.rows = read_rows(doc.data)
    return revision


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Leaf values by dotted path: {'period.slut': '2027-12-31', 'mal.resultatmal[1].text': …}."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value, 1):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out
    return {prefix: "" if value is None else str(value)}


def _budget_cells(rows: list[Row], names: dict[str, str]) -> dict[tuple[str, int], int]:
    cells: dict[tuple[str, int], int] = {}
    for row in rows:
        label = names.get(row.category, row.category)
        if row.financing == OWN:
            label += " (egenfinansiering)"
        for year, amount in row.amounts.items():
            cells[(label, year)] = cells.get((label, year), 0) + amount
    return cells


def _word_change(heading: str, before: str, after: str) -> SectionChange:
    old, new = before.split(), after.split()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    change = SectionChange(heading, "ändrad")
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            change.removed += i2 - i1
        if tag in ("replace", "insert"):
            change.added += j2 - j1
            if not change.excerpt:
                words = new[j1:j2]
                change.excerpt = " ".join(words[:EXCERPT_WORDS]) + (
                    " …" if len(words) > EXCERPT_WORDS else ""
                )
    return change


def compare(
    root: Path, before_ref: str, after_ref: str, insats: str, forbund: Forbund
) -> InsatsDiff:
    folder = f"applications/{insats}"
    before, after = read_revision(root, before_ref, folder), read_revision(root, after_ref, folder)
    names: dict[str, str] = {}
    for template in forbund.templates.values():
        for category in (*template.categories, *template.forbidden):
            names.setdefault(category.id, category.name)
    old_cells, new_cells = _budget_cells(before.rows, names), _budget_cells(after.rows, names)
    budget = [
        (label, year, old_cells.get((label, year), 0), new_cells.get((label, year), 0))
        for label, year in sorted(set(old_cells) | set(new_cells), key=lambda k: (k[0], k[1]))
        if old_cells.get((label, year), 0) != new_cells.get((label, year), 0)
    ]
    old_sums = totals(before.rows).by_year[SOUGHT]
    new_sums = totals(after.rows).by_year[SOUGHT]
    budget += [
        ("Summa från förbundet", year, old_sums.get(year, 0), new_sums.get(year, 0))
        for year in sorted(set(old_sums) | set(new_sums))
        if old_sums.get(year, 0) != new_sums.get(year, 0)
    ]
    old_fields, new_fields = flatten(before.front), flatten(after.front)
    fields = [
        (path, old_fields.get(path, ""), new_fields.get(path, ""))
        for path in sorted(set(old_fields) | set(new_fields))
        if old_fields.get(path) != new_fields.get(path)
    ]
    changes = []
    for heading in after.sections:
        if heading not in before.sections:
            added = len(after.sections[heading].split())
            changes.append(SectionChange(heading, "ny", added=added))
        elif " ".join(before.sections[heading].split()) != " ".join(
            after.sections[heading].split()
        ):
            changes.append(_word_change(heading, before.sections[heading], after.sections[heading]))
    for heading in before.sections:
        if heading not in after.sections:
            changes.append(
                SectionChange(heading, "borttagen", removed=len(before.sections[heading].split()))
            )
    return InsatsDiff(insats, before, after, budget, fields, changes)


def _signed(value: int) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "±") + kronor(abs(value))


def _short(value: str, limit: int = 60) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _section_line(change: SectionChange) -> str:
    if change.kind == "ny":
        return f"{change.heading}: nytt avsnitt ({change.added} ord)"
    if change.kind == "borttagen":
        return f"{change.heading}: borttaget ({change.removed} ord)"
    text = f"{change.heading}: +{change.added} ord, −{change.removed} ord"
    return text + (f" (nytt: ”{change.excerpt}”)" if change.excerpt else "")


def render_text(diff: InsatsDiff) -> str:
    out = [f"Ändringar i {diff.id} från {diff.before.ref} till {diff.after.ref}"]
    if not diff.before.exists:
        out.append("Insatsen är ny.")
    if diff.empty:
        out.append("Inga ändringar i ansökan eller budget.")
        return "\n".join(out) + "\n"
    if diff.budget:
        rows = [
            (label, str(year), kronor(b), kronor(a), _signed(a - b))
            for label, year, b, a in diff.budget
        ]
        header = ("Kategori", "År", "Före", "Efter", "Förändring")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
        out += ["", "Budget"]
        for row in [header, *rows]:
            out.append(
                "  ".join(
                    [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
                    + [c.rjust(w) for c, w in zip(row[2:], widths[2:], strict=True)]
                )
            )
    if diff.fields:
        out += ["", "Uppgifter"]
        out += [
            f"{path}: {_short(b) or '(saknas)'} → {_short(a) or '(borttagen)'}"
            for path, b, a in diff.fields
        ]
    if diff.sections:
        out += ["", "Avsnitt"]
        out += [_section_line(c) for c in diff.sections]
    return "\n".join(out) + "\n"


def render_markdown(diff: InsatsDiff) -> str:
    out = [
        f"### Ändringar i `{diff.id}` ({literal(diff.before.ref)} → {literal(diff.after.ref)})",
        "",
    ]
    if not diff.before.exists:
        out += ["Insatsen är ny.", ""]
    if diff.empty:
        return "\n".join([*out, "Inga ändringar i ansökan eller budget.", ""])
    if diff.budget:
        out += [
            "**Budget**",
            "",
            "| Kategori | År | Före | Efter | Förändring |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        out += [
            f"| {literal(label)} | {year} | {kronor(b)} | {kronor(a)} | {_signed(a - b)} |"
            for label, year, b, a in diff.budget
        ]
        out.append("")
    if diff.fields:
        out += ["**Uppgifter**", "", "| Fält | Före | Efter |", "| --- | --- | --- |"]
        out += [
            f"| `{path}` | {literal(_short(b))} | {literal(_short(a))} |"
            for path, b, a in diff.fields
        ]
        out.append("")
    if diff.sections:
        out += ["**Avsnitt**", ""]
        out += [f"- {literal(_section_line(c))}" for c in diff.sections]
        out.append("")
    return "\n".join(out)


RENDERERS = {"text": render_text, "markdown": render_markdown}
