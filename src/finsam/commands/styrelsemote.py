"""`finsam styrelsemote`: the insatser ready for a board meeting, their proposals against the
yearly frame, and the agenda as a Word document and a PDF."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load
from finsam.commands._papers import add_output_options, write_papers
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode
from finsam.reporters.text import format_finding


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="lista insatserna som är redo för ett styrelsemöte och skriv föredragningslistan",
        description="Lista varje insats vars beredning har en rekommendation daterad senast "
        "mötesdagen och som ännu inte har fått ett beslut efter rekommendationen, med förslag "
        "och föreslaget belopp, och summan av förslagen per år mot det som återstår av "
        "förbundets ram (ram i forbund.yml minus det som redan är beviljat). Skriver också "
        "föredragningslistan som Word-dokument och, när LibreOffice finns, som PDF. Avslutar "
        "med kod 1 när förslagen går över ramen för något år eller när en insats inte kan tas "
        "upp för att dess filer har fel.",
    )
    parser.add_argument(
        "--datum", required=True, metavar="ÅÅÅÅ-MM-DD", help="dagen för styrelsens möte"
    )
    parser.add_argument("--format", choices=["json", "text"], default="text", help="utdataformat")
    add_output_options(parser, "styrelsemote-ÅÅÅÅ-MM-DD.docx")
    add_forbund(parser)


def run(date: str, fmt: str, out: Path | None, pdf: str, forbund_file: Path | None) -> ExitCode:
    from finsam.meeting import RENDERERS, agenda
    from finsam.office.board_papers import agenda_document

    root, forbund = load(forbund_file)
    try:
        meeting = dt.date.fromisoformat(date)
    except ValueError as exc:
        raise UsageError(f"'{date}' är inget datum; skriv ÅÅÅÅ-MM-DD.") from exc
    found = agenda(root, forbund, meeting)
    sys.stdout.write(RENDERERS[fmt](found))
    for blocked in found.blocked:
        for finding in blocked.findings:
            print(format_finding(finding), file=sys.stderr)
    code = ExitCode.OK
    if found.items:
        # The files written are said on stderr when stdout is JSON, so that it stays JSON.
        target = out or Path(f"styrelsemote-{meeting}.docx")
        stream = sys.stderr if fmt == "json" else sys.stdout
        code = write_papers(agenda_document(found, forbund), target, pdf, stream)
    if code == ExitCode.OK and (found.over_frame or found.blocked):
        # As every command signals an error: granting the proposals would break the frame
        # (rule F001), or an insats could not be put on the agenda.
        code = ExitCode.FINDINGS
    return code


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.datum, args.format, args.ut, args.pdf, args.forbund)
