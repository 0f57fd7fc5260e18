"""`finsam importera`: a Word application and its Excel budget read into
applications/<id>/ansokan.yaml, ansokan.md and budget.yaml, then checked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from finsam.arguments import Subcommands, add_forbund, load, locate
from finsam.checker import APPLICATIONS_DIR, check, relative
from finsam.errors import UsageError
from finsam.exitcodes import ExitCode
from finsam.findings import Finding, Severity, has_errors
from finsam.loader.application import BUDGET
from finsam.reporters.text import format_finding, report
from finsam.sv import lista, plural


def add_parser(subcommands: Subcommands, name: str) -> None:
    parser = subcommands.add_parser(
        name,
        help="läs in en ansökan från Word och en budget från Excel",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Läs in en ifylld Word-mall (eller en ansökan på förbundets äldre Word-formulär,
där rubrikerna är mallens) och en ifylld Excelmall för budgeten, skriv
applications/<id>/ansokan.yaml (uppgifterna), ansokan.md (texten) och
budget.yaml och kontrollera dem. Varje problem i Word- eller Excelfilen anges
med stycke eller cell; då skrivs ingenting.""",
        epilog="""\
exempel:
  finsam importera ansokan.docx budget.xlsx --id 2026-unga-till-arbete
  finsam importera gammal-ansokan.docx --id 2021-avstampet --mall nnv-2020""",
    )
    parser.add_argument("word", type=Path, metavar="ANSÖKAN.DOCX", help="ansökan som Word-dokument")
    parser.add_argument(
        "excel",
        type=Path,
        nargs="?",
        default=None,
        metavar="BUDGET.XLSX",
        help="budgeten som Excelfil",
    )
    parser.add_argument(
        "--id", required=True, metavar="ID", help="insatsens id, till exempel 2026-unga-till-arbete"
    )
    parser.add_argument(
        "--mall",
        default=None,
        metavar="MALL[@VERSION]",
        help="mallen som ansökan följer (standard: den som Word-mallen anger)",
    )
    parser.add_argument(
        "--skriv-over", action="store_true", help="ersätt filer som redan finns i mappen"
    )
    add_forbund(parser)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Filen {path} går inte att läsa: {exc.strerror or exc}.") from exc


def _blocking(findings: list[Finding]) -> ExitCode:
    for finding in findings:
        print(format_finding(finding))
    errors = sum(1 for f in findings if f.severity is Severity.FEL)
    print(f"{plural(errors, 'fel', 'fel').capitalize()} i filerna. Ingenting skrevs.")
    return ExitCode.FINDINGS


def run(
    word: Path,
    excel: Path | None,
    application_id: str,
    wanted: str | None,
    overwrite: bool,
    forbund_file: Path | None,
) -> ExitCode:
    from finsam.office.word_import import document_template, import_application
    from finsam.rules.application import ID_PATTERN
    from finsam.rules.privacy import personnummer_findings_in_file
    from finsam.scaffold import budget_text, choose_template

    root, config = locate(forbund_file)
    _, forbund = load(config)
    if not ID_PATTERN.fullmatch(application_id):
        raise UsageError(
            f"Id:t {application_id!r} går inte att använda: små bokstäver a–z, siffror och "
            "bindestreck, till exempel 2026-unga-till-arbete."
        )
    template = choose_template(forbund, wanted) if wanted else None
    files = [(word, _read(word))] + ([(excel, _read(excel))] if excel else [])
    # Nothing of a file with a personnummer may reach the repository.
    findings = [f for path, data in files for f in personnummer_findings_in_file(str(path), data)]
    imported, word_findings = import_application(
        files[0][1], str(word), forbund, application_id, template
    )
    findings += word_findings
    budget: str | None = None
    if excel is not None:
        from finsam.office.excel import import_budget

        # The budget is read even when the Word file has mistakes: every one is told at once.
        chosen = (
            imported.template if imported else template or document_template(files[0][1], forbund)
        )
        if chosen is not None:
            budget, excel_findings = import_budget(files[1][1], str(excel), forbund, chosen)
            findings += excel_findings
    if has_errors(findings) or imported is None or (excel is not None and budget is None):
        return _blocking(findings)
    for finding in findings:  # warnings only
        print(format_finding(finding))
    folder = root / APPLICATIONS_DIR / application_id
    # Both files of the application are written anew: an application in the older layout
    # (its facts at the top of ansokan.md) is replaced by the two, and nothing of it is left.
    application = [folder / name for name in imported.files]
    budget_file = folder / BUDGET
    replaced = [*application, budget_file] if excel else application
    existing = [p for p in replaced if p.exists()]
    if existing and not overwrite:
        names = lista([relative(p, root) for p in existing])
        raise UsageError(f"{names} finns redan. Lägg till --skriv-over för att ersätta.")
    folder.mkdir(parents=True, exist_ok=True)
    for path in application:
        path.write_text(imported.files[path.name], "utf-8")
    written = [relative(p, root) for p in application]
    if budget is not None:
        budget_file.write_text(budget, "utf-8")
        written.append(relative(budget_file, root))
    elif not budget_file.exists():
        budget_file.write_text(budget_text(imported.template, forbund), "utf-8")
        written.append(relative(budget_file, root) + " (tom mall att fylla i)")
    print(f"Skrev {lista(written)}.")
    result = check([folder], root, config)
    report(result, sys.stdout)
    return ExitCode.FINDINGS if result.failed else ExitCode.OK


def execute(args: argparse.Namespace) -> ExitCode:
    return run(args.word, args.excel, args.id, args.mall, args.skriv_over, args.forbund)
