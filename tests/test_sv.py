"""Counts in Swedish: figures in messages, words for small numbers in running text."""

from __future__ import annotations

import pytest

from finsam.sv import antal, plural


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 insatser"), (1, "1 insats"), (2, "2 insatser"), (1000, "1\u00a0000 insatser")],
)
def test_a_count_in_a_message_is_in_figures_with_thousands(count: int, expected: str) -> None:
    assert plural(count, "insats", "insatser") == expected


@pytest.mark.parametrize(
    ("count", "neuter", "expected"),
    [
        (0, False, "noll insatser"),
        (1, False, "en insats"),
        (1, True, "ett beslut"),
        (3, False, "tre insatser"),
        (12, False, "tolv insatser"),
        (13, False, "13 insatser"),
        (1000, False, "1\u00a0000 insatser"),
    ],
)
def test_a_count_in_running_text_is_a_word_up_to_twelve(
    count: int, neuter: bool, expected: str
) -> None:
    one, many = ("beslut", "beslut") if neuter else ("insats", "insatser")
    assert antal(count, one, many, neuter=neuter) == expected
