"""Every exception that an entry point maps to an exit code (see finsam.exitcodes)."""

from __future__ import annotations

from finsam.findings import Finding


class UsageError(Exception):
    """A problem with how the command was called (exit code 2), in Swedish."""


class BlockingFindings(Exception):
    """Findings that stop a command before it can do its work (exit code 1)."""

    def __init__(self, findings: list[Finding], summary: str = "") -> None:
        super().__init__(summary)
        self.findings = findings
        self.summary = summary
