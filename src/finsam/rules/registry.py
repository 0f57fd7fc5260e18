"""How a document rule registers: the @rule decorator and the context a rule reads.

Which modules hold rules is listed once, in finsam.rules.all; this module imports none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from finsam.budget import Row, Totals, read_rows, totals
from finsam.catalog import RuleInfo, declare
from finsam.config import Forbund, Template
from finsam.findings import Finding, Severity
from finsam.loader.application import ApplicationFolder
from finsam.values import date


@dataclass(frozen=True)
class Context:
    """What a rule may look at: one application folder and the förbund's configuration."""

    app: ApplicationFolder
    forbund: Forbund

    @cached_property
    def rows(self) -> list[Row]:
        """The readable budget rows (empty without a loadable budget.yaml)."""
        return read_rows(self.app.budget.data) if self.app.budget is not None else []

    @cached_property
    def totals(self) -> Totals:
        return totals(self.rows)

    @cached_property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The insats period, or (None, None) when it is unreadable or backwards (A107's finding)."""
        data = self.app.ansokan.data if self.app.ansokan is not None else None
        start, end = date(data, "period", "start"), date(data, "period", "slut")
        if start is None or end is None or start > end:
            return None, None
        return start, end

    @cached_property
    def template(self) -> Template | None:
        """The template the application names, when it names one that exists."""
        if self.app.ansokan is None or not isinstance(self.app.ansokan.data, dict):
            return None
        mall = self.app.ansokan.data.get("mall")
        if not isinstance(mall, dict) or not isinstance(mall.get("id"), str):
            return None
        version = mall.get("version")
        if isinstance(version, (dict, list)) or version is None:
            return None
        return self.forbund.template(mall["id"], version)


RuleFunction = Callable[[RuleInfo, Context], Iterator[Finding]]
RULES: list[tuple[RuleInfo, RuleFunction]] = []


def rule(
    id: str, name: str, severity: Severity, example: str = ""
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule; its docstring is the rule as the catalog states it (in Swedish)."""

    def register(function: RuleFunction) -> RuleFunction:
        statement = function.__doc__ or ""  # declare() folds its whitespace
        RULES.append((declare(id, name, severity, statement, example), function))
        return function

    return register
