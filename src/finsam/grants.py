"""What the decisions in beslut.yaml grant, read defensively (the schema reports bad values)."""

from __future__ import annotations

from typing import Any, NamedTuple

from finsam.rules.access import get, items


class Grant(NamedTuple):
    decision: int  # the decision's place in beslut.yaml
    year: str
    amount: int


def grants(data: Any) -> list[Grant]:
    """Every amount granted by a decision with utfall beviljad, in file order."""
    out = []
    for index, decision in items(data, "beslut"):
        granted = get(decision, "beviljat")
        if get(decision, "utfall") != "beviljad" or not isinstance(granted, dict):
            continue
        for year, amount in granted.items():
            if isinstance(amount, int) and not isinstance(amount, bool):
                out.append(Grant(index, str(year), amount))
    return out


def granted_per_year(data: Any) -> dict[str, int]:
    """The sum granted per year over all decisions (an extension adds to the first grant)."""
    total: dict[str, int] = {}
    for grant in grants(data):
        total[grant.year] = total.get(grant.year, 0) + grant.amount
    return total
