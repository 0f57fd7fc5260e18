"""The `finsam` command line: the top parser, and dispatch to one module per command."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Protocol

from finsam import __version__
from finsam.arguments import Subcommands, SwedishParser, add_subcommands
from finsam.errors import BlockingFindings, UsageError
from finsam.exitcodes import INTERNAL_ERROR_MESSAGE, INTERRUPTED_MESSAGE, ExitCode
from finsam.reporters.text import format_finding


class Command(Protocol):
    """What a module in finsam.commands provides."""

    def add_parser(self, subcommands: Subcommands, name: str) -> None: ...

    def execute(self, args: argparse.Namespace) -> ExitCode: ...


# Every command by name and its module in finsam.commands, in the order `finsam --help` lists
# them. A module is imported only when its command is asked for: a pre-commit run of
# `kontrollera` should not pay for the budget tables, git or the site.
COMMANDS: dict[str, str] = {
    "kontrollera": "kontrollera",
    "budget": "budget",
    "sajt": "sajt",
    "personnummer": "personnummer",
    "granska-pr": "granska_pr",
    "kodagare": "kodagare",
    "grenskydd": "grenskydd",
    "diff": "diff",
    "status": "status",
    "nationellt": "nationellt",
    "beslutsunderlag": "beslutsunderlag",
    "styrelsemote": "styrelsemote",
    "export": "export",
    "ny": "ny",
    "mall": "mall",
    "importera": "importera",
    "migrera": "migrera",
    "uppgradera": "uppgradera",
}


def command(name: str) -> Command:
    """The module of a command (see finsam.commands)."""
    module: Command = importlib.import_module(f"finsam.commands.{COMMANDS[name]}")
    return module


def build_parser(only: str | None = None) -> SwedishParser:
    """The whole parser, or with ``only`` the parser of that one command (what a run of it
    needs; `finsam --help` and a mistyped command get the whole)."""
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
    for name in COMMANDS if only is None else (only,):
        command(name).add_parser(subcommands, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser(words[0] if words and words[0] in COMMANDS else None).parse_args(words)
        return command(args.command).execute(args)
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
