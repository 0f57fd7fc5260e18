"""`finsam budget`: an insats's budget tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, insats_folder, load
from finsam.budget_report import RENDERERS, build_report
from finsam.checker import inspect_application
from finsam.errors import BlockingFindings
from finsam.exitcodes import ExitCode
from finsam.findings import Severity
from finsam.loader.application import BUDGET


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="visa en insats budgettabeller",
        description="Visa budgeten per kategori och år, per part och insatsens totala kostnad.",
    )
    parser.add_argument("insats", metavar="ID", help="insatsens id eller mapp")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="text", help="utdataformat")
    add_forbund(parser)


def run(insats: str, fmt: str, forbund_file: Path | None) -> ExitCode:
    root, forbund = load(forbund_file)
    folder = insats_folder(root, insats, BUDGET)
    context, findings = inspect_application(folder, root, forbund)
    budget = context.app.budget
    if budget is None or not budget.schema_valid:
        # Tables from a budget that cannot be read in full would mislead.
        blocking = [
            f for f in findings if f.file == context.app.file(BUDGET) and f.severity is Severity.FEL
        ]
        raise BlockingFindings(blocking, "budgeten har fel och kan inte visas som tabeller.")
    report = build_report(context.insats)
    sys.stdout.write(RENDERERS[fmt](report))
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.insats, args.format, args.forbund)
