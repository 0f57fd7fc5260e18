"""`finsam export`: an application as a Word document, its budget as an Excel workbook, and
the figures for Uppföljning Finsam as CSV or as a workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import (
    Subcommands,
    add_forbund,
    add_subcommands,
    insats_folder,
    load,
    write_file,
)
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(name, help="exportera uppgifter till andra system")
    targets = add_subcommands(parser, "target", "MÅL")
    followup = targets.add_parser(
        "uppfoljning",
        help="siffrorna för Uppföljning Finsam som CSV eller Excel",
        description="Skriv per insats det som registreras i Uppföljning Finsam för ett år: som "
        "CSV för svenska Excel (semikolon, decimalkomma, UTF-8 med BOM) eller som en "
        "Excel-arbetsbok (xlsx) som fungerar i alla språkinställningar.",
    )
    followup.add_argument("--ar", type=int, required=True, metavar="ÅR", help="kalenderåret")
    followup.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="filformat")
    followup.add_argument(
        "--ut", type=Path, default=None, metavar="FIL", help="fil att skriva (standard: skärmen)"
    )
    add_forbund(followup)
    for target, what in (
        ("docx", "ansökan som Word-dokument för underskrifter och diariet"),
        ("xlsx", "budgeten som Excel-arbetsbok med formler"),
    ):
        document = targets.add_parser(target, help=what, description=what.capitalize() + ".")
        document.add_argument("insats", metavar="ID", help="insatsens id eller mapp")
        document.add_argument(
            "--ut",
            type=Path,
            default=None,
            metavar="FIL",
            help=f"filen att skriva (standard: ID.{target})",
        )
        add_forbund(document)


def run_followup(year: int, fmt: str, out: Path | None, forbund_file: Path | None) -> ExitCode:
    root, forbund = load(forbund_file)
    if fmt == "xlsx":
        from finsam.office.excel import followup_workbook

        if out is None:
            raise UsageError("Ange filen att skriva med --ut, till exempel --ut uppfoljning.xlsx.")
        write_file(out, followup_workbook(root, forbund, year))
        print(f"Skrev {out}.")
        return ExitCode.OK
    from finsam.followup import export_uppfoljning

    content = export_uppfoljning(root, forbund, year)
    if out is None:
        sys.stdout.write(content)
    else:
        out.write_text(content, "utf-8", newline="")
        print(f"Skrev {out}.")
    return ExitCode.OK


def run_document(target: str, insats: str, out: Path | None, forbund_file: Path | None) -> ExitCode:
    from finsam.checker import inspect_application
    from finsam.errors import BlockingFindings
    from finsam.findings import Severity

    root, forbund = load(forbund_file)
    folder = insats_folder(root, insats, "ansokan.md")
    context, findings = inspect_application(folder, root, forbund)
    app = context.app
    template = context.insats.template
    unreadable = [
        f for f in findings if f.severity is Severity.FEL and f.rule.startswith(("Y", "S"))
    ]
    if app.ansokan is None or template is None or unreadable:
        # A document from files that cannot be read in full would mislead.
        raise BlockingFindings(unreadable, "ansökan har fel och kan inte exporteras.")
    if target == "docx":
        from finsam.office.word_export import application_document

        data = application_document(app.ansokan.data, context.insats, forbund)
    else:
        from finsam.office.excel import budget_workbook

        budget = folder / "budget.yaml"
        if not budget.is_file():
            raise UsageError(f"Insatsen '{insats}' har ingen budget.yaml.")
        data = budget_workbook(budget.read_text("utf-8"), forbund, template)
    target_file = out or Path(f"{context.insats.id}.{target}")
    write_file(target_file, data)
    print(f"Skrev {target_file}.")
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    if args.target == "uppfoljning":
        return run_followup(args.ar, args.format, args.ut, args.forbund)
    return run_document(args.target, args.insats, args.ut, args.forbund)
