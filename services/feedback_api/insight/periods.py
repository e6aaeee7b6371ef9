"""Months and date ranges for aggregate queries, on PostgreSQL and SQLite alike."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func
from sqlalchemy.orm import Session


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def last_complete_month(today: dt.date) -> dt.date:
    """The first day of the latest month that has ended: the one before ``today``'s."""
    return add_months(month_start(today), -1)


def month_end(month: dt.date) -> dt.date:
    """The last day of ``month``."""
    return add_months(month, 1) - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = add_months(current, 1)
    return months


def start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def month_key(month: dt.date) -> str:
    return month.strftime("%Y-%m")


def parse_month(value: str) -> dt.date:
    return dt.datetime.strptime(value, "%Y-%m").date()


def month_expression(session: Session, column):
    """'YYYY-MM' of a UTC timestamp column."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.substr(column, 1, 7)
