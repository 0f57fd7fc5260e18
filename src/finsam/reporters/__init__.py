"""Reporters write a check result in one format each; the CLI offers exactly these."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from finsam.checker import CheckResult
from finsam.reporters import github, json_reporter, text

Reporter = Callable[[CheckResult, TextIO], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "json": json_reporter.report,
    "github": github.report,
}
