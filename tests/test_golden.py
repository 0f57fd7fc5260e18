"""One deliberately broken application whose complete findings list is asserted."""

from __future__ import annotations

import json

from tests.conftest import TESTS, run_check

GOLDEN = TESTS / "golden" / "2025-trasig"


def test_golden_application_gives_exactly_the_stored_findings() -> None:
    result = run_check(GOLDEN)
    expected = json.loads((TESTS / "golden" / "expected.json").read_text("utf-8"))
    assert [f.as_dict() for f in result.findings] == expected


def test_golden_application_fails() -> None:
    result = run_check(GOLDEN)
    assert result.failed
    assert result.applications == 1
    assert result.files == 4
