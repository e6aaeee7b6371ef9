"""NHS England's FFT suppression, replicated (NHS-STANDARDS.md 1.4; nhsengland/fft_pipeline).

1. Primary: a unit with 1 to 4 responses has its six counts and its percentages hidden (zero is
   not suppressed; Total Responses always stays visible).
2. Secondary: within each parent, children are ranked by Total Responses with a dense rank that
   ignores zeros (lowest = 1, ties broken at ward level by first speciality, second speciality,
   then name). When the rank-1 child just before it is primary-suppressed, the first rank-2 child
   has its counts hidden too (its percentages stay), so the hidden count cannot be recovered by
   subtracting the visible children from the parent's total. A rank-2 child that is itself
   primary-suppressed gets no second reason, and nothing further is hidden.
3. Cascade: when a parent is suppressed at all, its rank-1 and rank-2 children are suppressed
   (counts hidden, percentages stay), so the parent's children cannot be used to rebuild it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

THRESHOLD = 5

PRIMARY, SECONDARY, CASCADE = "primary", "secondary", "cascade"


@dataclass
class Unit:
    """One organisation unit (trust, site or ward) in one month."""

    code: str
    total: int
    sort_key: tuple = ()
    rank: int = 0
    reasons: set[str] = field(default_factory=set)

    @property
    def suppressed(self) -> bool:
        return bool(self.reasons)

    @property
    def counts_hidden(self) -> bool:
        return bool(self.reasons)

    @property
    def percentages_hidden(self) -> bool:
        return PRIMARY in self.reasons


def primary(units: Sequence[Unit]) -> None:
    for unit in units:
        if 0 < unit.total < THRESHOLD:
            unit.reasons.add(PRIMARY)


def rank(units: Sequence[Unit]) -> list[Unit]:
    """Dense rank by total (zeros get rank 0); returns the units in rank order."""
    ordered = sorted(units, key=lambda u: (u.total, u.sort_key, u.code))
    distinct = sorted({u.total for u in units if u.total > 0})
    position = {total: i + 1 for i, total in enumerate(distinct)}
    for unit in ordered:
        unit.rank = position.get(unit.total, 0) if unit.total > 0 else 0
    return ordered


def secondary(ordered: Sequence[Unit]) -> None:
    """As the national pipeline does: walk the children in rank order; a rank-2 child straight
    after a primary-suppressed rank-1 child is suppressed too, unless it is itself
    primary-suppressed (then two are hidden already and nothing more is)."""
    for previous, current in itertools.pairwise(ordered):
        if (
            previous.rank == 1
            and PRIMARY in previous.reasons
            and current.rank == 2
            and PRIMARY not in current.reasons
        ):
            current.reasons.add(SECONDARY)


def cascade(parent_suppressed: bool, children: Sequence[Unit]) -> None:
    if not parent_suppressed:
        return
    for child in children:
        if child.rank in (1, 2):
            child.reasons.add(CASCADE)


def suppress_children(
    parent: Unit | None,
    children: Sequence[Unit],
    *,
    sort_key: Callable[[Unit], tuple] | None = None,
) -> None:
    """Primary, secondary and cascade suppression for one parent's children."""
    if sort_key is not None:
        for child in children:
            child.sort_key = sort_key(child)
    primary(children)
    ordered = rank(children)
    secondary(ordered)
    cascade(bool(parent and parent.suppressed), children)
