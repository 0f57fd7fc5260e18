"""Rules are registered in one place (finsam.rules.all): a rule in a module that is not
listed there would silently never run, so this test fails instead."""

from __future__ import annotations

import importlib
import pkgutil

import finsam.rules
from finsam.catalog import CATALOG
from finsam.rules import all as all_rules_module
from finsam.rules.registry import RULES


def test_every_rule_module_under_finsam_rules_is_listed() -> None:
    listed = {module.__name__ for module in all_rules_module.DOCUMENT_RULES} | set(
        all_rules_module.REPOSITORY_RULES
    )
    helpers = {"finsam.rules.registry", "finsam.rules.all"}
    found = {f"finsam.rules.{info.name}" for info in pkgutil.iter_modules(finsam.rules.__path__)}
    assert found - helpers == listed


def test_importing_every_module_registers_no_rule_that_all_rules_lacks() -> None:
    before = list(RULES)
    for info in pkgutil.iter_modules(finsam.rules.__path__):
        importlib.import_module(f"finsam.rules.{info.name}")
    assert RULES == before == all_rules_module.all_rules()


def test_each_document_rule_module_contributes_a_rule() -> None:
    modules = {function.__module__ for _, function in all_rules_module.all_rules()}
    assert modules == {m.__name__ for m in all_rules_module.DOCUMENT_RULES}


def test_every_document_rule_states_its_rule_and_severity() -> None:
    for info, function in all_rules_module.all_rules():
        assert function.__doc__ and info.statement, info.id
        assert CATALOG[info.id] is info
        assert info.severity.value in ("fel", "varning")


def test_the_catalog_holds_the_repository_rules_too() -> None:
    ids = {info.id for info in all_rules_module.every_rule()}
    assert {"F001", "L103", "R001", "R004", "R007", "Y013", "S001", "K001", "B201"} <= ids


def test_personnummer_is_a_registered_rule() -> None:
    assert "P001" in {info.id for info, _ in all_rules_module.all_rules()}
