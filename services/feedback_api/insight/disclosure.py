"""Small numbers in published tables of counts: primary and secondary suppression, audited.

Used for the equality breakdowns (equality.py). FFT figures follow NHS England's own rules
instead (suppression.py).

1. Primary: a count of 1 to 4 is shown as "fewer than 5"; 0 is shown as 0.
2. Secondary: a hidden count must not be recoverable from what is published: the totals, the
   other counts, and how the table adds up (each column to its total; "complained" never more
   than "gave feedback" in the same row; for disability, people counted once per condition).
   While some hidden count can be worked out, the next smallest shown count in its column is
   hidden too, as NHS England does for FFT; if its column has no shown count left, the whole
   column is hidden, zeros included.

"Recoverable" is decided exactly rather than by a rule of thumb such as "hide two": everything a
reader knows is written as a small integer programme (shown counts are fixed; "fewer than 5" is
1 to 4; a count hidden by secondary suppression is at least 5 and, since the smallest are hidden
first, at most the smallest count still shown in its column; a column's total of "fewer than 5"
is 1 to 4), and a hidden count is safe only when at least two different values fit all of it.
So a lone 1 next to a hidden 5 is caught: when what the total leaves for the two is 6, they
can only be 1 and 5, and a third count is hidden.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

THRESHOLD = 5
FEWER_THAN_5 = "fewer than 5"
HIDDEN = "hidden"

SHOWN, PRIMARY, SECONDARY, WITHHELD = "shown", "primary", "secondary", "withheld"

Key = Hashable


class Inconsistent(Exception):
    """The true counts do not fit the relations the table was given."""


@dataclass
class Cell:
    row: str
    column: str
    value: int
    state: str = SHOWN

    @property
    def hidden(self) -> bool:
        return self.state != SHOWN

    def published(self) -> str:
        """The cell as a reader sees it."""
        if self.state == SHOWN:
            return str(self.value)
        return FEWER_THAN_5 if self.state == PRIMARY else HIDDEN


@dataclass
class Table:
    """Counts in rows and columns, each column adding up to a published total, with any further
    relations a reader knows. Quantities that are never published (such as the number of people
    who named at least one condition) are ``unknowns`` with their bounds."""

    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    unknowns: dict[Key, tuple[int, int]] = field(default_factory=dict)
    # sum(coefficient * variable) == constant, and sum(coefficient * variable) <= constant, where
    # a variable is a cell's (row, column) or the name of an unknown.
    equal: list[tuple[dict[Key, int], int]] = field(default_factory=list)
    at_most: list[tuple[dict[Key, int], int]] = field(default_factory=list)

    def add(self, row: str, column: str, value: int) -> None:
        self.cells[(row, column)] = Cell(row, column, value)

    def column(self, name: str) -> list[Cell]:
        return [c for c in self.cells.values() if c.column == name]

    def published(self, row: str, column: str) -> str:
        return self.cells[(row, column)].published()

    def adds_up(self, column: str, terms: dict[Key, int]) -> None:
        """``terms`` add up to the column's published total: the total itself when it is shown
        (0, or 5 or more), or an unknown of 1 to 4 when it is shown as "fewer than 5"."""
        total = self.totals[column]
        if 0 < total < THRESHOLD:
            self.unknowns[total_key(column)] = (1, THRESHOLD - 1)
            self.equal.append(({**terms, total_key(column): -1}, 0))
        else:
            self.equal.append((terms, total))


def total_key(column: str) -> tuple[str, str]:
    """The unknown standing for a column's total when it is shown as "fewer than 5"."""
    return ("*total*", column)


def protect(table: Table) -> Table:
    """Primary suppression, then secondary suppression until no hidden count can be worked out."""
    for cell in table.cells.values():
        if 0 < cell.value < THRESHOLD:
            cell.state = PRIMARY
    if not any(c.hidden for c in table.cells.values()):
        return table  # nothing to protect: nothing more is hidden
    while True:
        try:
            exposed = recoverable(table)
        except Inconsistent:
            # The counts do not add up as they should (data written around the API's checks):
            # nothing about them can be vouched for, so none of them is shown.
            for cell in table.cells.values():
                cell.state = WITHHELD
            return table
        if not exposed:
            return table
        column = table.column(exposed[0].column)
        shown = [c for c in column if c.state == SHOWN and c.value > 0]
        if shown:
            smallest = min(shown, key=lambda c: c.value)  # on a tie, the first in table order
            smallest.state = SECONDARY
        elif any(c.state != WITHHELD for c in column):
            for cell in column:
                cell.state = WITHHELD
        else:  # already hidden in full and still given away by the rest: hide it all
            for cell in table.cells.values():
                cell.state = WITHHELD
            return table


