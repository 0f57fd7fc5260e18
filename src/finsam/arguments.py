"""What every finsam command shares: the Swedish parser and the --forbund and --format options."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn, TypeAlias

from finsam.checker import APPLICATIONS_DIR, find_root, relative
from finsam.errors import BlockingFindings, UsageError
from finsam.exitcodes import ExitCode
from finsam.model.forbund import CONFIG_NAME, Forbund, load_forbund
from finsam.reporters import REPORTERS

# argparse's own messages, in Swedish (the rest of the message names arguments and values).
_ARGPARSE_MESSAGES = {
    "the following arguments are required: ": "dessa argument saknas: ",
    "unrecognized arguments: ": "okända argument: ",
    "expected one argument": "ett värde saknas",
    "invalid choice: ": "ogiltigt val: ",
    "(choose from ": "(välj bland ",
    "invalid int value: ": "inget heltal: ",
}


def _swedish(message: str) -> str:
    if message.startswith("argument "):
        message = "argumentet " + message.removeprefix("argument ")
    for english, swedish in _ARGPARSE_MESSAGES.items():
        message = message.replace(english, swedish)
    return message


class SwedishParser(argparse.ArgumentParser):
    """argparse with Swedish headings and errors that exit with the usage code."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "argument"
        self._optionals.title = "flaggor"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ExitCode.USAGE, f"{self.prog}: fel: {_swedish(message)}\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "användning:", 1)

    def format_help(self) -> str:
        return (
            super()
            .format_help()
            .replace("usage:", "användning:", 1)
            .replace("show this help message and exit", "visa den här hjälpen och avsluta")
        )


# What `add_subparsers` returns; each command module adds its parser to it.
Subcommands: TypeAlias = "argparse._SubParsersAction[SwedishParser]"


def add_subcommands(parser: argparse.ArgumentParser, dest: str, metavar: str) -> Subcommands:
    """Required subcommands whose parsers speak Swedish too."""
    subcommands = parser.add_subparsers(dest=dest, metavar=metavar, parser_class=SwedishParser)
    subcommands.required = True
    return subcommands


def add_forbund(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--forbund",
        type=Path,
        default=None,
        metavar="FIL",
        help=f"förbundets konfiguration (standard: närmaste {CONFIG_NAME})",
    )


def add_findings_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default=None,
        help="utdataformat (github väljs automatiskt i GitHub Actions)",
    )


def findings_format(chosen: str | None) -> str:
    """The reporter for findings: the one asked for, else github in GitHub Actions, else text."""
    if chosen is not None:
        return chosen
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def locate(forbund: Path | None) -> tuple[Path, Path]:
    """The repository root and its forbund.yml, from --forbund or the nearest one."""
    if forbund is not None:
        return forbund.resolve().parent, forbund
    root = find_root(Path.cwd())
    if root is None:
        raise UsageError(
            f"Hittar ingen {CONFIG_NAME} i den här mappen eller ovanför. "
            "Kör kommandot i förbundets arkiv eller ange filen med --forbund."
        )
    return root, root / CONFIG_NAME


def load(forbund: Path | None) -> tuple[Path, Forbund]:
    """The repository root and its valid configuration, or the findings that say why not."""
    root, config = locate(forbund)
    loaded, findings = load_forbund(config, relative(config, root))
    if loaded is None:
        raise BlockingFindings(findings)
    return root, loaded


def insats_folder(root: Path, insats: str, needed: str) -> Path:
    """The folder of an insats given by id or as a path, which must hold the file ``needed``."""
    given = Path(insats)
    folder = given if given.is_dir() else root / APPLICATIONS_DIR / insats
    if not (folder / needed).is_file():
        raise UsageError(f"Hittar ingen {needed} för insatsen '{insats}'.")
    return folder


def write_file(path: Path, data: bytes) -> None:
    """Write an output file; a folder that does not exist or a file that cannot be written is
    the user's to fix, said in Swedish."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"Kan inte skriva {path}: {exc.strerror or exc}.") from exc
