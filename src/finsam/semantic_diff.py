"""`finsam diff`: what changed in an insats between two revisions, in the documents' own terms —
the sums before and after, budget per category and year, each budget row's changed fields,
front-matter fields and sections — for reviewing a revision such as a förlängning or an
avvikelse, and whether the parties' signatures still cover it (R008, finsam.rules.revision)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finsam.budget_report import NO_PARTY
from finsam.findings import Finding, Severity
from finsam.git import show
from finsam.loader.application import (
    ANSOKAN,
    ANSOKAN_FACTS,
    BUDGET,
    Ansokan,
    ApplicationFolder,
    Document,
    text_document,
)
from finsam.loader.markdown_doc import facts_name
from finsam.loader.text import decode
from finsam.loader.yaml_strict import parse_yaml
from finsam.markdown_text import literal
from finsam.model.budget import OWN, SOUGHT, Row, Totals
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.rules.revision import signed_terms, stale_finding
from finsam.sv import kronor, procent

EXCERPT_WORDS = 12
FINANCING = {SOUGHT: "förbundet", OWN: "egen finansiering"}


@dataclass
class Revision:
    """One revision of an insats: its application and budget as read at ``ref``."""

    ref: str
    documents: ApplicationFolder = field(default_factory=lambda: ApplicationFolder(Path(), ""))
    sections: dict[str, str] = field(default_factory=dict)
    exists: bool = False
    signatures_at: tuple[int, int] = (0, 0)  # line and column of underskrifter

    @property
    def facts_file(self) -> str:
        """The file that holds the application's facts: ansokan.md or ansokan.yaml."""
        ansokan = self.documents.ansokan
        return ansokan.rel if ansokan is not None else ANSOKAN

    @property
    def front(self) -> dict[str, Any]:
        ansokan = self.documents.ansokan
        return ansokan.data if ansokan is not None and isinstance(ansokan.data, dict) else {}

    def insats(self, forbund: Forbund) -> Insats:
        """The model of the revision, as the checker reads an insats: the same budget rows and
        totals (a total for the whole period that falls in one year counts there, and group
        years that agree with the rows are known per year)."""
        return Insats(self.documents, forbund)


@dataclass
class SectionChange:
    heading: str
    kind: str  # "ny", "borttagen" or "ändrad"
    added: int = 0
    removed: int = 0
    excerpt: str = ""


@dataclass(frozen=True)
class FieldChange:
    """One field of a budget row: its Swedish name and its values as shown, "" when absent."""

    name: str
    before: str
    after: str
    change: str = ""  # the difference, for amounts


@dataclass
class RowChange:
    """A budget row that is new, removed or changed between the revisions."""

    kind: str  # "ny", "borttagen" or "ändrad"
    title: str  # benämning (kategori, part) as the later revision has it
    fields: list[FieldChange]


@dataclass(frozen=True)
class TotalLine:
    """Sought from the förbund, own financing and their total, before and after."""

    label: str  # a year, or "Hela perioden"
    sought: tuple[int, int]
    own: tuple[int, int]

    @property
    def total(self) -> tuple[int, int]:
        return self.sought[0] + self.own[0], self.sought[1] + self.own[1]


@dataclass
class InsatsDiff:
    id: str
    before: Revision
    after: Revision
    budget: list[tuple[str, int, int, int]]  # label, year, before, after
    fields: list[tuple[str, str, str]]  # path, before, after
    sections: list[SectionChange]
    rows: list[RowChange] = field(default_factory=list)
    totals: list[TotalLine] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.budget or self.rows or self.fields or self.sections)

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.FEL for f in self.findings)


def _text(raw: bytes | None, name: str) -> str | None:
    if raw is None:
        return None
    text, _ = decode(raw, name)
    return text


def text_document_of(files: Mapping[str, bytes | None], name: str, kind: str) -> Ansokan | None:
    """A text document (``name``, e.g. ansokan.md) from the bytes of its files at some
    revision, in either layout, read as the loader reads it but not judged."""
    facts = facts_name(name)
    document, _ = text_document(
        _text(files.get(name), name),
        name,
        _text(files.get(facts), facts),
        facts,
        kind,
        validated=False,
    )
    return document


# The files a revision is read from: the application (in either layout) and the budget.
REVISION_FILES = (ANSOKAN, ANSOKAN_FACTS, BUDGET)


