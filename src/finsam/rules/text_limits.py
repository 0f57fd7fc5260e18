"""Caps on the Markdown text of ideskiss.md, ansokan.md and reports: how many headings, how long a section.

The site renders applicant text in time linear in its length whatever it holds; these rules
keep the documents at a size a reader (and the site) can take, and say so in the check, long
before the site is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from finsam import limits
from finsam.catalog import RuleInfo
from finsam.findings import Finding, Severity
from finsam.loader.application import Ansokan
from finsam.rules.registry import Context, rule
from finsam.sv import tal

# Block quote and list markers before a line's content (headings may stand inside them).
_CONTAINER = re.compile(r"(?: {0,3}(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])[ \t]+))*")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|\Z)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*\Z")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def _heading_lines(text: str) -> Iterator[int]:
    """The indexes of the lines in ``text`` that are headings: ``#`` headings (also inside
    lists and quotes) and ``=``/``-`` underlines after a line of text, outside fenced code.

    One pass over the lines; the count is what the site shows give or take the odd line, which
    is all a cap needs."""
    fence: str | None = None
    previous_text = False
    for index, line in enumerate(text.split("\n")):
        content = line[_CONTAINER.match(line).end() :]  # type: ignore[union-attr]
        opening = _FENCE.match(content)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            previous_text = False
            continue
        if opening:
            fence = opening.group(1)
            previous_text = False
            continue
        if _ATX.match(content) or (previous_text and _SETEXT.match(line)):
            yield index
            previous_text = False
        else:
            previous_text = bool(content.strip())


def _documents(ctx: Context) -> list[Ansokan]:
    app = ctx.app
    first = [doc for doc in (app.ideskiss, app.ansokan) if doc is not None]
    return first + list(app.reports)


def _name(doc: Ansokan) -> str:
    return doc.text_rel.rsplit("/", 1)[-1]


@rule(
    "A120",
    "rubriker-max",
    Severity.FEL,
    "30 000 rader med ### Rubrik under avsnittet Genomförande.",
    title="Inte för många rubriker",
)
def heading_limit(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Texten i ideskiss.md, ansokan.md och i varje rapport får ha högst 200 rubriker, mallens
    avsnitt medräknade. Rubriker är rader som börjar med #, och rader med bara = eller - under en rad
    text. Rubriker i kodblock räknas inte."""
    for doc in _documents(ctx):
        count = 0
        first_over = 0  # the file line of the first heading beyond the cap
        for section in doc.sections:
            count += 1
            if count == limits.MAX_HEADINGS + 1:
                first_over = section.line
            for index in _heading_lines(section.text):
                count += 1
                if count == limits.MAX_HEADINGS + 1:
                    first_over = section.text_line + index
        if count > limits.MAX_HEADINGS:
            yield info.finding(
                doc.text_rel,
                first_over,
                1,
                f"Texten i {_name(doc)} har {tal(count)} rubriker; högst {tal(limits.MAX_HEADINGS)} "
                "är tillåtna.",
                "Skriv texten under mallens avsnitt i stycken och punktlistor i stället för "
                "under många egna rubriker. Raden visar den första rubriken över gränsen.",
            )


@rule(
    "A121",
    "avsnitt-langd-max",
    Severity.FEL,
    "Ett avsnitt Bakgrund och behov med 100 000 tecken.",
    title="Avsnitten är inte för långa",
)
def section_length_limit(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Varje avsnitt i ideskiss.md, ansokan.md och i en rapport får vara högst 20 000 tecken långt, räknat
    från raden efter rubriken till nästa avsnitts rubrik. Det motsvarar ungefär åtta sidor
    text."""
    for doc in _documents(ctx):
        for section in doc.sections:
            length = len(section.text.strip())
            if length > limits.MAX_SECTION_CHARS:
                yield info.finding(
                    doc.text_rel,
                    section.line,
                    1,
                    f"Avsnittet ”{section.heading}” är {tal(length)} tecken långt; högst "
                    f"{tal(limits.MAX_SECTION_CHARS)} tecken är tillåtna.",
                    "Korta avsnittet till det som styrelsen behöver för att fatta beslut; "
                    "utförligare underlag kan lämnas till kansliet vid sidan av ansökan.",
                )
