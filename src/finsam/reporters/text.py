"""Plain Swedish text, one finding per line with its hint below: for people."""

from __future__ import annotations

from typing import TextIO

from finsam.checker import CheckResult
from finsam.findings import Finding, Severity
from finsam.sv import plural


def location(finding: Finding) -> str:
    if finding.place:  # a Word or Excel file: the paragraph or the cell, in words
        return f"{finding.file} ({finding.place})"
    if finding.line <= 0:
        return finding.file
    return f"{finding.file}:{finding.line}:{finding.column}"


def summary(result: CheckResult) -> str:
    errors = sum(f.severity is Severity.FEL for f in result.findings)
    warnings = len(result.findings) - errors
    files = f"{plural(result.files, 'fil', 'filer')} {'kontrollerad' if result.files == 1 else 'kontrollerade'}"
    checked = (
        f"{plural(result.applications, 'insats', 'insatser')} och {files}"
        if result.applications
        else files
    )
    if not result.findings:
        return f"Inga fel. {checked[0].upper()}{checked[1:]}."
    parts = []
    if errors:
        parts.append(plural(errors, "fel", "fel"))
    if warnings:
        parts.append(plural(warnings, "varning", "varningar"))
    return f"{' och '.join(parts).capitalize()}. {checked[0].upper()}{checked[1:]}."


def format_finding(finding: Finding) -> str:
    head = f"{location(finding)}: {finding.severity.value} {finding.rule}: {finding.message}"
    return head + (f"\n    Tips: {finding.hint}" if finding.hint else "")


def report(result: CheckResult, out: TextIO) -> None:
    for finding in result.findings:
        out.write(format_finding(finding) + "\n")
    out.write(summary(result) + "\n")
