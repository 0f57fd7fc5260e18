"""One insats folder as typed values: the application, its budget, the decisions and reports.

Built from what the loader read; every part a rule or an outlet needs is derived here once.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from finsam.loader.application import ApplicationFolder
from finsam.model.application import Application, read_application
from finsam.model.assessment import (
    AWAITING_BOARD,
    AWAITING_BODY,
    AWAITING_REVIEW,
    DECIDING,
    Assessment,
    Awaiting,
    following_decision,
    read_assessment,
)
from finsam.model.budget import (
    SOUGHT,
    GroupYears,
    Row,
    Totals,
    category_lookup,
    read_group_years,
    read_rows,
    totals,
)
from finsam.model.decision import STATUS_NAMES, Decision, decisions
from finsam.model.forbund import Forbund, Reporting, Template
from finsam.model.report import Report, read_report
from finsam.model.sketch import Sketch, read_sketch, sketch_stage


class Insats:
    """What rules and outlets read of one folder; `folder` keeps the documents and positions.

    Each view is computed when first asked for, then kept."""

    def __init__(self, folder: ApplicationFolder, forbund: Forbund) -> None:
        self.folder = folder
        self.forbund = forbund

    @property
    def id(self) -> str:
        return self.folder.path.name

    @property
    def has_application(self) -> bool:
        """ansokan.md was read and its front matter is a mapping."""
        return self.folder.ansokan is not None and isinstance(self.folder.ansokan.data, dict)

    @cached_property
    def application(self) -> Application:
        """The application; every value absent when ansokan.md could not be read."""
        ansokan = self.folder.ansokan
        if ansokan is None or not isinstance(ansokan.data, dict):
            return read_application({}, [], self.id)
        return read_application(ansokan.data, ansokan.sections, self.id)

    @property
    def title(self) -> str:
        return self.application.title

    @property
    def has_sketch(self) -> bool:
        """The idéskiss was read and its facts are a mapping."""
        return self.folder.ideskiss is not None and isinstance(self.folder.ideskiss.data, dict)

    @property
    def sketch_only(self) -> bool:
        """An idea at its first stage: a readable idéskiss and nothing of a later stage."""
        return self.has_sketch and sketch_stage(self.folder)

    @cached_property
    def sketch(self) -> Sketch:
        """The idéskiss; every value absent when there is none or it could not be read."""
        ideskiss = self.folder.ideskiss
        if ideskiss is None or not isinstance(ideskiss.data, dict):
            return read_sketch({}, [], self.id)
        return read_sketch(ideskiss.data, ideskiss.sections, self.id)

    @cached_property
    def template(self) -> Template | None:
        """The template the application names, when it names one that exists."""
        app = self.application
        if app.template_id is None or app.template_version is None:
            return None
        return self.forbund.template(app.template_id, app.template_version)

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        return self.application.period

    @property
    def rhythm_source(self) -> tuple[str, str]:
        """The reporting rhythm that applies and where it comes from: the latest decision that
        states one ("beslut"), else the template's ("mall"), else the förbund's ("forbund").
        What the application itself says is a proposal only (rule U108 compares it)."""
        for decision in reversed(self.decisions):
            if decision.rhythm:
                return decision.rhythm, "beslut"
        if self.template is not None and self.template.rhythm:
            return self.template.rhythm, "mall"
        return self.forbund.reporting.rhythm, "forbund"

    @property
    def reporting(self) -> Reporting:
        """The förbund's reporting rules with the rhythm that applies to this insats."""
        return self.forbund.reporting._replace(rhythm=self.rhythm_source[0])

    @cached_property
    def rows(self) -> list[Row]:
        """The readable budget rows (none without a loadable budget.yaml)."""
        budget = self.folder.budget
        return read_rows(budget.data, self.period) if budget is not None else []

    @cached_property
    def group_years(self) -> list[GroupYears]:
        """The per-year totals stated for cost groups (fordelning_per_ar)."""
        budget = self.folder.budget
        return read_group_years(budget.data) if budget is not None else []

    @cached_property
    def totals(self) -> Totals:
        return totals(self.rows, self.group_years, category_lookup(self.template))

    @property
    def sought_total(self) -> int:
        return self.totals.total(SOUGHT)

    @cached_property
    def decisions(self) -> list[Decision]:
        """The decisions in file order (none without a loadable beslut.yaml)."""
        return decisions(self.folder.beslut.data) if self.folder.beslut is not None else []

    @cached_property
    def granted(self) -> dict[int, int]:
        """The sum granted per year by every granting decision."""
        total: dict[int, int] = {}
        for decision in self.decisions:
            if decision.grants:
                for year, amount in decision.granted.items():
                    total[year] = total.get(year, 0) + amount
        return dict(sorted(total.items()))

    @property
    def granted_total(self) -> int:
        return sum(self.granted.values())

    @property
    def last_outcome(self) -> str | None:
        """The outcome of the last decision that decided something, if any."""
        known = [d.outcome for d in self.decisions if d.outcome in STATUS_NAMES]
        return known[-1] if known else None

    @cached_property
    def assessment(self) -> Assessment | None:
        """The beredning (beredning.yaml); None when the folder has none, or it could not be
        read as a mapping."""
        beredning = self.folder.beredning
        if beredning is None or not isinstance(beredning.data, dict):
            return None
        return read_assessment(beredning.data)

    @property
    def decision_on_recommendation(self) -> Decision | None:
        """The decision that answered the beredning's recommendation, if the board has
        decided on it (see model.assessment.following_decision)."""
        if self.assessment is None:
            return None
        return following_decision(self.assessment, self.decisions)

    @property
    def submitted(self) -> dt.date | None:
        """When the application was handed in, as far as it says: its dating (datering), else
        the last signature; None when it says neither."""
        application = self.application
        if application.dated is not None:
            return application.dated
        return max((s.date for s in application.signatures if s.date), default=None)

    @cached_property
    def awaiting(self) -> Awaiting | None:
        """The step of the beredning the application waits for: the kansli's quality review,
        the assessing body, or the board's decision on the recommendation. None when nothing
        waits: no submitted application, or the board has decided and no new beredning has
        begun since (as for an extension)."""
        if self.sketch_only or not self.has_application:
            return None
        decided = [d.date for d in self.decisions if d.outcome in DECIDING and d.date]
        last_decided = max(decided, default=None)
        awaits_decision = self.last_outcome == "aterremiss" or (
            self.last_outcome is None and self.application.status == "inlamnad"
        )
        # The beredning is under way when one of its steps is dated after the last decision
        # on the application; one that is all older was answered by that decision.
        found = self.assessment
        steps = (
            [d for d in (found.review_date, found.meeting_date, found.proposal_date) if d]
            if found is not None
            else []
        )
        current = (
            found
            if found is not None and steps and (last_decided is None or max(steps) > last_decided)
            else None
        )
        if current is None and not awaits_decision:
            return None
        if current is not None and current.has_recommendation:
            if current.proposal_date is None or self.decision_on_recommendation is not None:
                return None
            return Awaiting(AWAITING_BOARD, current.proposal_date)
        if current is not None and current.review_passed:
            return Awaiting(AWAITING_BODY, current.review_date)
        since = self.submitted
        if last_decided is not None and (since is None or last_decided > since):
            since = last_decided  # sent back (återremiss): the revised application waits
        return Awaiting(AWAITING_REVIEW, since)

    @cached_property
    def reports(self) -> list[Report]:
        """The readable reports, by file name."""
        return [read_report(r.rel, r.data) for r in self.folder.reports]

    @property
    def outcome(self) -> dict[int, int]:
        """Costs per year according to the latest report that covers each year."""
        latest: dict[int, tuple[dt.date, int]] = {}
        for report in self.reports:
            end = report.end or dt.date.min
            for year, amount in report.outcome.items():
                if year not in latest or end >= latest[year][0]:
                    latest[year] = (end, amount)
        return {year: amount for year, (_, amount) in sorted(latest.items())}
