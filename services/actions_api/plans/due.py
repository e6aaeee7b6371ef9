"""Dates as trusts write them in action plans, parsed so overdue can be worked out from the clock.

Plans say "April 19", "Jan 2019", "Q4 2018/19", "2019/20", "2018 - 2020", "Quarterly review",
or several dates in one cell. Each becomes a :class:`Due`: its kind, the first and last day it
covers, milestones (several dates in one cell) and any recurrence. The text as written is always
kept beside it; quarters and years with a slash are NHS financial ones (April to March).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from dateutil.relativedelta import relativedelta


class DueKind(StrEnum):
    date = "date"
    month = "month"
    quarter = "quarter"
    financial_year = "financial_year"
    year = "year"
    range = "range"
    milestones = "milestones"
    recurring = "recurring"


class Recurrence(StrEnum):
    weekly = "weekly"
    monthly = "monthly"
    quarterly = "quarterly"
    annually = "annually"


RECURRENCE_DAYS = {
    Recurrence.weekly: 7,
    Recurrence.monthly: 31,
    Recurrence.quarterly: 92,
    Recurrence.annually: 366,
}


class DueParseError(ValueError):
    pass


@dataclass(frozen=True)
class Due:
    kind: DueKind
    first: dt.date | None = None
    last: dt.date | None = None
    milestones: tuple[Due, ...] = field(default_factory=tuple)
    recurrence: Recurrence | None = None
    text: str = ""

    @property
    def deadline(self) -> dt.date | None:
        """The last day the work may be done on; recurring work has none."""
        return self.last

    def is_overdue(self, today: dt.date) -> bool:
        return self.deadline is not None and self.deadline < today

    def missed_milestones(self, today: dt.date) -> list[Due]:
        return [m for m in self.milestones if m.is_overdue(today)]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "milestones": [m.to_json() for m in self.milestones],
            "recurrence": self.recurrence.value if self.recurrence else None,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Due:
        return cls(
            kind=DueKind(data["kind"]),
            first=dt.date.fromisoformat(data["first"]) if data.get("first") else None,
            last=dt.date.fromisoformat(data["last"]) if data.get("last") else None,
            milestones=tuple(cls.from_json(m) for m in data.get("milestones") or ()),
            recurrence=Recurrence(data["recurrence"]) if data.get("recurrence") else None,
            text=data.get("text", ""),
        )


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>\d{4}|\d{2})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")),
    ("dmy", re.compile(r"^(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4}|\d{2})$")),
    ("day_month", re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}$", re.I)),
    ("month", re.compile(rf"^{_MONTH}[\s,'’-]*{_YEAR}$", re.I)),
    (
        "quarter",
        re.compile(r"^Q(?P<q>[1-4])\s*(?P<start>\d{4})\s*[/-]\s*(?P<end>\d{2}|\d{4})$", re.I),
    ),
    ("fy", re.compile(r"^(?:FY\s*)?(?P<start>\d{4})\s*/\s*(?P<end>\d{2}|\d{4})$", re.I)),
    ("range", re.compile(r"^(?P<start>\d{4})\s*(?:-|–|to)\s*(?P<end>\d{4})$", re.I)),
    ("year", re.compile(r"^(?P<year>\d{4})$")),
]
_RECURRING = re.compile(
    r"^(?P<every>weekly|monthly|quarterly|annually|annual|yearly)(?:\s+(?:review|update|report))?$",
    re.I,
)
# Several dates in one cell: new lines, semicolons, commas between dates, " and ".
_SPLIT = re.compile(r"\s*(?:\n|;|,(?=\s*[A-Za-z0-9])|\band\b)\s*")


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1) + relativedelta(months=1, days=-1)


def _financial_year(start: int, end_text: str) -> tuple[int, int]:
    end = int(end_text)
    end = (start // 100) * 100 + end if end < 100 else end
    if end != start + 1:
        raise DueParseError(f"a financial year runs over two years in a row, not {start} to {end}")
    return start, end


def _parse_one(text: str) -> Due:
    cleaned = " ".join(text.split())
    recurring = _RECURRING.match(cleaned)
    if recurring:
        every = recurring["every"].lower()
        every = {"annual": "annually", "yearly": "annually"}.get(every, every)
        return Due(DueKind.recurring, recurrence=Recurrence(every), text=cleaned)
    for name, pattern in _PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        try:
            return _build(name, match, cleaned)
        except ValueError as exc:
            raise DueParseError(f"{cleaned!r} is not a real date: {exc}") from exc
    raise DueParseError(
        f"{cleaned!r} is not a date we can read. Write a date (31/03/2019), a month (April 2019), "
        "a quarter (Q4 2018/19), a financial year (2019/20), a range (2018 - 2020) or "
        "Quarterly."
    )


def _build(name: str, match: re.Match[str], text: str) -> Due:
    if name in ("iso", "dmy", "day_month"):
        month = int(match["m"]) if name != "day_month" else MONTHS[match["month"].lower()]
        year = int(match["y"]) if name == "iso" else _year(match["y" if name == "dmy" else "year"])
        day = dt.date(year, month, int(match["d"]))
        return Due(DueKind.date, first=day, last=day, text=text)
    if name == "month":
        year, month = _year(match["year"]), MONTHS[match["month"].lower()]
        return Due(
            DueKind.month, first=dt.date(year, month, 1), last=_month_end(year, month), text=text
        )
    if name == "quarter":
        start, _end = _financial_year(int(match["start"]), match["end"])
        first = dt.date(start, 4, 1) + relativedelta(months=3 * (int(match["q"]) - 1))
        return Due(
            DueKind.quarter, first=first, last=first + relativedelta(months=3, days=-1), text=text
        )
    if name == "fy":
        start, end = _financial_year(int(match["start"]), match["end"])
        return Due(
            DueKind.financial_year,
            first=dt.date(start, 4, 1),
            last=dt.date(end, 3, 31),
            text=text,
        )
    if name == "range":
        start, end = int(match["start"]), int(match["end"])
        if end < start:
            raise DueParseError(f"the range {text!r} ends before it starts")
        return Due(DueKind.range, first=dt.date(start, 1, 1), last=dt.date(end, 12, 31), text=text)
    year = int(match["year"])
    return Due(DueKind.year, first=dt.date(year, 1, 1), last=dt.date(year, 12, 31), text=text)


def parse_due(text: str | None) -> Due | None:
    """Parse a start or due cell as written; None for an empty cell."""
    if text is None or not text.strip():
        return None
    original = text.strip()
    cleaned = " ".join(original.split())
    try:
        due = _parse_one(cleaned)
        return Due(
            due.kind,
            due.first,
            due.last,
            due.milestones,
            due.recurrence,
            text=original,
        )
    except DueParseError:
        parts = [p for p in _SPLIT.split(original) if p.strip()]
        if len(parts) < 2:
            raise
    milestones = tuple(_parse_one(part) for part in parts)
    dated = [m for m in milestones if m.last is not None]
    if not dated:
        raise DueParseError(f"{cleaned!r} has several entries but none is a date")
    return Due(
        DueKind.milestones,
        first=min(m.first for m in dated if m.first),
        last=max(m.last for m in dated if m.last),
        milestones=milestones,
        text=original,
    )


def as_dict(due: Due | None) -> dict[str, Any] | None:
    return due.to_json() if due else None


__all__ = ["Due", "DueKind", "DueParseError", "Recurrence", "parse_due"]