def parse_revision(ref: str, files: Mapping[str, bytes | None]) -> Revision:
    """One revision of an insats from the bytes of its files (REVISION_FILES, by name; None or
    absent when a file does not exist there). The application may stand in either layout."""
    revision = Revision(ref, exists=any(raw is not None for raw in files.values()))
    ansokan = text_document_of(files, ANSOKAN, "ansokan")
    if ansokan is not None:
        revision.sections = {s.heading: s.text for s in ansokan.sections}
        if isinstance(ansokan.data, dict):
            revision.documents.ansokan = ansokan
            pos = ansokan.positions.key(("underskrifter",))
            revision.signatures_at = (pos.line, pos.column)
    budget = _text(files.get(BUDGET), BUDGET)
    if budget is not None:
        doc, _ = parse_yaml(budget, BUDGET)
        if doc is not None:
            revision.documents.budget = Document(BUDGET, doc.data, doc.positions, False)
    return revision


def read_revision(root: Path, ref: str, folder: str) -> Revision:
    return parse_revision(
        ref, {name: show(root, ref, f"{folder}/{name}") for name in REVISION_FILES}
    )


def party_names(forbund: Forbund) -> dict[str, str]:
    return {party_id: party.name for party_id, party in forbund.parties.items()}


def stale_signature_findings(
    before: Revision, after: Revision, folder: str, forbund: Forbund
) -> list[Finding]:
    """R008 when ``after`` changes what every party had signed in ``before`` without new
    signatures; nothing when either revision lacks its application."""
    if not (before.front and after.front):
        return []
    finding = stale_finding(
        signed_terms(before.front, before.insats(forbund).totals),
        signed_terms(after.front, after.insats(forbund).totals),
        f"{folder}/{after.facts_file}",
        *after.signatures_at,
        names=party_names(forbund),
    )
    return [finding] if finding is not None else []


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


# Keys that pair a row with its earlier self, strictest first: the same post; one with another
# category; one moved to another party; one renamed. Rows left over with the same category are
# paired by their place in the file, and the rest are new or removed.
_ROW_KEYS: tuple[Callable[[Row], tuple[str, ...]], ...] = (
    lambda row: (row.label, row.category, row.party or ""),
    lambda row: (row.label, row.party or ""),
    lambda row: (row.label, row.category),
    lambda row: (row.category, row.party or ""),
)


def _party(row: Row, parties: dict[str, str]) -> str:
    return NO_PARTY if row.party is None else parties.get(row.party, row.party)


def _posts(row: Row) -> str:
    return " + ".join(f"{post.number} × {_percent(post.percent)}" for post in row.posts)


def match_rows(before: list[Row], after: list[Row]) -> list[tuple[Row | None, Row | None]]:
    """Pairs of (earlier, later) rows: changed or unchanged rows in the later order, then new
    rows in place and removed rows last. Among several candidates the nearest position wins."""
    pair_of: dict[int, int] = {}  # index in after -> index in before
    taken: set[int] = set()
    keys: tuple[Callable[[Row], tuple[str, ...]], ...] = (
        *_ROW_KEYS,
        lambda row: (row.category,),
    )
    for stage, key in enumerate(keys):
        last = stage == len(keys) - 1
        for j, new in enumerate(after):
            if j in pair_of:
                continue
            candidates = [
                i
                for i, old in enumerate(before)
                if i not in taken and key(old) == key(new) and (not last or old.place == new.place)
            ]
            if candidates:
                best = min(candidates, key=lambda i: (abs(before[i].place - new.place), i))
                pair_of[j] = best
                taken.add(best)
    pairs: list[tuple[Row | None, Row | None]] = [
        (before[pair_of[j]] if j in pair_of else None, new) for j, new in enumerate(after)
    ]
    pairs += [(old, None) for i, old in enumerate(before) if i not in taken]
    return pairs


def _percent(value: float | None) -> str:
    return procent(value) if value is not None else ""


def _row_period(row: Row) -> str:
    if row.start is None and row.end is None:
        return ""
    return f"{row.start or '?'}–{row.end or '?'}"


def _row_fields(row: Row, names: dict[str, str], parties: dict[str, str]) -> list[tuple[str, str]]:
    """The row's fields as shown, in a fixed order; amounts come last, year by year."""
    return [
        ("benämning", row.label),
        ("kategori", names.get(row.category, row.category)),
        ("part", _party(row, parties)),
        ("finansiering", FINANCING.get(row.financing, row.financing)),
        ("tjänstgöringsgrad", "" if row.posts else _percent(row.percent)),
        ("tjänster", _posts(row)),
        ("i natura", "ja" if row.in_kind else ""),
        (
            "belopp för hela perioden",
            kronor(row.declared_total) if row.declared_total is not None else "",
        ),
        ("period", _row_period(row)),
        ("månadslön", kronor(row.monthly_salary) if row.monthly_salary is not None else ""),
        ("PO-påslag", _percent(row.po_percent)),
        ("motivering", _short(row.motivation)),
    ]


