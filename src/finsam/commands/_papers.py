"""What `finsam beslutsunderlag` and `finsam styrelsemote` share: the options for the file to
write, and writing the Word document with a PDF beside it.

The PDF is made whenever LibreOffice is installed, since a PDF is what goes out to the board;
`--pdf` insists on it (an error when LibreOffice is missing) and `--utan-pdf` leaves it out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from finsam.arguments import write_file
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode

AUTO, ALWAYS, NEVER = "auto", "ja", "nej"


def add_output_options(parser: argparse.ArgumentParser, default_name: str) -> None:
    parser.add_argument(
        "--ut",
        type=Path,
        default=None,
        metavar="FIL",
        help=f"Word-dokumentet att skriva (standard: {default_name}); PDF-filen får samma namn "
        "med .pdf",
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--pdf",
        dest="pdf",
        action="store_const",
        const=ALWAYS,
        default=AUTO,
        help="skriv också en PDF-fil, och avbryt om LibreOffice saknas (standard: en PDF-fil "
        "skrivs när LibreOffice finns)",
    )
    choice.add_argument(
        "--utan-pdf",
        dest="pdf",
        action="store_const",
        const=NEVER,
        help="skriv bara Word-dokumentet",
    )


def write_papers(document: bytes, target: Path, pdf: str, stream: TextIO | None = None) -> ExitCode:
    """Write the Word document to ``target`` and, as ``pdf`` says, the PDF beside it; say on
    ``stream`` (standard output) what was written. A PDF that LibreOffice fails to make is an
    internal error (exit code 3), said in Swedish; the Word document is written all the same."""
    from finsam.office.pdf import PdfError, docx_to_pdf, libreoffice

    if target.suffix.lower() == ".pdf":
        raise UsageError(
            f"Ange Word-dokumentet med --ut, till exempel {target.with_suffix('.docx')}; "
            "PDF-filen skrivs bredvid det med samma namn."
        )
    program = libreoffice() if pdf != NEVER else None
    if pdf == ALWAYS and program is None:
        raise UsageError(
            "LibreOffice behövs för PDF-filen men hittades inte (programmet soffice). "
            "Installera det, eller skriv bara Word-dokumentet med --utan-pdf."
        )
    write_file(target, document)
    print(f"Skrev {target}.", file=stream or sys.stdout)
    if program is None:
        if pdf == AUTO:
            print("Ingen PDF-fil: LibreOffice (soffice) är inte installerat.", file=sys.stderr)
        return ExitCode.OK
    pdf_file = target.with_suffix(".pdf")
    try:
        data = docx_to_pdf(document, program, target.stem or "dokument")
    except PdfError as exc:
        print(f"finsam: fel: {exc} Ingen PDF-fil skrevs.", file=sys.stderr)
        return ExitCode.INTERNAL
    write_file(pdf_file, data)
    print(f"Skrev {pdf_file}.", file=stream or sys.stdout)
    return ExitCode.OK
