"""Every rule of the desk, listed in one place: the checker runs the document rules, and the
catalog (the site's rule page, the reporters' titles) reads all of them from here.

A new rule module is added to DOCUMENT_RULES (a test fails if a module under finsam.rules
registers a rule that is not listed, or a listed module registers none).
"""

from __future__ import annotations

from finsam import config_rules, schema_rules
from finsam.catalog import CATALOG, RuleInfo
from finsam.loader import format_rules
from finsam.rules import (
    application,
    budget,
    frame,
    history,
    lifecycle,
    privacy,
    reports,
    review,
    text_limits,
)
from finsam.rules.registry import RULES, RuleFunction

# Modules whose @rule functions run on every application folder.
DOCUMENT_RULES = (application, budget, lifecycle, privacy, reports, text_limits)
# Modules whose rules are judged over the whole repository or a pull request, not per folder.
REPOSITORY_RULES = (frame, history, review)
# Rules that the loader, the schemas and the configuration reader report while reading.
READING_RULES = (format_rules, schema_rules, config_rules)


def all_rules() -> list[tuple[RuleInfo, RuleFunction]]:
    """Every document rule with its catalog entry, in registration order."""
    return RULES


def rule_info(rule_id: str) -> RuleInfo:
    return CATALOG[rule_id]
