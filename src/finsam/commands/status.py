"""`finsam status`: every insats's status and the reports that are due."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="visa insatsernas status och rapporter som ska lämnas",
        description="Lista varje insats med status, nästa rapport, försenade rapporter, beslut "
        "som väntar och insatser som snart slutar, och vilka ansökningar som väntar på "
        "kvalitetsgranskning, bedömning eller styrelsens beslut och hur länge.",
    )
    parser.add_argument(
        "--datum", default=None, metavar="ÅÅÅÅ-MM-DD", help="dagens datum (standard: i dag)"
    )
    parser.add_argument(
        "--format", choices=["json", "markdown", "text"], default="text", help="utdataformat"
    )
    add_forbund(parser)


def run(date: str | None, fmt: str, forbund_file: Path | None) -> ExitCode:
    from finsam.followup import STATUS_RENDERERS, statuses

    root, forbund = load(forbund_file)
    try:
        today = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError as exc:
        raise UsageError(f"'{date}' är inget datum; skriv ÅÅÅÅ-MM-DD.") from exc
    sys.stdout.write(STATUS_RENDERERS[fmt](statuses(root, forbund, today), today))
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.datum, args.format, args.forbund)
