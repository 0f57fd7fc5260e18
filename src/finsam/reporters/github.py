"""GitHub Actions workflow commands: annotations on the pull request's diff.

GitHub shows at most ten annotations of a kind per step, so only the first ten are written
as annotations; every finding is still listed as text in the log below them.
"""

from __future__ import annotations

from typing import TextIO

from finsam.catalog import CATALOG, rule_url
from finsam.checker import CheckResult
from finsam.findings import Finding, Severity
from finsam.reporters import text

MAX_ANNOTATIONS = 10


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, site_url: str = "") -> str:
    """One finding as an annotation on the pull request: the rule's id and Swedish title as
    its heading, the message and hint, and a link to the rule's entry on the förbund's site."""
    command = "error" if finding.severity is Severity.FEL else "warning"
    props = [f"file={_escape_property(finding.file)}"]
    if finding.line > 0:
        props.append(f"line={finding.line}")
        props.append(f"col={finding.column}")
    info = CATALOG.get(finding.rule)
    title = f"{finding.rule} {info.title or info.name}" if info else finding.rule
    props.append(f"title={_escape_property(title)}")
    body = finding.message + (f"\nTips: {finding.hint}" if finding.hint else "")
    if info and site_url:
        body += f"\nOm regeln: {rule_url(site_url, finding.rule)}"
    return f"::{command} {','.join(props)}::{_escape_data(body)}"


def report(result: CheckResult, out: TextIO) -> None:
    for finding in result.findings[:MAX_ANNOTATIONS]:
        out.write(annotation(finding, result.site_url) + "\n")
    rest = len(result.findings) - MAX_ANNOTATIONS
    if rest > 0:
        out.write(
            f"::notice title=finsam::{rest} fynd till visas inte som anteckningar; "
            "se hela listan i loggen.\n"
        )
    text.report(result, out)
