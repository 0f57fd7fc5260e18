"""`finsam mall`: a mall of forbund.yml as a Word template or an Excel budget template."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load, write_file
from finsam.exitcodes import ExitCode

YEARS_IN_TEMPLATE = 3  # a budget template's years: this year and the two after it


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="skriv en mall som Word- eller Excelfil",
        description="Skriv förbundets mall för ansökan som Word-dokument (docx) eller mallen "
        "för budgeten som Excel-arbetsbok (xlsx), att fylla i och läsa in med finsam importera.",
    )
    parser.add_argument(
        "mall",
        metavar="MALL[@VERSION]",
        help="mallens id, till exempel generell eller generell@2024",
    )
    parser.add_argument(
        "--format",
        choices=("docx", "xlsx"),
        required=True,
        help="docx för ansökan, xlsx för budgeten",
    )
    parser.add_argument(
        "--ar",
        type=int,
        nargs="+",
        default=None,
        metavar="ÅR",
        help="budgetens år i Excelmallen (standard: i år och två år framåt)",
    )
    parser.add_argument("--ut", type=Path, default=None, metavar="FIL", help="filen att skriva")
    add_forbund(parser)


def run(
    wanted: str, fmt: str, years: list[int] | None, out: Path | None, forbund_file: Path | None
) -> ExitCode:
    from finsam.scaffold import choose_template

    _, forbund = load(forbund_file)
    template = choose_template(forbund, wanted)
    if fmt == "docx":
        from finsam.office.word_template import application_template

        data = application_template(forbund, template)
        default = f"ansokan-{template.id}-{template.version}.docx"
    else:
        from finsam.office.excel import budget_template

        first = dt.date.today().year
        data = budget_template(forbund, template, years or range(first, first + YEARS_IN_TEMPLATE))
        default = f"budget-{template.id}-{template.version}.xlsx"
    target = out or Path(default)
    write_file(target, data)
    print(f"Skrev {target} från mallen {template.title}.")
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.mall, args.format, args.ar, args.ut, args.forbund)
