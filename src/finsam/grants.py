"""What the decisions in beslut.yaml grant, read defensively (the schema reports bad values)."""

from __future__ import annotations

from typing import Any, NamedTuple

from finsam.values import amounts_by_year, items, text


class Grant(NamedTuple):
    decision: int  # the decision's place in beslut.yaml
    year: int
    amount: int

    @property
    def key(self) -> str:
        """The year as it is written in beslut.yaml, to find its position."""
        return str(self.year)


def grants(data: Any) -> list[Grant]:
    """Every amount granted by a decision with utfall beviljad, in file order."""
    out = []
    for index, decision in items(data, "beslut"):
        if text(decision, "utfall") != "beviljad":
            continue
        for year, amount in amounts_by_year(decision, "beviljat").items():
            out.append(Grant(index, year, amount))
    return out


def granted_per_year(data: Any) -> dict[int, int]:
    """The sum granted per year over all decisions (an extension adds to the first grant)."""
    total: dict[int, int] = {}
    for grant in grants(data):
        total[grant.year] = total.get(grant.year, 0) + grant.amount
    return total
