"""`finsam beslutsunderlag`: the förbundschef's basis for the board's decision on one insats, as
a Word document and a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, insats_folder, load
from finsam.commands._papers import add_output_options, write_papers
from finsam.errors import BlockingFindings, UsageError
from finsam.exitcodes import ExitCode
from finsam.loader.application import ANSOKAN, BEREDNING, BUDGET


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="skriv förbundschefens underlag för styrelsens beslut om en insats",
        description="Skriv underlaget för styrelsens beslut om en insats som Word-dokument och, "
        "när LibreOffice finns, som PDF: insatsen och dess parter, budgeten med samma siffror "
        "som finsam budget, kvalitetsgranskningen, bedömningen mot kriterierna och "
        "rekommendationen ur beredning.yaml med föreslagna belopp, villkor och förslag till "
        "beslut. Underlaget skrivs inte när insatsens filer har fel eller beredningen ännu "
        "saknar en rekommendation.",
    )
    parser.add_argument("insats", metavar="ID", help="insatsens id eller mapp")
    add_output_options(parser, "beslutsunderlag-ID.docx")
    add_forbund(parser)


def run(insats: str, out: Path | None, pdf: str, forbund_file: Path | None) -> ExitCode:
    from finsam.checker import inspect_application
    from finsam.meeting import papers_problems, recommendation
    from finsam.office.board_papers import basis_for_decision

    root, forbund = load(forbund_file)
    folder = insats_folder(root, insats, ANSOKAN)
    for needed in (BEREDNING, BUDGET):
        if not (folder / needed).is_file():
            raise UsageError(f"Insatsen '{insats}' har ingen {needed} ännu.")
    context, findings = inspect_application(folder, root, forbund)
    blocking, reason = papers_problems(context, findings)
    if reason:
        raise BlockingFindings(blocking, f"inget beslutsunderlag skrevs: {reason}")
    if recommendation(context.insats) is None:
        raise UsageError(
            f"Beredningen av '{insats}' har ingen rekommendation ännu. Skriv förslaget till "
            f"beslut under rekommendation i {BEREDNING} först."
        )
    document = basis_for_decision(context.insats, forbund)
    return write_papers(document, out or Path(f"beslutsunderlag-{context.insats.id}.docx"), pdf)


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.insats, args.ut, args.pdf, args.forbund)
