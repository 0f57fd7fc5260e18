"""`finsam uppgradera`: a förbund's repository brought to the installed release (finsam.upgrade),
its documents to the current format (`finsam migrera`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load
from finsam.exitcodes import ExitCode
from finsam.sv import plural


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="för ett förbunds arkiv till den installerade utgåvan av finsam",
        description="Skriv om de filer i förbundets arkiv som finsam skriver (Makefile, "
        ".pre-commit-config.yaml, requirements/constraints.txt, package.json, "
        "package-lock.json, arbetsflödena och mallarna för pull requests) så som den utgåva "
        "som requirements.txt anger skriver dem, och flytta äldre dokument till det nuvarande "
        "formatet (finsam migrera). Byt först taggen i requirements.txt; make uppgradera "
        "installerar utgåvan och kör sedan det här kommandot.",
    )
    parser.add_argument(
        "--kontrollera",
        action="store_true",
        help="skriv ingenting; avsluta med kod 1 om någon av finsams filer inte stämmer med "
        "utgåvan",
    )
    add_forbund(parser)


def run(verify: bool, forbund_file: Path | None) -> ExitCode:
    from finsam.commands import migrera
    from finsam.scaffold_forbund import release_files
    from finsam.upgrade import installed_release, outdated, write_release_files

    root, forbund = load(forbund_file)
    release = installed_release(root)
    if verify:
        stale = outdated(root, release_files(forbund, release))
        for item in stale:
            state = "saknas" if item.missing else "stämmer inte med utgåvan"
            print(f"{item.rel}: {state}", file=sys.stderr)
        if stale:
            print("Skriv om filerna med: make uppgradera", file=sys.stderr)
            return ExitCode.FINDINGS
        print(f"finsams filer stämmer med finsam {release.tag}.")
        return ExitCode.OK
    written = write_release_files(root, forbund, release)
    for item in written:
        print(f"{'Skrev' if item.missing else 'Skrev om'} {item.rel}.")
    print(
        f"finsams filer följer finsam {release.tag}"
        + (f" ({plural(len(written), 'fil', 'filer')} ändrade)." if written else ".")
    )
    return migrera.run([], False, forbund_file)


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.kontrollera, args.forbund)
