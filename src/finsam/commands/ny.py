"""`finsam ny ansokan` and `finsam ny ideskiss`: a new application or idéskiss."""

from __future__ import annotations

import argparse
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, add_subcommands, load
from finsam.checker import relative
from finsam.exitcodes import ExitCode


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(name, help="skapa en ny ansökan eller idéskiss")
    kinds = add_subcommands(parser, "kind", "TYP")
    application = kinds.add_parser(
        "ansokan",
        help="skapa mappen applications/<id> från en mall",
        description="Skapa en ny ansökan med ansokan.yaml (uppgifterna), ansokan.md (texten) "
        "och budget.yaml. Finns redan en "
        "idéskiss i mappen läggs filerna till bredvid den, med idéskissens namn, parter och "
        "tid ifyllda.",
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
    sketch = kinds.add_parser(
        "ideskiss",
        help="skapa mappen applications/<id> med en idéskiss",
        description="Skapa en idéskiss, ideskiss.md, med förbundets frågor som rubriker: en "
        "kort beskrivning av en idé som kansliet ger synpunkter på innan ansökan skrivs.",
    )
    sketch.add_argument("id", metavar="ID", help="idéns id, till exempel 2026-unga-till-arbete")
    add_forbund(sketch)


def run(application_id: str, template_name: str | None, forbund_file: Path | None) -> ExitCode:
    from finsam.scaffold import choose_template, create_application

    root, forbund = load(forbund_file)
    template = choose_template(forbund, template_name)
    folder, sketch = create_application(root, application_id, template, forbund)
    rel = relative(folder, root)
    print(
        f"Skapade {rel}/ansokan.yaml, {rel}/ansokan.md och {rel}/budget.yaml från mallen "
        f"{template.title}."
    )
    if sketch is not None:
        print("Idéskissens arbetsnamn, parter och tid står redan i ansökan; se över dem.")
    print(f"Fyll i uppgifterna och kontrollera med: finsam kontrollera {rel}")
    return ExitCode.OK


def run_sketch(sketch_id: str, forbund_file: Path | None) -> ExitCode:
    from finsam.scaffold import create_sketch

    root, forbund = load(forbund_file)
    folder, questions = create_sketch(root, sketch_id, forbund)
    rel = relative(folder, root)
    print(f"Skapade {rel}/ideskiss.md med {questions.title}.")
    print(f"Fyll i uppgifterna, svara på frågorna och kontrollera med: finsam kontrollera {rel}")
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    if args.kind == "ideskiss":
        return run_sketch(args.id, args.forbund)
    return run(args.id, args.mall, args.forbund)
