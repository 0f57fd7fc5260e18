"""A Word application read into ansokan.yaml and ansokan.md (`finsam importera`).

Reads a filled-in template (finsam.office.word_template) and also an application on a
förbund's older Word form, where the mall's headings are written as heading styles or as bold
lines and the facts stand in tables or as "Etikett: värde" lines. Every problem is a finding
that names the paragraph or the table row in the Word file; nothing is half-imported."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any, NamedTuple

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from finsam.document_files import text_document_files
from finsam.editor_schemas import schema_url
from finsam.findings import Finding, Severity, has_errors
from finsam.loader.application import ANSOKAN, ANSOKAN_FACTS
from finsam.model.application import DIRECTION_NAMES
from finsam.model.forbund import Forbund, Template
from finsam.office import word_text as wt
from finsam.office.amounts import amount_in_text
from finsam.office.package import check_package
from finsam.office.word_facts import (
    EQUALITY_MARK,
    FACTS_BY_KEY,
    FACTS_BY_LABEL,
    FACTS_HEADING,
    GUIDANCE_STYLE,
    KEYWORD,
    SIGNATURES_HEADING,
    STRUCTURE_HEADINGS,
    TEMPLATE_LINE,
    TIMETABLE_HEADING,
    Fact,
    facts,
)
from finsam.office.yaml_out import Flow
from finsam.office_rules import (
    AMOUNT_AS_TEXT,
    INVALID_VALUE,
    MISSING_SECTION,
    TEMPLATE_CHANGED,
    UNKNOWN_HEADING,
)
from finsam.suggest import closest, did_you_mean
from finsam.values import calendar_date

_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?|[A-Za-z][.)])\s+")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–—]|till)\s*(\d+)\s*(?:år)?\s*$")
_WHOLE = re.compile(
    r"^\s*(?:\d+|\d{1,3}(?:[ \u00a0\u202f.]\d{3})+)(?:,00?)?\s*(?:kr|kronor|:-)?\s*$"
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_<\[\]])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+\-])|(\d+)([.)]))(\s)")


class Imported(NamedTuple):
    """The application read from Word: its files by name, ansokan.yaml (the facts, the first
    line naming the mall's schema on the förbund's site) and ansokan.md (the text)."""

    template: Template
    files: dict[str, str]

    @property
    def facts(self) -> str:
        """The text of ansokan.yaml."""
        return self.files[ANSOKAN_FACTS]

    @property
    def text(self) -> str:
        """The text of ansokan.md: the sections under the mall's headings."""
        return self.files[ANSOKAN]


def _norm(text: str) -> str:
    text = _NUMBERING.sub("", " ".join(text.split()))
    return text.rstrip(":").strip().casefold()