_IDENTITY = ("benämning", "kategori", "part")


def _row_title(row: Row, names: dict[str, str], parties: dict[str, str]) -> str:
    where = [names.get(row.category, row.category), _party(row, parties)]
    if row.financing == OWN:
        where.append(FINANCING[OWN])
    return f"{row.label or '(utan benämning)'} ({', '.join(where)})"


def _amount_changes(old: dict[int, int], new: dict[int, int]) -> list[FieldChange]:
    return [
        FieldChange(
            f"belopp {year}",
            kronor(old.get(year, 0)),
            kronor(new.get(year, 0)),
            _signed(new.get(year, 0) - old.get(year, 0)) if old and new else "",
        )
        for year in sorted(set(old) | set(new))
        if old.get(year) != new.get(year)
    ]


def compare_rows(
    before: list[Row], after: list[Row], names: dict[str, str], parties: dict[str, str]
) -> list[RowChange]:
    """Every new, removed or changed row with each field that differs."""
    changes = []
    for old, new in match_rows(before, after):
        if new is None:
            assert old is not None
            fields = [
                FieldChange(name, value, "")
                for name, value in _row_fields(old, names, parties)
                if value and name not in (*_IDENTITY, "motivering")
            ] + _amount_changes(old.amounts, {})
            changes.append(RowChange("borttagen", _row_title(old, names, parties), fields))
            continue
        if old is None:
            fields = [
                FieldChange(name, "", value)
                for name, value in _row_fields(new, names, parties)
                if value and name not in (*_IDENTITY, "motivering")
            ] + _amount_changes({}, new.amounts)
            changes.append(RowChange("ny", _row_title(new, names, parties), fields))
            continue
        fields = [
            FieldChange(name, a, b)
            for (name, a), (_, b) in zip(
                _row_fields(old, names, parties), _row_fields(new, names, parties), strict=True
            )
            if a != b
        ] + _amount_changes(old.amounts, new.amounts)
        if fields:
            changes.append(RowChange("ändrad", _row_title(new, names, parties), fields))
    return changes


UNALLOCATED_LABEL = "Ej fördelat per år"


def compare_totals(before: Totals, after: Totals) -> list[TotalLine]:
    """Sought, own financing and total per year, what is known only for the whole period
    (when either revision has any), and the whole period, before and after."""
    old, new = before.by_year, after.by_year
    years = sorted({*old[SOUGHT], *old[OWN], *new[SOUGHT], *new[OWN]})
    lines = [
        TotalLine(
            str(year),
            (old[SOUGHT].get(year, 0), new[SOUGHT].get(year, 0)),
            (old[OWN].get(year, 0), new[OWN].get(year, 0)),
        )
        for year in years
    ]
    if before.has_unallocated or after.has_unallocated:
        lines.append(
            TotalLine(
                UNALLOCATED_LABEL,
                (before.unallocated[SOUGHT], after.unallocated[SOUGHT]),
                (before.unallocated[OWN], after.unallocated[OWN]),
            )
        )
    lines.append(
        TotalLine(
            "Hela perioden",
            (before.total(SOUGHT), after.total(SOUGHT)),
            (before.total(OWN), after.total(OWN)),
        )
    )
    return lines


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
    old, new = before.insats(forbund), after.insats(forbund)
    old_cells, new_cells = _budget_cells(old.rows, names), _budget_cells(new.rows, names)
    budget = [
        (label, year, old_cells.get((label, year), 0), new_cells.get((label, year), 0))
        for label, year in sorted(set(old_cells) | set(new_cells), key=lambda k: (k[0], k[1]))
        if old_cells.get((label, year), 0) != new_cells.get((label, year), 0)
    ]
    parties = party_names(forbund)
    rows = compare_rows(old.rows, new.rows, names, parties)
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
    return InsatsDiff(
        insats,
        before,
        after,
        budget,
        fields,
        changes,
        rows=rows,
        totals=compare_totals(old.totals, new.totals) if old.rows or new.rows else [],
        findings=stale_signature_findings(before, after, folder, forbund),
    )


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


_KINDS = {"ny": "ny rad", "borttagen": "borttagen rad", "ändrad": "ändrad"}


