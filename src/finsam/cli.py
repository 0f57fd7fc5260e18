"""The `finsam` command line: builds objects from arguments and hands them to the checker."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from finsam import __version__
from finsam.budget_report import RENDERERS as BUDGET_RENDERERS
from finsam.checker import check, find_root, relative
from finsam.config import CONFIG_NAME, Forbund, load_forbund
from finsam.errors import UsageError
from finsam.exitcodes import INTERNAL_ERROR_MESSAGE, ExitCode
from finsam.findings import Finding, Severity
from finsam.loader.application import BUDGET
from finsam.reporters import REPORTERS
from finsam.reporters.text import format_finding
from finsam.sv import plural

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


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _add_forbund(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--forbund",
        type=Path,
        default=None,
        metavar="FIL",
        help=f"förbundets konfiguration (standard: närmaste {CONFIG_NAME})",
    )


def _add_findings_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default=None,
        help="utdataformat (github väljs automatiskt i GitHub Actions)",
    )


def build_parser() -> SwedishParser:
    parser = SwedishParser(
        prog="finsam",
        description="Kontrollera och skapa ansökningar om samverkansinsatser.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"finsam {__version__}",
        help="visa versionsnumret och avsluta",
    )
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishParser)
    commands.required = True

    check_cmd = commands.add_parser(
        "kontrollera",
        help="kontrollera ansökningar, budgetar och beslut",
        description="Kontrollera forbund.yml och ansökningarna. Utan sökväg kontrolleras hela arkivet.",
    )
    check_cmd.add_argument(
        "paths", nargs="*", type=Path, metavar="SÖKVÄG", help="filer eller mappar att kontrollera"
    )
    _add_findings_format(check_cmd)
    check_cmd.add_argument(
        "--jamfor-med",
        default=None,
        metavar="REF",
        help="jämför besluten med en tidigare version i git, till exempel origin/main "
        "(standard: HEAD när arkivet är ett git-arkiv)",
    )
    _add_forbund(check_cmd)

    budget_cmd = commands.add_parser(
        "budget",
        help="visa en insats budgettabeller",
        description="Visa budgeten per kategori och år, per part och insatsens totala kostnad.",
    )
    budget_cmd.add_argument("insats", metavar="ID", help="insatsens id eller mapp")
    budget_cmd.add_argument(
        "--format", choices=sorted(BUDGET_RENDERERS), default="text", help="utdataformat"
    )
    _add_forbund(budget_cmd)

    site_cmd = commands.add_parser(
        "sajt",
        help="skriv webbplatsens sidor till en mapp",
        description="Skriv docs/ och alla genererade sidor till en mapp med en egen "
        "konfiguration, så att webbplatsen kan byggas med mkdocs eller properdocs utan finsam.",
    )
    site_cmd.add_argument(
        "--ut",
        type=Path,
        default=Path("build/sajt"),
        metavar="MAPP",
        help="målmapp (standard: build/sajt)",
    )
    _add_forbund(site_cmd)

    pnr_cmd = commands.add_parser(
        "personnummer",
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
    pnr_cmd.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="FIL",
        help="filer att genomsöka, av alla slag; - läser en text från standard in",
    )
    pnr_cmd.add_argument(
        "--meddelanden",
        type=Path,
        default=None,
        metavar="FIL",
        help="genomsök commit-meddelanden i FIL (- för standard in): antingen utdata från "
        "git log --format='%%H%%n%%B%%x00', där varje fynd anger sin commit, eller ett enda "
        "meddelande som .git/COMMIT_EDITMSG (för pre-commit-steget commit-msg)",
    )
    _add_findings_format(pnr_cmd)

    review_cmd = commands.add_parser(
        "granska-pr",
        help="pröva vem som får ändra det en pull request ändrar",
        description="Pröva en pull request mot basgrenen: beslut, konfiguration, scheman och "
        "arbetsflöden får bara kansliet ändra; en sökande får bara ändra en insats, och en "
        "befintlig insats bara om kontot hör till någon av dess parter. Varje tillagd eller "
        "ändrad fil, dess namn och varje commit-meddelande söks igenom efter personnummer. "
        "Allt läses ur git och bedöms med basgrenens forbund.yml.",
    )
    review_cmd.add_argument(
        "--bas", required=True, metavar="REF", help="basgrenen, till exempel origin/main"
    )
    review_cmd.add_argument(
        "--huvud",
        default="HEAD",
        metavar="REF",
        help="pull requestens senaste commit (standard: HEAD)",
    )
    review_cmd.add_argument(
        "--forfattare", required=True, metavar="KONTO", help="pull requestens författare på GitHub"
    )
    _add_findings_format(review_cmd)

    owners_cmd = commands.add_parser(
        "kodagare",
        help="skriv .github/CODEOWNERS ur forbund.yml",
        description="Skapa arkivets CODEOWNERS ur forbund.yml: kansliet äger allt utom "
        "insatsernas mappar, och besluten. Utan flagga skrivs filen till standard ut.",
    )
    owners_mode = owners_cmd.add_mutually_exclusive_group()
    owners_mode.add_argument(
        "--skriv", action="store_true", help="skriv filen .github/CODEOWNERS i arkivet"
    )
    owners_mode.add_argument(
        "--kontrollera",
        action="store_true",
        help="avsluta med kod 1 om .github/CODEOWNERS inte stämmer med forbund.yml",
    )
    _add_forbund(owners_cmd)

    protection_cmd = commands.add_parser(
        "grenskydd",
        help="pröva grenskyddet för main mot det som desken förutsätter",
        description="Läs grenskyddet som GitHubs API svarar (gh api "
        "repos/<ägare>/<arkiv>/branches/main/protection) och visa varje inställning som saknas.",
    )
    protection_cmd.add_argument(
        "fil", type=Path, metavar="FIL", help="svaret från GitHub som JSON, eller - för standard in"
    )
    _add_findings_format(protection_cmd)

    diff_cmd = commands.add_parser(
        "diff",
        help="visa vad som ändrats i en insats mellan två versioner",
        description="Jämför två versioner i git: budget per kategori och år, ändrade uppgifter "
        "och ändrade avsnitt. Utan ID jämförs alla insatser som ändrats.",
    )
    diff_cmd.add_argument("fore", metavar="FÖRE", help="den tidigare versionen, till exempel main")
    diff_cmd.add_argument("efter", metavar="EFTER", help="den senare versionen, till exempel HEAD")
    diff_cmd.add_argument("insats", nargs="?", metavar="ID", help="insatsens id")
    diff_cmd.add_argument(
        "--format", choices=["markdown", "text"], default="text", help="utdataformat"
    )
    _add_forbund(diff_cmd)

    status_cmd = commands.add_parser(
        "status",
        help="visa insatsernas status och rapporter som ska lämnas",
        description="Lista varje insats med status, nästa rapport, försenade rapporter, beslut "
        "som väntar och insatser som snart slutar.",
    )
    status_cmd.add_argument(
        "--datum", default=None, metavar="ÅÅÅÅ-MM-DD", help="dagens datum (standard: i dag)"
    )
    status_cmd.add_argument(
        "--format", choices=["json", "markdown", "text"], default="text", help="utdataformat"
    )
    _add_forbund(status_cmd)

    export_cmd = commands.add_parser("export", help="exportera uppgifter till andra system")
    targets = export_cmd.add_subparsers(dest="target", metavar="MÅL", parser_class=SwedishParser)
    targets.required = True
    followup = targets.add_parser(
        "uppfoljning",
        help="siffrorna för Uppföljning Finsam som CSV",
        description="Skriv per insats det som registreras i Uppföljning Finsam för ett år, som "
        "CSV för svenska Excel (semikolon, decimalkomma, UTF-8 med BOM).",
    )
    followup.add_argument("--ar", type=int, required=True, metavar="ÅR", help="kalenderåret")
    followup.add_argument(
        "--ut", type=Path, default=None, metavar="FIL", help="fil att skriva (standard: skärmen)"
    )
    _add_forbund(followup)

    new_cmd = commands.add_parser("ny", help="skapa en ny ansökan från en mall")
    kinds = new_cmd.add_subparsers(dest="kind", metavar="TYP", parser_class=SwedishParser)
    kinds.required = True
    new_app = kinds.add_parser(
        "ansokan",
        help="skapa mappen applications/<id> från en mall",
        description="Skapa en ny ansökan med ansokan.md och budget.yaml.",
    )
    new_app.add_argument(
        "id", metavar="ID", help="insatsens id, till exempel 2026-unga-till-arbete"
    )
    new_app.add_argument(
        "--mall",
        default=None,
        metavar="MALL[@VERSION]",
        help="mall att utgå från, till exempel generell eller generell@2024",
    )
    _add_forbund(new_app)
    return parser


def _locate(forbund: Path | None) -> tuple[Path, Path]:
    """The repository root and its forbund.yml."""
    if forbund is not None:
        return forbund.resolve().parent, forbund
    root = find_root(Path.cwd())
    if root is None:
        raise UsageError(
            f"Hittar ingen {CONFIG_NAME} i den här mappen eller ovanför. "
            "Kör kommandot i förbundets arkiv eller ange filen med --forbund."
        )
    return root, root / CONFIG_NAME


def run_check(args: argparse.Namespace) -> ExitCode:
    root, config = _locate(args.forbund)
    result = check(args.paths, root, config, compare_with=args.jamfor_med or "HEAD")
    REPORTERS[args.format or _default_format()](result, sys.stdout)
    return ExitCode.FINDINGS if result.failed else ExitCode.OK


class BlockingFindings(Exception):
    """Findings that stop a command before it can do its work (exit code 1)."""

    def __init__(self, findings: list[Finding], summary: str = "") -> None:
        super().__init__(summary)
        self.findings = findings
        self.summary = summary


def _load(args: argparse.Namespace) -> tuple[Path, Forbund]:
    """The repository root and its valid configuration, or the findings that say why not."""
    root, config = _locate(args.forbund)
    forbund, findings = load_forbund(config, relative(config, root))
    if forbund is None:
        raise BlockingFindings(findings)
    return root, forbund


def run_new(args: argparse.Namespace) -> ExitCode:
    from finsam.scaffold import ScaffoldError, choose_template, create_application

    root, forbund = _load(args)
    try:
        template = choose_template(forbund, args.mall)
        folder = create_application(root, args.id, template, forbund)
    except ScaffoldError as exc:
        print(f"finsam: fel: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    rel = relative(folder, root)
    print(f"Skapade {rel}/ansokan.md och {rel}/budget.yaml från mallen {template.label}.")
    print(f"Fyll i uppgifterna och kontrollera med: finsam kontrollera {rel}")
    return ExitCode.OK


def run_budget(args: argparse.Namespace) -> ExitCode:
    from finsam.budget_report import build_report
    from finsam.checker import APPLICATIONS_DIR, inspect_application

    root, forbund = _load(args)
    given = Path(args.insats)
    folder = given if given.is_dir() else root / APPLICATIONS_DIR / args.insats
    if not (folder / BUDGET).is_file():
        raise UsageError(f"Hittar ingen budget.yaml för insatsen '{args.insats}'.")
    context, findings = inspect_application(folder, root, forbund)
    budget = context.app.budget
    if budget is None or not budget.schema_valid:
        # Tables from a budget that cannot be read in full would mislead.
        blocking = [
            f for f in findings if f.file == context.app.file(BUDGET) and f.severity is Severity.FEL
        ]
        raise BlockingFindings(blocking, "budgeten har fel och kan inte visas som tabeller.")
    data = context.app.ansokan.data if context.app.ansokan is not None else {}
    report = build_report(folder.name, data, context.rows, context.template, forbund)
    sys.stdout.write(BUDGET_RENDERERS[args.format](report))
    return ExitCode.OK


def run_site(args: argparse.Namespace) -> ExitCode:
    from finsam.site.export import export

    root, forbund = _load(args)
    config = export(root, forbund, args.ut)
    print(f"Skrev webbplatsens källor till {config.parent}. Bygg med: mkdocs build -f {config}")
    return ExitCode.OK


def run_personnummer(args: argparse.Namespace) -> ExitCode:
    from finsam.checker import CheckResult
    from finsam.filescan import MAX_INPUT_BYTES
    from finsam.rules.privacy import (
        UNSCANNED,
        personnummer_findings_in_file,
        personnummer_findings_in_messages,
    )

    if sum(1 for path in [*args.paths, args.meddelanden] if path == Path("-")) > 1:
        raise UsageError("Standard in kan bara läsas en gång.")

    def read(path: Path) -> bytes | None:
        """The bytes to scan, or None (and a finding) when the file is too large."""
        if path == Path("-"):
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
    for path in args.paths:
        data = read(path)
        result.files += 1
        if data is None:
            continue
        name = "standard in" if path == Path("-") else path.as_posix()
        result.findings += personnummer_findings_in_file(name, data)
    if args.meddelanden is not None:
        data = read(args.meddelanden)
        result.files += 1
        if data is not None:
            label = "standard in" if args.meddelanden == Path("-") else args.meddelanden.as_posix()
            result.findings += personnummer_findings_in_messages(data, label)
    REPORTERS[args.format or _default_format()](result, sys.stdout)
    return ExitCode.FINDINGS if result.failed else ExitCode.OK


def run_review(args: argparse.Namespace) -> ExitCode:
    from finsam.git import toplevel
    from finsam.pull_request import verdict

    # Everything is judged by what the base branch says: a pull request cannot make its own
    # author a member of the kansli, or a party of an insats, by changing files.
    root = toplevel(Path.cwd())
    author = args.forfattare.removeprefix("@")
    result = verdict(root, args.bas, args.huvud, author)
    if result.findings:
        REPORTERS[args.format or _default_format()](result, sys.stdout)
        return ExitCode.FINDINGS
    print(
        f"Granskningen godkänner: @{author} får göra ändringarna i {plural(result.files, 'fil', 'filer')}."
    )
    return ExitCode.OK


def run_codeowners(args: argparse.Namespace) -> ExitCode:
    from finsam.codeowners import PATH, render

    root, forbund = _load(args)
    content = render(forbund)
    target = root / PATH
    if args.skriv:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, "utf-8")
        print(f"Skrev {PATH}.")
        return ExitCode.OK
    if args.kontrollera:
        current = target.read_text("utf-8") if target.is_file() else None
        if current != content:
            print(
                f"{PATH} stämmer inte med {CONFIG_NAME}. Skriv om den med: finsam kodagare --skriv",
                file=sys.stderr,
            )
            return ExitCode.FINDINGS
        print(f"{PATH} stämmer med {CONFIG_NAME}.")
        return ExitCode.OK
    sys.stdout.write(content)
    return ExitCode.OK


def run_protection(args: argparse.Namespace) -> ExitCode:
    import json

    from finsam.branch_protection import findings
    from finsam.checker import CheckResult

    source = "standard in" if str(args.fil) == "-" else str(args.fil)
    try:
        raw = sys.stdin.read() if str(args.fil) == "-" else args.fil.read_text("utf-8")
        data = json.loads(raw)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{source} går inte att läsa som JSON ({exc}).") from exc
    result = CheckResult(findings=findings(data, source), files=1)
    if not result.findings:
        print("Grenskyddet för main har allt som desken förutsätter.")
        return ExitCode.OK
    REPORTERS[args.format or _default_format()](result, sys.stdout)
    return ExitCode.FINDINGS


def run_diff(args: argparse.Namespace) -> ExitCode:
    from finsam.git import changed_insatser, resolve
    from finsam.semantic_diff import RENDERERS, compare

    root, forbund = _load(args)
    resolve(root, args.fore)
    resolve(root, args.efter)
    ids = [args.insats] if args.insats else changed_insatser(root, args.fore, args.efter)
    if not ids:
        print(f"Inga insatser ändrades mellan {args.fore} och {args.efter}.")
    for index, insats in enumerate(ids):
        if index:
            print()
        sys.stdout.write(
            RENDERERS[args.format](compare(root, args.fore, args.efter, insats, forbund))
        )
    return ExitCode.OK


def run_status(args: argparse.Namespace) -> ExitCode:
    import datetime as dt

    from finsam.followup import STATUS_RENDERERS, statuses

    root, forbund = _load(args)
    try:
        today = dt.date.fromisoformat(args.datum) if args.datum else dt.date.today()
    except ValueError as exc:
        raise UsageError(f"'{args.datum}' är inget datum; skriv ÅÅÅÅ-MM-DD.") from exc
    sys.stdout.write(STATUS_RENDERERS[args.format](statuses(root, forbund, today), today))
    return ExitCode.OK


def run_export(args: argparse.Namespace) -> ExitCode:
    from finsam.followup import export_uppfoljning

    root, forbund = _load(args)
    content = export_uppfoljning(root, forbund, args.ar)
    if args.ut is None:
        sys.stdout.write(content)
    else:
        args.ut.write_text(content, "utf-8", newline="")
        print(f"Skrev {args.ut}.")
    return ExitCode.OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command == "kontrollera":
            return run_check(args)
        if args.command == "budget":
            return run_budget(args)
        if args.command == "sajt":
            return run_site(args)
        if args.command == "personnummer":
            return run_personnummer(args)
        if args.command == "granska-pr":
            return run_review(args)
        if args.command == "diff":
            return run_diff(args)
        if args.command == "kodagare":
            return run_codeowners(args)
        if args.command == "grenskydd":
            return run_protection(args)
        if args.command == "status":
            return run_status(args)
        if args.command == "export":
            return run_export(args)
        return run_new(args)
    except SystemExit as exc:  # argparse: --help, --version and usage errors
        return int(exc.code) if isinstance(exc.code, int) else ExitCode.USAGE
    except BlockingFindings as exc:
        for finding in exc.findings:
            print(format_finding(finding), file=sys.stderr)
        if exc.summary:
            print(f"finsam: {exc.summary}", file=sys.stderr)
        return ExitCode.FINDINGS
    except UsageError as exc:
        print(f"finsam: fel: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("finsam: avbruten.", file=sys.stderr)
        return ExitCode.INTERNAL
    except Exception:
        if os.environ.get("FINSAM_DEBUG"):
            raise
        print(INTERNAL_ERROR_MESSAGE, file=sys.stderr)
        return ExitCode.INTERNAL
