"""Rules that keep personal data out of the repository."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from finsam.catalog import CATALOG, RuleInfo, declare
from finsam.findings import Finding, Severity
from finsam.personnummer import Hit, find, redact
from finsam.rules.registry import Context, rule


@rule(
    "P001",
    "personnummer",
    Severity.FEL,
    "kontakt: ÅÅÅÅMMDD-NNNN  (ett personnummer, med eller utan sekel och bindestreck)",
    title="Inga personnummer i arkivet",
)
def no_personnummer(info: RuleInfo, ctx: Context) -> Iterator[Finding]:
    """Inga personnummer eller samordningsnummer får finnas i arkivets filer, inte ens i
    kommentarer, filnamn, dokument, kalkylblad, PDF-filer eller commit-meddelanden: förbundet
    har ingen rätt att behandla uppgifter om enskilda deltagare. Organisationsnummer är
    tillåtna."""
    for rel, text in ctx.app.texts.items():
        yield from personnummer_findings(text, rel)


PERSONNUMMER = CATALOG["P001"]

UNSCANNED = declare(
    "P002",
    "personnummer-ej-genomsokt",
    Severity.FEL,
    "Varje fil som checkas in måste gå att genomsöka efter personnummer. En fil som inte går "
    "att läsa, är krypterad eller packas upp till mer än gränserna tillåter stoppas.",
    "rapport.docx  (skyddad med lösenord, eller ett arkiv som packas upp till flera gigabyte)",
    title="Varje fil går att genomsöka",
)

_HINT = (
    "Ta bort numret. Uppgifter om enskilda personer hör inte hemma i förbundets arkiv; "
    "beskriv deltagare bara som grupp och i antal."
)


def _what(hit: Hit) -> str:
    return f"ett {'samordningsnummer' if hit.coordination else 'personnummer'} ({hit.masked})"


def personnummer_findings(text: str, rel: str) -> list[Finding]:
    """One finding per number that looks like a real personnummer or samordningsnummer.
    The message never repeats the whole number."""
    return [
        PERSONNUMMER.finding(rel, hit.line, hit.column, f"Raden innehåller {_what(hit)}.", _HINT)
        for hit in find(text)
    ]


def personnummer_findings_in_file(rel: str, data: bytes) -> list[Finding]:
    """Findings for a file of any type: its name, its text, or the text inside a document,
    spreadsheet, PDF or archive. A file that cannot be read whole is a finding too."""
    from finsam.filescan import extract

    pieces, problems = extract(rel, data)
    # A finding names the file, but never repeats a number in the path.
    shown = "/".join(redact(part) for part in redact(rel).split("/"))
    findings: list[Finding] = []
    for piece in pieces:
        hits = list(find(piece.text))
        if piece.kind == "name":  # the path and its last part: one finding per number
            hits = list({hit.masked: hit for hit in hits}.values())
        for hit in hits:
            where = piece.where(hit.line, hit.column)
            if not where:
                findings.append(
                    PERSONNUMMER.finding(
                        shown, hit.line, hit.column, f"Raden innehåller {_what(hit)}.", _HINT
                    )
                )
            else:
                where = redact(where)
                message = (
                    f"Filnamnet innehåller {_what(hit)}."
                    if where == "filnamnet"
                    else f"I {where} finns {_what(hit)}."
                )
                findings.append(PERSONNUMMER.finding(shown, 0, 0, message, _HINT))
    findings += [
        UNSCANNED.finding(
            shown,
            0,
            0,
            f"Filen kunde inte genomsökas helt efter personnummer: {redact(problem)}",
            "Spara innehållet som vanlig text, ett dokument utan lösenord eller ett mindre "
            "arkiv, eller låt kansliet granska filen.",
        )
        for problem in problems
    ]
    return findings


class Message(NamedTuple):
    """One commit message, and what to call it in a finding."""

    label: str  # "commit 1a2b3c4", or the file's name
    text: str


_SHA = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def commit_messages(data: bytes, label: str) -> list[Message]:
    """The messages in ``git log --format='%H%n%B%x00'`` output, each named by its short
    hash; any other text (such as .git/COMMIT_EDITMSG) is one message named ``label``."""
    text = data.decode("utf-8", errors="replace")
    records = [record.lstrip("\n") for record in text.split("\0")]
    records = [record for record in records if record.strip()]
    parsed = []
    for record in records:
        sha, _, body = record.partition("\n")
        if not _SHA.fullmatch(sha.strip()):
            return [Message(label, text)]
        parsed.append(Message(f"commit {sha.strip()[:7]}", body))
    return parsed or [Message(label, text)]


def personnummer_findings_in_messages(data: bytes, label: str) -> list[Finding]:
    """Findings for commit messages (see :func:`commit_messages`); line and column count
    from the message's first line."""
    return [
        PERSONNUMMER.finding(
            message.label,
            hit.line,
            hit.column,
            f"Commit-meddelandet innehåller {_what(hit)}.",
            "Skriv om meddelandet utan numret (git commit --amend, eller git rebase -i för "
            "äldre commits) innan det delas. Uppgifter om enskilda personer hör inte hemma i "
            "förbundets arkiv.",
        )
        for message in commit_messages(data, label)
        for hit in find(message.text)
    ]