def _is_heading_style(paragraph: Paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    return name.startswith(("Heading", "heading", "Rubrik")) or name == "Title"


def _heading_level(paragraph: Paragraph) -> int:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    digits = "".join(c for c in name if c.isdigit())
    return int(digits) if digits else 1


def _is_bold_line(paragraph: Paragraph) -> bool:
    """A line that an older form uses as a heading: short, and bold all through."""
    shown = [r for r in wt.runs(paragraph) if r.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return (
        bool(shown)
        and len(wt.text(paragraph)) <= 120
        and all(r.bold or (r.bold is None and style_bold) for r in shown)
    )


def _guidance(paragraph: Paragraph, template: Template) -> bool:
    name = paragraph.style.name if paragraph.style is not None else ""
    if name == GUIDANCE_STYLE:
        return True
    words = " ".join(wt.text(paragraph).split())
    return any(words and words == " ".join(s.guidance.split()) for s in template.sections)


def find_template(document: Any, forbund: Forbund) -> Template | None:
    """The mall that the document names: in its keywords, else on a visible line."""
    keywords = document.core_properties.keywords or ""
    for word in re.split(r"[;,\s]+", keywords):
        if word.startswith(KEYWORD + "="):
            template_id, _, version = word.split("=", 1)[1].partition("@")
            found = forbund.template(template_id, version)
            if found is not None:
                return found
    first = [b for _, b in zip(range(12), wt.body_blocks(document), strict=False)]
    for paragraph in (b for b in first if isinstance(b, Paragraph)):
        match = TEMPLATE_LINE.search(wt.text(paragraph))
        if match and (found := forbund.template(match.group(1), match.group(2))) is not None:
            return found
    return None


def document_template(data: bytes, forbund: Forbund) -> Template | None:
    """The mall that a Word file names, or None (also for a file that cannot be read)."""
    if check_package(data, "", "docx") is not None:
        return None
    try:
        return find_template(Document(io.BytesIO(data)), forbund)
    except Exception:  # a damaged file: its import reports why
        return None


FACT_PART = "uppgift:"  # the walk's part under a fact written as a heading
MANY_LINES = {"parties", "goals", "contacts"}  # facts whose answer is a line per item


class _Reader:
    """One pass over the document: facts, timetable, signatures and the mall's sections."""

    def __init__(self, rel: str, forbund: Forbund, template: Template) -> None:
        self.rel = rel
        self.forbund = forbund
        self.template = template
        self.findings: list[Finding] = []
        self.answers: dict[str, tuple[str, str, int]] = {}  # fact key → (answer, place, block)
        self.timetable: list[dict[str, Any]] = []
        self.signatures: list[dict[str, Any]] = []
        self.sections: dict[str, list[str]] = {}  # heading as in the mall → Markdown blocks
        self.section_places: dict[str, int] = {}
        # Mall headings that an unknown heading looks like: its finding says so already.
        self.renamed: set[str] = set()
        self.member_names = {p.name.casefold(): p.id for p in forbund.parties.values()}
        self.member_names.update({p.id: p.id for p in forbund.parties.values()})

    # -- places and findings ------------------------------------------------------------------

    def paragraph_place(self, number: int, heading: str) -> str:
        return f"stycke {number}, under rubriken ”{heading}”" if heading else f"stycke {number}"

    def row_place(self, heading: str, label: str) -> str:
        return f"tabellen under ”{heading}”, raden ”{label}”"

    def invalid(self, number: int, place: str, message: str, hint: str) -> None:
        self.findings.append(INVALID_VALUE.finding(self.rel, number, 0, message, hint, place=place))

    # -- the walk --------------------------------------------------------------------------------

    def read(self, document: Any) -> None:
        headings = {_norm(s.heading): s.heading for s in self.template.sections}
        structure = {_norm(h): h for h in STRUCTURE_HEADINGS}
        part = ""  # the heading the walk is under ("" before the first one)
        seen_any = False
        # Paragraphs and tables are counted together, in document order, from 1.
        for number, item in enumerate(wt.body_blocks(document), start=1):
            if isinstance(item, Table):
                self.table(number, item, part)
                continue
            text = " ".join(wt.text(item).split())
            if not text:
                continue
            key = _norm(text)
            styled = _is_heading_style(item)
            heading_like = styled or _is_bold_line(item)
            fact = FACTS_BY_LABEL.get(key)
            if heading_like and fact is not None and key not in headings:
                # An older form asks for a fact as a heading, with the answer below it.
                part, seen_any = FACT_PART + fact.key, True
                continue
            if part.startswith(FACT_PART) and not styled:
                if self.fact_answer(part.removeprefix(FACT_PART), number, text):
                    continue
                part = ""  # a one-line answer is complete: what follows is no part of it
            if (styled or _is_bold_line(item)) and (key in headings or key in structure):
                part = headings.get(key) or structure[key]
                seen_any = True
                if part in headings.values():
                    self.sections.setdefault(part, [])
                    self.section_places.setdefault(part, number)
                continue
            if styled and item.style is not None and item.style.name == "Title":
                continue
            level = _heading_level(item)
            if styled and part in self.sections and level >= 3:
                # A subheading inside a section, as the mall's agreement text has them.
                self.sections[part].append("#" * level + " " + paragraph_markdown(item))
                continue
            if styled and seen_any:
                self.unknown_heading(number, text, list(headings.values()))
                part = ""
                continue
            if part in self.sections:
                if not _guidance(item, self.template):
                    self.sections[part].append(paragraph_markdown(item))
            elif part in ("", FACTS_HEADING) and ":" in text:
                label, _, answer = text.partition(":")
                fact = FACTS_BY_LABEL.get(_norm(label))
                if fact is not None and answer.strip():
                    self.answers.setdefault(
                        fact.key, (answer.strip(), self.paragraph_place(number, part), number)
                    )

    def fact_answer(self, key: str, number: int, text: str) -> bool:
        """The line added to the answer of a fact written as a heading; False when the fact
        takes one line and has it already."""
        known = self.answers.get(key)
        fact = FACTS_BY_KEY[key]
        if known and fact.kind not in MANY_LINES:
            return False
        answer = f"{known[0]}\n{text}" if known else text
        place = known[1] if known else self.paragraph_place(number, fact.label)
        self.answers[key] = (answer, place, number)
        return True

    def unknown_heading(self, number: int, text: str, headings: list[str]) -> None:
        guess = closest(text, headings)
        if guess is not None:
            self.renamed.add(guess)
        self.findings.append(
            UNKNOWN_HEADING.finding(
                self.rel,
                number,
                0,
                f"Rubriken ”{text}” finns inte i mallen {self.template.title}.",
                f"{did_you_mean(text, headings)}Skriv rubriken som i mallen: "
                + ", ".join(f"”{h}”" for h in headings)
                + ".",
                place=self.paragraph_place(number, text),
            )
        )

    def table(self, number: int, table: Table, part: str) -> None:
        rows = [[" ".join(wt.cell_text(c).split()) for c in row.cells] for row in table.rows]
        if not rows:
            return
        header = [c.casefold() for c in rows[0]]
        if part == TIMETABLE_HEADING or header[:3] == ["fas", "start", "slut"]:
            self.timetable_rows(number, rows[1:], part or TIMETABLE_HEADING)
        elif part == SIGNATURES_HEADING or header[:2] == ["medlem", "befattning"]:
            self.signature_rows(number, rows[1:], part or SIGNATURES_HEADING)
        elif part in self.sections and all(len(r) == 1 for r in rows):
            # A box that a form gives the text in: its paragraphs are the section's text.
            for row in table.rows:
                for paragraph in wt.cell_paragraphs(row.cells[0]):
                    if wt.text(paragraph).strip() and not _guidance(paragraph, self.template):
                        self.sections[part].append(paragraph_markdown(paragraph))
        elif part in self.sections:
            self.sections[part].append(table_markdown(rows))
        else:
            self.fact_rows(number, table, part or FACTS_HEADING)

    def fact_rows(self, number: int, table: Table, heading: str) -> None:
        for row in table.rows:
            cells = row.cells
            if len(cells) < 2:
                continue
            label = wt.cell_text(cells[0]).split("\n")[0]
            fact = FACTS_BY_LABEL.get(_norm(label))
            if fact is None:
                continue
            answer = "\n".join(
                line.strip()
                for p in wt.cell_paragraphs(cells[-1])
                if not (p.style is not None and p.style.name == GUIDANCE_STYLE)
                for line in wt.text(p).split("\n")
                if line.strip()
            )
            if answer:
                self.answers[fact.key] = (answer, self.row_place(heading, fact.label), number)

    def timetable_rows(self, number: int, rows: list[list[str]], heading: str) -> None:
        for row in rows:
            if len(row) < 3 or not any(row[:3]):
                continue
            place = self.row_place(heading, row[0] or "utan namn")
            start, end = self.date(row[1], number, place), self.date(row[2], number, place)
            if row[0] and start and end:
                self.timetable.append({"fas": row[0], "start": start, "slut": end})
            elif not row[0]:
                self.invalid(number, place, "En fas i tidplanen saknar namn.", "Skriv fasens namn.")

    def signature_rows(self, number: int, rows: list[list[str]], heading: str) -> None:
        for row in rows:
            if len(row) < 3 or not row[2]:
                continue  # a row waiting for its signature
            place = self.row_place(heading, row[0] or "utan medlem")
            member = self.member(row[0], number, place)
            day = self.date(row[2], number, place)
            if member and day:
                signature: dict[str, Any] = {"part": member, "datum": day, "metod": "handskriven"}
                if row[1]:
                    signature["befattning"] = row[1]
                self.signatures.append(signature)

    # -- values ----------------------------------------------------------------------------------

    def date(self, text: str, number: int, place: str) -> dt.date | None:
        day = calendar_date(text.strip())
        if day is None:
            self.invalid(
                number,
                place,
                f"”{text}” är inget datum." if text else "Datumet saknas.",
                "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-03-01.",
            )
        return day

    def member(self, text: str, number: int, place: str) -> str | None:
        found = self.member_names.get(" ".join(text.split()).casefold())
        if found:
            return found
        names = [p.name for p in self.forbund.parties.values()]
        self.invalid(
            number,
            place,
            f"”{text}” är ingen medlem i {self.forbund.name}." if text else "Medlemmen saknas.",
            f"{did_you_mean(text, names)}Medlemmarna är {', '.join(names)}.",
        )
        return None


def paragraph_markdown(paragraph: Paragraph) -> str:
    """A paragraph as Markdown: bold and italic kept, list items as list items, and every
    character that Markdown would read as markup escaped."""
    pieces: list[str] = []
    for run in wt.runs(paragraph):
        text = _escape(run.text)
        if not text.strip():
            pieces.append(text)
            continue
        lead, core, trail = _split_space(text)
        if run.bold:
            core = f"**{core}**"
        if run.italic:
            core = f"*{core}*"
        pieces.append(lead + core + trail)
    text = "".join(pieces).strip()
    text = _LINE_START.sub(_escape_marker, text)
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    p_pr = paragraph._p.pPr  # numbering: Word's own lists have no list style name
    numbered = p_pr is not None and p_pr.numPr is not None
    if "Number" in style or "Numrerad" in style:
        return "1. " + text
    if "List" in style or "lista" in style.casefold() or numbered:
        return "- " + text
    return text


def _escape_marker(match: re.Match[str]) -> str:
    """A line start that Markdown would read as a heading, quote or list, made plain text:
    "\\# x", "1\\. x"."""
    space, mark, digits, dot, after = match.groups()
    return space + (f"\\{mark}" if mark else f"{digits}\\{dot}") + after


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core[0])
    return text[:start], core, text[start + len(core) :]


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\r", ""))


def table_markdown(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    cells = [[_escape(c).replace("|", "\\|") for c in r + [""] * (width - len(r))] for r in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    return "\n".join(lines)


def _join_blocks(blocks: list[str]) -> str:
    """Paragraphs apart by a blank line; the items of one list together."""
    out: list[str] = []
    for block in blocks:
        if not block:
            continue
        is_item = block.startswith(("- ", "1. "))
        if out and not (is_item and out[-1].startswith(("- ", "1. "))):
            out.append("")
        out.append(block)
    return "\n".join(out)


class _Facts:
    """The facts' answers read into the front matter's values."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.number = 0  # the block of the answer being read, for the findings' line

    def value(self, fact: Fact, answer: str, place: str) -> Any:
        reader = self.reader
        if fact.kind == "text":
            return " ".join(answer.split())
        if fact.kind == "direction":
            choice = closest(answer, list(DIRECTION_NAMES.values()), cutoff=0.8)
            if choice is None:
                reader.invalid(
                    self.number,
                    place,
                    f"”{answer}” är ingen insatsinriktning.",
                    "Skriv Individinriktad eller Strukturövergripande.",
                )
                return None
            return next(k for k, v in DIRECTION_NAMES.items() if v == choice)
        if fact.kind == "member":
            return reader.member(answer, self.number, place)
        if fact.kind == "parties":
            parties = []
            for line in answer.split("\n"):
                name, _, resources = line.partition(":")
                member = reader.member(name, self.number, place)
                if member and len(resources.strip()) < 3:
                    reader.invalid(
                        self.number,
                        place,
                        f"Resurserna för {name.strip()} saknas.",
                        "Skriv medlemmens namn, ett kolon och vad medlemmen bidrar med.",
                    )
                elif member:
                    parties.append({"part": member, "resurser": " ".join(resources.split())})
            return parties
        if fact.kind == "date":
            return reader.date(answer, self.number, place)
        if fact.kind in ("ages", "count"):
            return self.numbers(fact, answer, place)
        if fact.kind == "goals":
            goals = []
            for line in answer.split("\n"):
                text = " ".join(line.split())
                goal: dict[str, Any] = {"text": text.removesuffix(EQUALITY_MARK).strip()}
                if text.endswith(EQUALITY_MARK):
                    goal["jamstalldhet"] = True
                goals.append(goal)
            return goals
        if fact.kind == "amount":
            return self.amount(answer, place)
        if fact.kind == "contacts":
            contacts = []
            for line in answer.split("\n"):
                # Roll: Medlem, and if wanted the person's name, e-mail and telephone.
                role, _, rest = line.partition(":")
                member_name, *details = (part.strip() for part in rest.split(","))
                member = reader.member(member_name, self.number, place)
                if member and role.strip():
                    contact = {"roll": " ".join(role.split()), "part": member}
                    for detail in filter(None, details):
                        key = (
                            "epost"
                            if "@" in detail
                            else "telefon"
                            if detail[:1] in "+0"
                            else "namn"
                        )
                        contact[key] = detail
                    contacts.append(contact)
                elif member:
                    reader.invalid(
                        self.number,
                        place,
                        "En kontaktperson saknar roll.",
                        "Skriv rollen, ett kolon och medlemmen.",
                    )
            return contacts
        if fact.kind == "dating":
            town, _, day = answer.rpartition(" ")
            when = reader.date(day, self.number, place)
            return {"ort": town.strip(" ,"), "datum": when} if when and town.strip(" ,") else None
        raise AssertionError(fact.kind)

    def numbers(self, fact: Fact, answer: str, place: str) -> Any:
        span = _RANGE.match(answer)
        if span:
            low, high = int(span[1]), int(span[2])
            if fact.kind == "ages":
                return (low, high)
            return {"min": low, "max": high}
        plain = answer.strip().removesuffix("personer").removesuffix("deltagare").strip()
        if fact.kind == "count" and plain.isdigit():
            return int(plain)
        example = "16–29" if fact.kind == "ages" else "40, eller ett spann som 30–40"
        self.reader.invalid(
            self.number,
            place,
            f"”{answer}” går inte att läsa som {fact.label.lower()}.",
            f"Skriv {example}.",
        )
        return None

    def amount(self, answer: str, place: str) -> int | None:
        meant = amount_in_text(answer)
        if meant is not None and _WHOLE.match(answer):  # in kronor, not thousands or millions
            return meant
        hint = (
            f"Skriv beloppet i hela kronor utan enhet: {meant}."
            if meant is not None
            else "Skriv beloppet i hela kronor utan enhet, till exempel 1180000."
        )
        self.reader.findings.append(
            AMOUNT_AS_TEXT.finding(
                self.reader.rel,
                self.number,
                0,
                f"Beloppet ”{answer}” är inte ett belopp i hela kronor.",
                hint,
                place=place,
            )
        )
        return None


def _set(front: dict[str, Any], key: str, value: Any) -> None:
    target = front
    *parents, last = key.split(".")
    for parent in parents:
        target = target.setdefault(parent, {})
    target[last] = value


# The front matter's keys in the order the repository writes them.
ORDER = (
    "id",
    "titel",
    "mall",
    "status",
    "insatsinriktning",
    "insatsagare",
    "medsokande",
    "samverkansparter",
    "period",
    "tidplan",
    "malgrupp",
    "mal",
    "sokt_belopp",
    "kontakter",
    "datering",
    "underskrifter",
)


def import_application(
    data: bytes,
    rel: str,
    forbund: Forbund,
    application_id: str,
    template: Template | None = None,
) -> tuple[Imported | None, list[Finding]]:
    """The Word file ``data`` (named ``rel`` in findings) as the files of the application
    ``application_id``; None and the findings when anything must be corrected."""
    refused = check_package(data, rel, "docx")
    if refused is not None:
        return None, [refused]
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        from finsam.office.package import unreadable

        return None, [
            unreadable(
                rel,
                f"Word-dokumentet går inte att öppna ({type(exc).__name__}).",
                "Spara filen igen som .docx i Word eller LibreOffice.",
            )
        ]
    template = template or find_template(document, forbund)
    if template is None:
        names = ", ".join(t.label for t in forbund.templates.values())
        return None, [
            TEMPLATE_CHANGED.finding(
                rel,
                0,
                0,
                "Dokumentet säger inte vilken av förbundets mallar det följer.",
                f"Ange mallen när ansökan läses in, till exempel --mall {next(iter(forbund.templates.values())).id}. Mallarna: {names}.",
            )
        ]
    reader = _Reader(rel, forbund, template)
    reader.read(document)
    front = _front_matter(reader, application_id)
    _missing_sections(reader)
    if has_errors(reader.findings):
        return None, reader.findings
    body = []
    for spec in template.sections:
        blocks = reader.sections.get(spec.heading)
        if blocks is None:
            continue
        text = _join_blocks(blocks)
        body.append(f"## {spec.heading}\n" + (f"\n{text}\n" if text else ""))
    files = text_document_files(
        ANSOKAN, front, "\n".join(body), schema_url(forbund, template, "ansokan")
    )
    return Imported(template, files), reader.findings


def _front_matter(reader: _Reader, application_id: str) -> dict[str, Any]:
    template = reader.template
    read = _Facts(reader)
    values: dict[str, Any] = {}
    for fact in facts(template):
        if fact.key not in reader.answers and fact.key not in _OPTIONAL:
            # Not a mistake in the file: an older form may not ask for it. The application is
            # written without it, and the check says what is missing there.
            reader.findings.append(
                INVALID_VALUE.finding(
                    reader.rel,
                    0,
                    0,
                    f"Uppgiften ”{fact.label}” finns inte i dokumentet.",
                    f"Fyll i den i ansokan.yaml efter inläsningen, eller i dokumentet. {fact.help}",
                    severity=Severity.VARNING,
                    place=reader.row_place(FACTS_HEADING, fact.label),
                )
            )
    for key, (answer, place, number) in reader.answers.items():
        fact = FACTS_BY_KEY[key]
        read.number = number
        value = read.value(fact, answer, place)
        if value is not None and value != []:
            values[key] = value
    front: dict[str, Any] = {
        "id": application_id,
        "mall": {
            "id": template.id,
            "version": int(template.version) if template.version.isdigit() else template.version,
        },
        "status": "utkast",
    }
    for key, value in values.items():
        if key == "malgrupp.alder":
            _set(front, "malgrupp.alder_min", value[0])
            _set(front, "malgrupp.alder_max", value[1])
        else:
            _set(front, key, value)
    if reader.timetable:
        front["tidplan"] = reader.timetable
    if reader.signatures:
        front["underskrifter"] = reader.signatures
    if _all_signed(front, template):
        front["status"] = "inlamnad"
    # Small mappings on one line, as the repository writes them: mall: {id: …, version: …}.
    for key in ("mall", "period", "datering"):
        if isinstance(front.get(key), dict):
            front[key] = Flow(front[key])
    for key in ("tidplan", "kontakter", "underskrifter"):
        if key in front:
            front[key] = [Flow(item) for item in front[key]]
    return {key: front[key] for key in ORDER if key in front}


# Facts that an application may leave out.
_OPTIONAL = {"medsokande", "samverkansparter", "malgrupp.forvantat_antal_deltagare"}


def _all_signed(front: dict[str, Any], template: Template) -> bool:
    """Submitted when every party has signed (and the mall's place and date are given)."""
    parties = {front.get("insatsagare", {}).get("part")}
    parties |= {p["part"] for p in front.get("medsokande", []) + front.get("samverkansparter", [])}
    signed = {s["part"] for s in front.get("underskrifter", [])}
    if template.rules.dating_required and "datering" not in front:
        return False
    return bool(signed) and parties <= signed


def _missing_sections(reader: _Reader) -> None:
    for spec in reader.template.sections:
        if not spec.required or spec.fixed_text is not None:
            continue
        blocks = [b for b in reader.sections.get(spec.heading, []) if b]
        if spec.heading not in reader.sections and spec.heading in reader.renamed:
            continue  # one mistake, one finding: the renamed heading's says which it should be
        if spec.heading not in reader.sections:
            message = f"Avsnittet ”{spec.heading}” saknas."
            hint = f"Lägg till rubriken ”{spec.heading}” och skriv avsnittets text under den."
            line, place = 0, "hela dokumentet"
        elif not blocks:
            message = f"Avsnittet ”{spec.heading}” är tomt."
            hint = "Skriv avsnittets text under rubriken."
            line = reader.section_places[spec.heading]
            place = reader.paragraph_place(line, spec.heading)
        else:
            continue
        reader.findings.append(
            MISSING_SECTION.finding(reader.rel, line, 0, message, hint, place=place)
        )
