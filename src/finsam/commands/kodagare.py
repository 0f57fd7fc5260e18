"""`finsam kodagare`: .github/CODEOWNERS written from forbund.yml."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load
from finsam.exitcodes import ExitCode
from finsam.model.forbund import CONFIG_NAME


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="skriv .github/CODEOWNERS ur forbund.yml",
        description="Skapa arkivets CODEOWNERS ur forbund.yml: kansliet äger allt utom "
        "insatsernas mappar, och beredningarna och besluten i dem. Utan flagga skrivs filen till "
        "standard ut.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--skriv", action="store_true", help="skriv filen .github/CODEOWNERS i arkivet"
    )
    mode.add_argument(
        "--kontrollera",
        action="store_true",
        help="avsluta med kod 1 om .github/CODEOWNERS inte stämmer med forbund.yml",
    )
    add_forbund(parser)


def run(write: bool, verify: bool, forbund_file: Path | None) -> ExitCode:
    from finsam.codeowners import PATH, render

    root, forbund = load(forbund_file)
    content = render(forbund)
    target = root / PATH
    if write:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, "utf-8")
        print(f"Skrev {PATH}.")
        return ExitCode.OK
    if verify:
        current = target.read_text("utf-8") if target.is_file() else None
        if current != content:
            print(
                f"{PATH} stämmer inte med {CONFIG_NAME}. Skriv om den med: finsam kodagare --skriv",
                file=sys.stderr,
            )
            return ExitCode.FINDINGS
        print(f"{PATH} stämmer med {CONFIG_NAME}.")
        return ExitCode.OK
    sys.stdout.write(content)
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.skriv, args.kontrollera, args.forbund)
