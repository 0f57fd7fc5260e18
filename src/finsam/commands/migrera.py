"""`finsam migrera`: move older documents to the current layout (finsam.migrate)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load
from finsam.exitcodes import ExitCode
from finsam.sv import antal, plural


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="flytta äldre filer till det nuvarande sättet att skriva dem",
        description="Flytta uppgifterna i idéskisser, ansökningar och rapporter som står "
        "överst i .md-filen, mellan två rader med ---, till en .yaml-fil med samma namn bredvid "
        "(ansokan.md → ansokan.yaml), precis som de står, med kommentarer och ordning kvar. "
        "Den första raden i .yaml-filen talar om för editorn var mallens schema finns på "
        "förbundets webbplats; en äldre sådan rad med en relativ sökväg (också i budget.yaml "
        "och beslut.yaml) byts mot webbplatsens adress. Ingen fil skrivs över. Utan sökväg "
        "flyttas alla insatser under applications/.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="SÖKVÄG",
        help="insatsmappar eller filer att flytta (standard: alla under applications/)",
    )
    parser.add_argument(
        "--torrkorning",
        action="store_true",
        help="visa vad som skulle ändras utan att skriva något",
    )
    add_forbund(parser)


def run(paths: list[Path], dry_run: bool, forbund_file: Path | None) -> ExitCode:
    from finsam.migrate import apply, plan_folder, selected

    root, forbund = load(forbund_file)
    moved = rewritten = skipped = 0
    for folder, only in selected(paths, root).items():
        plan = plan_folder(folder, root, forbund, only)
        for change in plan.changes:
            problem = None if dry_run else apply(plan, change)
            if problem is not None:
                plan.skipped.append(problem)
                continue
            verb = (
                ("Skulle flytta " if dry_run else "Flyttade ")
                if change.created
                else ("Skulle byta " if dry_run else "Bytte ")
            )
            print(f"{verb}{change.message}.")
            if change.created:
                moved += 1
            else:
                rewritten += 1
        for rel, note in plan.notes:
            print(f"Obs: {rel}: {note}")
        for problem in plan.skipped:
            print(f"finsam: hoppade över {problem.rel}: {problem.reason}", file=sys.stderr)
        skipped += len(plan.skipped)
    print(_summary(moved, rewritten, skipped, dry_run))
    return ExitCode.FINDINGS if skipped else ExitCode.OK


def _summary(moved: int, rewritten: int, skipped: int, dry_run: bool) -> str:
    left = (
        f" {plural(skipped, 'fil', 'filer')} hoppades över; rätta det som står ovan och kör "
        "finsam migrera igen."
        if skipped
        else ""
    )
    if not moved and not rewritten:
        return f"Inget att flytta: alla dokument följer redan det nuvarande sättet.{left}"
    moves = f"uppgifterna i {antal(moved, 'dokument', 'dokument', neuter=True)}" if moved else ""
    lines = antal(rewritten, "schemarad", "schemarader") if rewritten else ""
    if dry_run:
        done = " och ".join(
            part for part in (moves and f"flytta {moves}", lines and f"byta {lines}") if part
        )
        return f"Torrkörning, inget skrevs: kommandot skulle {done}.{left}"
    done = " och ".join(
        part for part in (moves and f"flyttade {moves}", lines and f"bytte {lines}") if part
    )
    return f"Klart: {done}. Kontrollera med finsam kontrollera.{left}"


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.paths, args.torrkorning, args.forbund)
