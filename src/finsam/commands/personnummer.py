"""`finsam personnummer`: personnummer and samordningsnummer in files and commit messages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_findings_format, findings_format
from finsam.checker import CheckResult
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode
from finsam.reporters import REPORTERS
from finsam.rules.privacy import (
    UNSCANNED,
    personnummer_findings_in_file,
    personnummer_findings_in_messages,
)

STDIN = Path("-")


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="leta efter personnummer och samordningsnummer i filer och commit-meddelanden",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Hitta personnummer och samordningsnummer i filer av alla slag och i filnamnen:
textfiler i alla vanliga teckenkodningar, Word-, Excel-, PowerPoint- och
OpenDocument-filer, PDF-filer, zip-arkiv och läsbar text i andra binärfiler.
Numren hittas i alla skrivsätt: med eller utan sekel, med bindestreck, plus,
tankstreck, mellanslag, radbrytning eller tabellcell mellan datum och
löpnummer, med grupperade siffror och med osynliga tecken emellan.
Organisationsnummer släpps igenom. En fil som inte kan genomsökas helt
(krypterad, trasig eller för stor) räknas också som fel.

Används som pre-commit-krok på alla filer, och i steget commit-msg på
commit-meddelandet.""",
        epilog="""\
exempel:
  finsam personnummer rapport.docx budget.xlsx bilaga.pdf
  echo "text att pröva" | finsam personnummer -
  git log --format='%H%n%B%x00' origin/main..HEAD | finsam personnummer --meddelanden -""",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="FIL",
        help="filer att genomsöka, av alla slag; - läser en text från standard in",
    )
    parser.add_argument(
        "--meddelanden",
        type=Path,
        default=None,
        metavar="FIL",
        help="genomsök commit-meddelanden i FIL (- för standard in): antingen utdata från "
        "git log --format='%%H%%n%%B%%x00', där varje fynd anger sin commit, eller ett enda "
        "meddelande som .git/COMMIT_EDITMSG (för pre-commit-steget commit-msg)",
    )
    add_findings_format(parser)


def run(paths: list[Path], messages: Path | None, fmt: str | None) -> ExitCode:
    # The file scanner (Office, PDF and zip readers) is only loaded when files are scanned.
    from finsam.filescan import MAX_INPUT_BYTES

    if sum(1 for path in [*paths, messages] if path == STDIN) > 1:
        raise UsageError("Standard in kan bara läsas en gång.")

    def read(path: Path) -> bytes | None:
        """The bytes to scan, or None (and a finding) when the file is too large."""
        if path == STDIN:
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            size = len(data)
        else:
            if not path.is_file():
                raise UsageError(f"Filen '{path}' finns inte.")
            size = path.stat().st_size
            data = b"" if size > MAX_INPUT_BYTES else path.read_bytes()
        if size > MAX_INPUT_BYTES:
            result.findings.append(
                UNSCANNED.finding(
                    path.as_posix(),
                    0,
                    0,
                    f"Filen är större än {MAX_INPUT_BYTES // (1024 * 1024)} MiB och genomsöktes "
                    "inte efter personnummer.",
                    "Dela upp innehållet i mindre filer.",
                )
            )
            return None
        return data

    result = CheckResult()
    for path in paths:
        data = read(path)
        result.files += 1
        if data is None:
            continue
        name = "standard in" if path == STDIN else path.as_posix()
        result.findings += personnummer_findings_in_file(name, data)
    if messages is not None:
        data = read(messages)
        result.files += 1
        if data is not None:
            label = "standard in" if messages == STDIN else messages.as_posix()
            result.findings += personnummer_findings_in_messages(data, label)
    REPORTERS[findings_format(fmt)](result, sys.stdout)
    return ExitCode.FINDINGS if result.failed else ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.paths, args.meddelanden, args.format)
