"""`finsam grenskydd`: the protection of main against what the desk relies on."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_findings_format, findings_format
from finsam.checker import CheckResult
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode
from finsam.reporters import REPORTERS


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="pröva grenskyddet för main mot det som desken förutsätter",
        description="Läs grenskyddet som GitHubs API svarar (gh api "
        "repos/<ägare>/<arkiv>/branches/main/protection) och visa varje inställning som saknas.",
    )
    parser.add_argument(
        "fil", type=Path, metavar="FIL", help="svaret från GitHub som JSON, eller - för standard in"
    )
    add_findings_format(parser)


def run(file: Path, fmt: str | None) -> ExitCode:
    from finsam.branch_protection import findings

    source = "standard in" if str(file) == "-" else str(file)
    try:
        raw = sys.stdin.read() if str(file) == "-" else file.read_text("utf-8")
        data = json.loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{source} går inte att läsa som JSON ({exc}).") from exc
    result = CheckResult(findings=findings(data, source), files=1)
    if not result.findings:
        print("Grenskyddet för main har allt som desken förutsätter.")
        return ExitCode.OK
    REPORTERS[findings_format(fmt)](result, sys.stdout)
    return ExitCode.FINDINGS


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.fil, args.format)
