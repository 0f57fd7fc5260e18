"""A Word document as PDF, made by LibreOffice run headless (Debian's libreoffice-writer-nogui).

The conversion runs in a temporary folder of its own, with a LibreOffice profile of its own, so
that it shares no lock with an office suite the user has open. The PDF is tagged (PDF/UA), so
that headings and table headers reach a screen reader as they do in the Word document.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Tagged PDF that follows PDF/UA: the document's structure (headings, tables and their header
# rows, the language) goes with it. LibreOffice reads the filter's options as JSON from 7.4 on.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)
TIMEOUT_SECONDS = 300


class PdfError(Exception):
    """LibreOffice could not make the PDF; the message says why, in Swedish."""


def libreoffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(document: bytes, program: str, name: str = "dokument") -> bytes:
    """The Word document ``document`` as PDF, converted by ``program`` (see libreoffice)."""
    with tempfile.TemporaryDirectory(prefix="finsam-pdf-") as temporary:
        folder = Path(temporary)
        source = folder / f"{name}.docx"
        source.write_bytes(document)
        out = folder / "ut"
        try:
            done = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={(folder / 'profil').as_uri()}",
                    "--headless",
                    "--norestore",
                    "--nolockcheck",
                    "--convert-to",
                    PDF_FILTER,
                    "--outdir",
                    str(out),
                    str(source),
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfError(
                f"LibreOffice blev inte klart med PDF-filen på {TIMEOUT_SECONDS} sekunder."
            ) from exc
        except OSError as exc:
            raise PdfError(f"LibreOffice kunde inte startas: {exc.strerror or exc}.") from exc
        made = out / f"{name}.pdf"
        if done.returncode != 0 or not made.is_file():
            said = (done.stderr or done.stdout).strip().splitlines()
            detail = f" LibreOffice svarade: {said[-1]}" if said else ""
            raise PdfError(f"LibreOffice kunde inte göra en PDF-fil av dokumentet.{detail}")
        return made.read_bytes()
