"""The `finsam` command line: the top parser, and dispatch to one module per command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Protocol

from finsam import __version__
from finsam.arguments import Subcommands, SwedishParser, add_subcommands
from finsam.commands import (
    budget,
    diff,
    export,
    granska_pr,
    grenskydd,
    kodagare,
    kontrollera,
    ny,
    personnummer,
    sajt,
    status,
)
from finsam.errors import BlockingFindings, UsageError
from finsam.exitcodes import INTERNAL_ERROR_MESSAGE, INTERRUPTED_MESSAGE, ExitCode
from finsam.reporters.text import format_finding


class Command(Protocol):
    """What a module in finsam.commands provides."""

    def add_parser(self, subcommands: Subcommands, name: str) -> None: ...

    def execute(self, args: argparse.Namespace) -> ExitCode: ...


# Every command by name, in the order `finsam --help` lists them.
COMMANDS: dict[str, Command] = {
    "kontrollera": kontrollera,
    "budget": budget,
    "sajt": sajt,
    "personnummer": personnummer,
    "granska-pr": granska_pr,
    "kodagare": kodagare,
    "grenskydd": grenskydd,
    "diff": diff,
    "status": status,
    "export": export,
    "ny": ny,
}


def build_parser() -> SwedishParser:
    parser = SwedishParser(
        prog="finsam",
        description="Kontrollera och skapa ansökningar om samverkansinsatser.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"finsam {__version__}",
        help="visa versionsnumret och avsluta",
    )
    subcommands = add_subcommands(parser, "command", "KOMMANDO")
    for name, command in COMMANDS.items():
        command.add_parser(subcommands, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command].execute(args)
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return int(exc.code) if isinstance(exc.code, int) else ExitCode.USAGE
    except BlockingFindings as exc:
        for finding in exc.findings:
            print(format_finding(finding), file=sys.stderr)
        if exc.summary:
            print(f"finsam: {exc.summary}", file=sys.stderr)
        return ExitCode.FINDINGS
    except UsageError as exc:
        print(f"finsam: fel: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print(INTERRUPTED_MESSAGE, file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception:
        if os.environ.get("FINSAM_DEBUG"):
            raise
        print(INTERNAL_ERROR_MESSAGE, file=sys.stderr)
        return ExitCode.INTERNAL
