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
        description="Kontrollera forbund.yml och ansökningarna. Utan sökväg kontrolleras hela "
        "arkivet, och likaså när forbund.yml eller ett schema i schema/ är bland sökvägarna: "
        "de gäller alla ansökningar.",
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
    parser.add_argument(
        "--utan-cache",
        action="store_true",
        help="pröva varje insats på nytt i stället för att återanvända svaret för en insats "
        "vars filer inte har ändrats sedan förra kontrollen",
    )
    add_forbund(parser)


def run(
    paths: list[Path],
    fmt: str | None,
    compare_with: str | None,
    forbund: Path | None,
    use_cache: bool = True,
) -> ExitCode:
    root, config = locate(forbund)
    result = check(paths, root, config, compare_with=compare_with or "HEAD", use_cache=use_cache)
    REPORTERS[findings_format(fmt)](result, sys.stdout)
    return ExitCode.FINDINGS if result.failed else ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.paths, args.format, args.jamfor_med, args.forbund, not args.utan_cache)
