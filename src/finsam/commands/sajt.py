"""`finsam sajt`: the site's sources in a folder of their own."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load
from finsam.exitcodes import ExitCode


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="skriv webbplatsens sidor till en mapp",
        description="Skriv förbundets docs/ med finsams förvalda sidor och tema, och alla "
        "genererade sidor, till en mapp med en egen konfiguration, så att webbplatsen kan "
        "byggas med mkdocs eller properdocs utan finsam.",
    )
    parser.add_argument(
        "--ut",
        type=Path,
        default=Path("build/sajt"),
        metavar="MAPP",
        help="målmapp (standard: build/sajt)",
    )
    add_forbund(parser)


def run(out: Path, forbund_file: Path | None) -> ExitCode:
    # The site's modules (Markdown, HTML cleaning) are only loaded when the site is written.
    from finsam.site.export import export

    root, forbund = load(forbund_file)
    config = export(root, forbund, out)
    print(f"Skrev webbplatsens källor till {config.parent}. Bygg med: mkdocs build -f {config}")
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.ut, args.forbund)
