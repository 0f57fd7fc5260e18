"""`finsam nationellt`: several förbund's insatser.json, from local copies, summed per year."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="summera flera förbunds insatser.json till en nationell bild",
        description="Läs flera förbunds öppna data (insatser.json, sparade som filer på den här "
        "datorn) och summera beviljade belopp och antal insatser per år, per förbund och "
        "totalt. Varje fil kontrolleras mot formatet i insatser.schema.json; en fil som inte "
        "går att läsa eller inte följer formatet räknas inte med. Inget hämtas från nätet.",
    )
    parser.add_argument(
        "filer", nargs="+", metavar="FIL", help="ett förbunds insatser.json (en eller flera)"
    )
    parser.add_argument(
        "--format", choices=["json", "markdown", "text"], default="text", help="utdataformat"
    )


def run(files: list[str], fmt: str) -> ExitCode:
    from finsam.national import RENDERERS, combine, format_problem

    for name in files:
        if not Path(name).exists():
            raise UsageError(f"filen '{name}' finns inte.")
    view = combine([Path(f) for f in files], files)
    for problem in view.problems:
        print(f"finsam: {format_problem(problem)}", file=sys.stderr)
    sys.stdout.write(RENDERERS[fmt](view))
    if view.failed:
        print("finsam: filer med fel räknades inte med i sammanställningen.", file=sys.stderr)
        return ExitCode.FINDINGS
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.filer, args.format)