def _cell(pair: tuple[int, int]) -> str:
    before, after = pair
    return kronor(after) if before == after else f"{kronor(before)} → {kronor(after)}"


def _total_cells(line: TotalLine) -> tuple[str, str, str, str]:
    return line.label, _cell(line.sought), _cell(line.own), _cell(line.total)


_TOTALS_HEADER = ("År", "Från förbundet", "Egen finansiering", "Totalt")


def _field_text(kind: str, change: FieldChange) -> str:
    if kind == "ny":
        return change.after
    if kind == "borttagen":
        return change.before
    text = f"{change.before or '(saknas)'} → {change.after or '(borttagen)'}"
    return text + (f" ({change.change})" if change.change else "")


def _finding_title(finding: Finding) -> str:
    return f"{finding.severity.value.capitalize()} {finding.rule}"


def _text_table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]], left: int) -> list[str]:
    """Columns padded to their widest cell: the first ``left`` to the left, the rest right."""
    table = [header, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return [
        "  ".join(
            cell.ljust(width) if i < left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in table
    ]


def render_text(diff: InsatsDiff) -> str:
    out = [f"Ändringar i {diff.id} från {diff.before.ref} till {diff.after.ref}"]
    if not diff.before.exists:
        out.append("Insatsen är ny.")
    if diff.empty:
        out.append("Inga ändringar i ansökan eller budget.")
        return "\n".join(out) + "\n"
    for finding in diff.findings:
        out += ["", f"{_finding_title(finding)}: {finding.message}"]
        if finding.hint:
            out.append(f"  Tips: {finding.hint}")
    if diff.totals:
        out += ["", "Summor"]
        out += _text_table(_TOTALS_HEADER, (_total_cells(line) for line in diff.totals), 1)
    if diff.budget:
        out += ["", "Budget per kategori"]
        out += _text_table(
            ("Kategori", "År", "Före", "Efter", "Förändring"),
            (
                (label, str(year), kronor(b), kronor(a), _signed(a - b))
                for label, year, b, a in diff.budget
            ),
            2,
        )
    if diff.rows:
        out += ["", "Budgetrader"]
        for row in diff.rows:
            out.append(f"{row.title}: {_KINDS[row.kind]}")
            out += [f"  {f.name}: {_field_text(row.kind, f)}" for f in row.fields]
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


def _markdown_field(kind: str, change: FieldChange) -> tuple[str, str]:
    if kind == "ny":
        return "–", literal(change.after)
    if kind == "borttagen":
        return literal(change.before), "–"
    after = change.after + (f" ({change.change})" if change.change else "")
    return literal(change.before) or "–", literal(after) or "–"


def render_markdown(diff: InsatsDiff) -> str:
    out = [
        f"### Ändringar i `{diff.id}` ({literal(diff.before.ref)} → {literal(diff.after.ref)})",
        "",
    ]
    if not diff.before.exists:
        out += ["Insatsen är ny.", ""]
    if diff.empty:
        return "\n".join([*out, "Inga ändringar i ansökan eller budget.", ""])
    for finding in diff.findings:
        out.append(f"> **{_finding_title(finding)}:** {literal(finding.message)}")
        if finding.hint:
            out += [">", f"> Tips: {literal(finding.hint)}"]
        out.append("")
    if diff.totals:
        out += [
            "**Summor**",
            "",
            "| " + " | ".join(_TOTALS_HEADER) + " |",
            "| --- | ---: | ---: | ---: |",
        ]
        out += ["| " + " | ".join(_total_cells(line)) + " |" for line in diff.totals]
        out.append("")
    if diff.budget:
        out += [
            "**Budget per kategori**",
            "",
            "| Kategori | År | Före | Efter | Förändring |",
            "| --- | --- | ---: | ---: | ---: |",
        ]
        out += [
            f"| {literal(label)} | {year} | {kronor(b)} | {kronor(a)} | {_signed(a - b)} |"
            for label, year, b, a in diff.budget
        ]
        out.append("")
    if diff.rows:
        out += [
            "**Budgetrader**",
            "",
            "| Rad | Uppgift | Före | Efter |",
            "| --- | --- | --- | --- |",
        ]
        for row in diff.rows:
            title = f"{literal(row.title)}: {_KINDS[row.kind]}"
            if not row.fields:
                out.append(f"| {title} | | | |")
            for index, change in enumerate(row.fields):
                before, after = _markdown_field(row.kind, change)
                out.append(
                    f"| {title if index == 0 else ''} | {literal(change.name)} | {before} | {after} |"
                )
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
