"""Every rule of the desk, listed in one place: the checker runs the document rules, and the
catalog (the site's rule page, the reporters' titles) reads all of them from here.

A new rule module is added to DOCUMENT_RULES (a test fails if a module under finsam.rules
registers a rule that is not listed, or a listed module registers none).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from finsam import config_rules, office_rules, schema_rules
from finsam.catalog import CATALOG, RuleInfo
from finsam.loader import format_rules
from finsam.rules import (
    application,
    beredning,
    budget,
    ideskiss,
    lifecycle,
    privacy,
    reports,
    text_limits,
)
from finsam.rules.registry import RULES, RuleFunction

# Modules whose @rule functions run on every application folder.
DOCUMENT_RULES = (
    application,
    budget,
    ideskiss,
    beredning,
    lifecycle,
    privacy,
    reports,
    text_limits,
)
# Modules whose rules are judged over the whole repository or a pull request, not per folder.
# They are imported when asked for: a pre-commit run on one budget needs neither git nor them.
REPOSITORY_RULES = (
    "finsam.rules.frame",
    "finsam.rules.history",
    "finsam.rules.review",
    "finsam.rules.revision",
)
# Rules that the loader, the schemas, the configuration reader and the import of Word and
# Excel files report while reading.
READING_RULES = (format_rules, schema_rules, config_rules, office_rules)


def all_rules() -> list[tuple[RuleInfo, RuleFunction]]:
    """Every document rule with its catalog entry, in registration order."""
    return RULES


def repository_rules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(name) for name in REPOSITORY_RULES)


def every_rule() -> list[RuleInfo]:
    """The whole catalog: document, repository and reading rules, by id."""
    repository_rules()
    return sorted(CATALOG.values(), key=lambda info: info.id)


def rule_info(rule_id: str) -> RuleInfo:
    return CATALOG[rule_id]
