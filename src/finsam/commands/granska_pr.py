"""`finsam granska-pr`: may the author of a pull request change what it changes?"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_findings_format, findings_format
from finsam.exitcodes import ExitCode
from finsam.reporters import REPORTERS
from finsam.sv import plural


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="pröva vem som får ändra det en pull request ändrar",
        description="Pröva en pull request mot basgrenen: beslut, konfiguration, scheman och "
        "arbetsflöden får bara kansliet ändra; en sökande får bara ändra en insats, och en "
        "befintlig insats bara om kontot hör till någon av dess parter. Varje tillagd eller "
        "ändrad fil, dess namn och varje commit-meddelande söks igenom efter personnummer. "
        "En ansökan som alla parter har skrivit under får inte ändras i belopp, period eller "
        "parter utan nya underskrifter. Allt läses ur git och bedöms med basgrenens forbund.yml.",
    )
    parser.add_argument(
        "--bas", required=True, metavar="REF", help="basgrenen, till exempel origin/main"
    )
    parser.add_argument(
        "--huvud",
        default="HEAD",
        metavar="REF",
        help="pull requestens senaste commit (standard: HEAD)",
    )
    parser.add_argument(
        "--forfattare", required=True, metavar="KONTO", help="pull requestens författare på GitHub"
    )
    add_findings_format(parser)


def run(base: str, head: str, author: str, fmt: str | None) -> ExitCode:
    # Reading the pull request from git is only needed here.
    from finsam.git import toplevel
    from finsam.pull_request import verdict

    # Everything is judged by what the base branch says: a pull request cannot make its own
    # author a member of the kansli, or a party of an insats, by changing files.
    root = toplevel(Path.cwd())
    author = author.removeprefix("@")
    result = verdict(root, base, head, author)
    if result.findings:
        REPORTERS[findings_format(fmt)](result, sys.stdout)
        return ExitCode.FINDINGS
    print(
        f"Granskningen godkänner: @{author} får göra ändringarna i {plural(result.files, 'fil', 'filer')}."
    )
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.bas, args.huvud, args.forfattare, args.format)
