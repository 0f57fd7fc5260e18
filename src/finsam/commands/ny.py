"""`finsam ny ansokan`: a new application folder from a template."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, add_subcommands, load
from finsam.checker import relative
from finsam.exitcodes import ExitCode


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(name, help="skapa en ny ansökan från en mall")
    kinds = add_subcommands(parser, "kind", "TYP")
    application = kinds.add_parser(
        "ansokan",
        help="skapa mappen applications/<id> från en mall",
        description="Skapa en ny ansökan med ansokan.md och budget.yaml.",
    )
    application.add_argument(
        "id", metavar="ID", help="insatsens id, till exempel 2026-unga-till-arbete"
    )
    application.add_argument(
        "--mall",
        default=None,
        metavar="MALL[@VERSION]",
        help="mall att utgå från, till exempel generell eller generell@2024",
    )
    add_forbund(application)


def run(application_id: str, template_name: str | None, forbund_file: Path | None) -> ExitCode:
    from finsam.scaffold import choose_template, create_application

    root, forbund = load(forbund_file)
    template = choose_template(forbund, template_name)
    folder = create_application(root, application_id, template, forbund)
    rel = relative(folder, root)
    print(f"Skapade {rel}/ansokan.md och {rel}/budget.yaml från mallen {template.title}.")
    print(f"Fyll i uppgifterna och kontrollera med: finsam kontrollera {rel}")
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    # ansokan is the only kind so far.
    return run(args.id, args.mall, args.forbund)
