"""`finsam kontrollera`: check forbund.yml and the applications."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_findings_format, add_forbund, findings_format, locate
from finsam.checker import check
from finsam.exitcodes import ExitCode
from finsam.reporters import REPORTERS


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="kontrollera ansökningar, budgetar och beslut",
        description="Kontrollera forbund.yml och ansökningarna. Utan sökväg kontrolleras hela arkivet.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="SÖKVÄG", help="filer eller mappar att kontrollera"
    )
    add_findings_format(parser)
    parser.add_argument(
        "--jamfor-med",
        default=None,
        metavar="REF",
        help="jämför besluten med en tidigare version i git, till exempel origin/main "
        "(standard: HEAD när arkivet är ett git-arkiv)",
    )
    add_forbund(parser)


def run(
    paths: list[Path], fmt: str | None, compare_with: str | None, forbund: Path | None
) -> ExitCode:
    root, config = locate(forbund)
    result = check(paths, root, config, compare_with=compare_with or "HEAD")
    REPORTERS[findings_format(fmt)](result, sys.stdout)
    return ExitCode.FINDINGS if result.failed else ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.paths, args.format, args.jamfor_med, args.forbund)
