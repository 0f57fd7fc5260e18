"""`finsam ny ansokan`, `finsam ny ideskiss` and `finsam ny forbund`: a new application, a new
idéskiss, or a new förbund's whole repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, add_subcommands, load
from finsam.checker import relative
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode
from finsam.model.deadlines import PERIOD_MONTHS


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name, help="skapa en ny ansökan, idéskiss eller ett nytt förbunds arkiv"
    )
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
    _add_forbund_parser(kinds)


def _add_forbund_parser(kinds: Subcommands) -> None:
    parser = kinds.add_parser(
        "forbund",
        help="skapa ett nytt förbunds arkiv för ansökningsdesken",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Skapa ett arkiv för ett samordningsförbund som vill använda ansökningsdesken:
forbund.yml med förbundets medlemmar, kansli, ram och en mall, mappen
applications/, mkdocs.yml för webbplatsen, arbetsflöden för GitHub, CODEOWNERS,
pre-commit och en README med de två kommandona make site och make test.
Arkivet använder den utgåva av finsam som --version anger; allt annat än
förbundets egna uppgifter kommer från den. Det som inte anges frågas efter när
kommandot körs i en terminal.""",
        epilog="""\
exempel:
  finsam ny forbund norrdal --namn "Samordningsförbundet Norrdal" \\
    --epost kansliet@norrdal.example --adress https://norrdal.example/ansokan/ \\
    --medlem "Norrdals kommun" --medlem "Region Norrland" \\
    --medlem Arbetsförmedlingen --medlem Försäkringskassan \\
    --kansli norrdal-chef --ram 2027=3000000 --rapportering halvar""",
    )
    parser.add_argument("folder", type=Path, metavar="MAPP", help="arkivets mapp (ny eller tom)")
    parser.add_argument("--namn", metavar="NAMN", help="förbundets namn")
    parser.add_argument(
        "--epost", metavar="ADRESS", help="kansliets e-postadress (funktionsadress)"
    )
    parser.add_argument(
        "--adress",
        metavar="URL",
        help="webbplatsens adress, till exempel https://forbundet.se/ansokan/",
    )
    parser.add_argument(
        "--medlem",
        action="append",
        default=[],
        metavar="NAMN[:TYP][=KONTO,...]",
        help="en medlem (minst två); typen (kommun, region, arbetsformedlingen, "
        "forsakringskassan) framgår oftast av namnet; efter = GitHub-konton som lämnar in för den",
    )
    parser.add_argument(
        "--kansli",
        action="append",
        default=[],
        metavar="KONTO[=ROLL]",
        help="ett GitHub-konto på kansliet (minst ett); det första är förbundschef om inget annat anges",
    )
    parser.add_argument(
        "--ram", action="append", default=[], metavar="ÅR=BELOPP", help="ramen för ett år, i kronor"
    )
    parser.add_argument(
        "--rapportering",
        choices=tuple(PERIOD_MONTHS),
        default="kvartal",
        help="hur ofta insatserna lämnar lägesrapporter (standard: kvartal)",
    )
    parser.add_argument(
        "--forrad", default="", metavar="URL", help="förbundets arkiv på GitHub (för formuläret)"
    )
    parser.add_argument(
        "--kalla",
        default=None,
        metavar="URL",
        help="finsams arkiv, som utgåvan hämtas från (standard: finsams egen adress)",
    )
    parser.add_argument(
        "--version",
        dest="tag",
        default=None,
        metavar="TAGG",
        help="finsams utgåva (standard: den som körs, till exempel v0.3.0)",
    )


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


def _ask(label: str, given: str | None) -> str:
    if given:
        return given
    if not sys.stdin.isatty():
        raise UsageError(f"Ange {label}.")
    return input(f"{label[0].upper()}{label[1:]}: ").strip()


def _ask_many(label: str, given: list[str], at_least: int) -> list[str]:
    if given and len(given) >= at_least:
        return given
    if not sys.stdin.isatty():
        if not at_least:
            return given
        raise UsageError(f"Ange {label}.")
    print(f"{label[0].upper()}{label[1:]}, en per rad; avsluta med en tom rad:")
    answers = list(given)
    while (line := input("> ").strip()) or len(answers) < at_least:
        if line:
            answers.append(line)
    return answers


def run_forbund(args: argparse.Namespace) -> ExitCode:
    from finsam.scaffold_forbund import (
        NewForbund,
        Release,
        create,
        default_release,
        parse_frame,
        parse_kansli,
        parse_member,
    )

    name = _ask("förbundets namn (--namn)", args.namn)
    email = _ask("kansliets e-postadress (--epost)", args.epost)
    site = _ask("webbplatsens adress (--adress)", args.adress)
    members = _ask_many("minst två medlemmar (--medlem)", args.medlem, 2)
    kansli = _ask_many("minst ett GitHub-konto på kansliet (--kansli)", args.kansli, 1)
    frame = _ask_many("förbundets ram per år, ÅR=BELOPP (--ram)", args.ram, 0)
    default = default_release()
    release = Release(args.kalla or default.source, args.tag or default.tag)
    if not release.source:
        raise UsageError("Ange finsams arkiv med --kalla.")
    new = NewForbund(
        name=name,
        email=email,
        site_url=site,
        members=tuple(parse_member(m) for m in members),
        kansli=tuple(parse_kansli(k, i == 0) for i, k in enumerate(kansli)),
        release=release,
        frame=dict(parse_frame(f) for f in frame),
        rhythm=args.rapportering,
        repository=args.forrad,
    )
    written = create(args.folder, new)
    print(
        f"Skapade arkivet för {name} i {args.folder} ({len(written)} filer), med finsam {release.tag}."
    )
    print(f"Nästa steg: cd {args.folder} && make test && make site")
    return ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    if args.kind == "forbund":
        return run_forbund(args)
    if args.kind == "ideskiss":
        return run_sketch(args.id, args.forbund)
    return run(args.id, args.mall, args.forbund)
