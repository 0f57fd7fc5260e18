"""`finsam export uppfoljning`: the figures for Uppföljning Finsam as CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, add_subcommands, load
from finsam.exitcodes import ExitCode


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(name, help="exportera uppgifter till andra system")
    targets = add_subcommands(parser, "target", "MÅL")
    followup = targets.add_parser(
        "uppfoljning",
        help="siffrorna för Uppföljning Finsam som CSV",
        description="Skriv per insats det som registreras i Uppföljning Finsam för ett år, som "
        "CSV för svenska Excel (semikolon, decimalkomma, UTF-8 med BOM).",
    )
    followup.add_argument("--ar", type=int, required=True, metavar="ÅR", help="kalenderåret")
    followup.add_argument(
        "--ut", type=Path, default=None, metavar="FIL", help="fil att skriva (standard: skärmen)"
    )
    add_forbund(followup)


def run(year: int, out: Path | None, forbund_file: Path | None) -> ExitCode:
    from finsam.followup import export_uppfoljning

    root, forbund = load(forbund_file)
    content = export_uppfoljning(root, forbund, year)
    if out is None:
        sys.stdout.write(content)
    else:
        out.write_text(content, "utf-8", newline="")
        print(f"Skrev {out}.")
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    # uppfoljning is the only target so far.
    return run(args.ar, args.ut, args.forbund)