def recoverable(table: Table) -> list[Cell]:
    """The hidden counts (other than zeros in a wholly hidden column) that only one value fits."""
    hidden = [c for c in table.cells.values() if c.hidden]
    if not hidden:
        return []
    problem = _Problem(table)
    values: dict[int, set[int]] = defaultdict(set)
    truth = problem.truth
    for j, v in enumerate(truth):
        values[j].add(v)
    found = []
    for cell in hidden:
        j = problem.index[(cell.row, cell.column)]
        for sign in (-1.0, 1.0):  # the largest value that fits, then the smallest
            if len(values[j]) > 1:
                break
            solution = problem.extreme(j, sign)
            for i, v in enumerate(solution):
                values[i].add(v)
        if len(values[j]) == 1 and cell.value > 0:
            found.append(cell)
    return found


class _Problem:
    """What a reader knows about a table, as an integer programme over its cells and unknowns."""

    def __init__(self, table: Table) -> None:
        keys: list[Key] = list(table.cells) + list(table.unknowns)
        self.index = {key: i for i, key in enumerate(keys)}
        size = len(keys)
        ceiling = max([*table.totals.values(), 0]) + THRESHOLD
        smallest_shown: dict[str, int] = {}
        for cell in table.cells.values():
            if cell.state == SHOWN and cell.value > 0:
                smallest_shown[cell.column] = min(
                    smallest_shown.get(cell.column, cell.value), cell.value
                )
        lower, upper = np.zeros(size), np.zeros(size)
        truth = [0] * size
        for key, cell in table.cells.items():
            i = self.index[key]
            column_total = table.totals.get(cell.column, ceiling)
            if cell.state == SHOWN:
                low = high = cell.value
            elif cell.state == PRIMARY:
                low, high = 1, THRESHOLD - 1
            elif cell.state == SECONDARY:
                low, high = THRESHOLD, smallest_shown.get(cell.column, max(column_total, 5))
            else:
                low, high = 0, max(column_total, THRESHOLD - 1)
            lower[i], upper[i], truth[i] = low, high, cell.value
        for key, (low, high) in table.unknowns.items():
            i = self.index[key]
            lower[i], upper[i] = low, high
        self.bounds = Bounds(lower, upper)
        constraints = []
        for rows, kind in ((table.equal, "equal"), (table.at_most, "at_most")):
            if not rows:
                continue
            matrix = np.zeros((len(rows), size))
            limits = np.zeros(len(rows))
            for r, (terms, constant) in enumerate(rows):
                for key, coefficient in terms.items():
                    matrix[r, self.index[key]] = coefficient
                limits[r] = constant
            low = limits if kind == "equal" else np.full(len(rows), -np.inf)
            constraints.append(LinearConstraint(matrix, low, limits))
        self.constraints = constraints
        self.size = size
        # The true counts fit everything published; unknowns take any value that fits with them.
        self.truth = self._complete(truth, table)

    def _complete(self, truth: list[int], table: Table) -> list[int]:
        if not table.unknowns:
            return truth
        lower = self.bounds.lb.copy()
        upper = self.bounds.ub.copy()
        for key in table.cells:
            i = self.index[key]
            lower[i] = upper[i] = truth[i]
        return self._solve(np.zeros(self.size), Bounds(lower, upper))

    def extreme(self, j: int, sign: float) -> list[int]:
        objective = np.zeros(self.size)
        objective[j] = sign
        return self._solve(objective, self.bounds)

    def _solve(self, objective, bounds) -> list[int]:
        result = milp(
            objective,
            integrality=np.ones(self.size),
            bounds=bounds,
            constraints=self.constraints,
        )
        if result.x is None:
            raise Inconsistent(result.message)
        return [round(v) for v in result.x]
