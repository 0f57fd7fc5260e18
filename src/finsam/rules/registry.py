"""How a document rule registers: the @rule decorator and the context a rule reads.

Which modules hold rules is listed once, in finsam.rules.all; this module imports none of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from finsam.catalog import RuleInfo, declare
from finsam.findings import Finding, Severity
from finsam.loader.application import Ansokan, ApplicationFolder, Document
from finsam.loader.positions import DocPath
from finsam.model.budget import Row, Totals
from finsam.model.forbund import Category, Forbund, Template
from finsam.model.insats import Insats
from finsam.model.report import Report


class Context:
    """What a rule may look at: one application folder and the förbund's configuration.

    `insats` is the typed view of the folder; `app` keeps the documents with the positions of
    their values, which findings point at.
    """

    def __init__(self, app: ApplicationFolder, forbund: Forbund) -> None:
        self.app = app
        self.forbund = forbund

    @cached_property
    def insats(self) -> Insats:
        return Insats(self.app, self.forbund)

    @property
    def reports(self) -> list[tuple[Ansokan, Report]]:
        """Each readable report: the document (for positions) and what it says."""
        return list(zip(self.app.reports, self.insats.reports, strict=True))

    @property
    def rows(self) -> list[Row]:
        """The readable budget rows (empty without a loadable budget.yaml)."""
        return self.insats.rows

    @property
    def totals(self) -> Totals:
        return self.insats.totals

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """The insats period, or (None, None) when it is unreadable or backwards (A107's finding)."""
        return self.insats.period

    @property
    def template(self) -> Template | None:
        """The template the application names, when it names one that exists."""
        return self.insats.template


def at(
    info: RuleInfo,
    document: Document,
    path: DocPath,
    message: str,
    hint: str = "",
    severity: Severity | None = None,
) -> Finding:
    """A finding at the value at ``path`` in a document (or the nearest place that exists)."""
    pos = document.positions.value(path)
    return info.finding(document.rel, pos.line, pos.column, message, hint, severity)


def at_key(
    info: RuleInfo,
    document: Document,
    path: DocPath,
    message: str,
    hint: str = "",
    severity: Severity | None = None,
) -> Finding:
    """A finding at the key of ``path``: where a missing or extra entry belongs."""
    pos = document.positions.key(path)
    return info.finding(document.rel, pos.line, pos.column, message, hint, severity)


def category_list(categories: Mapping[str, Category]) -> str:
    """'lon (Lönekostnad), lokalhyra (Lokalhyra)': the ids to write, with the names people know."""
    return ", ".join(f"{key} ({category.name})" for key, category in categories.items())


RuleFunction = Callable[[RuleInfo, Context], Iterator[Finding]]
RULES: list[tuple[RuleInfo, RuleFunction]] = []


def rule(
    id: str, name: str, severity: Severity, example: str = "", *, title: str = ""
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule; its docstring is the rule as the catalog states it (in Swedish)."""

    def register(function: RuleFunction) -> RuleFunction:
        statement = function.__doc__ or ""  # declare() folds its whitespace
        info = declare(id, name, severity, statement, example, title=title)
        RULES.append((info, function))
        return function

    return register
