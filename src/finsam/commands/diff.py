"""`finsam diff`: what changed in an insats between two versions in git."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load
from finsam.exitcodes import ExitCode


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="visa vad som ändrats i en insats mellan två versioner",
        description="Jämför två versioner i git: summorna före och efter per år, budget per "
        "kategori och år, varje ändrad budgetrad, ändrade uppgifter och ändrade avsnitt. En "
        "ansökan som alla parter hade skrivit under och som sedan ändrats i belopp, period "
        "eller parter utan nya underskrifter ger felet R008. Utan ID jämförs alla insatser "
        "som ändrats.",
    )
    parser.add_argument("fore", metavar="FÖRE", help="den tidigare versionen, till exempel main")
    parser.add_argument("efter", metavar="EFTER", help="den senare versionen, till exempel HEAD")
    parser.add_argument("insats", nargs="?", metavar="ID", help="insatsens id")
    parser.add_argument(
        "--format", choices=["markdown", "text"], default="text", help="utdataformat"
    )
    add_forbund(parser)


def run(
    before: str, after: str, insats: str | None, fmt: str, forbund_file: Path | None
) -> ExitCode:
    from finsam.git import changed_insatser, resolve
    from finsam.semantic_diff import RENDERERS, compare

    root, forbund = load(forbund_file)
    resolve(root, before)
    resolve(root, after)
    ids = [insats] if insats else changed_insatser(root, before, after)
    if not ids:
        print(f"Inga insatser ändrades mellan {before} och {after}.")
    errors = False
    for index, one in enumerate(ids):
        if index:
            print()
        diff = compare(root, before, after, one, forbund)
        errors = errors or diff.has_errors
        sys.stdout.write(RENDERERS[fmt](diff))
    # Like every command: 1 when the output holds an error (signatures that no longer cover
    # the application), 0 otherwise.
    return ExitCode.FINDINGS if errors else ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.fore, args.efter, args.insats, args.format, args.forbund)
