"""Working days and the statutory complaint periods (SI 2009/309, NHS-STANDARDS.md 2.1).

A working day is any day except Saturday, Sunday, Christmas Day, Good Friday or a bank holiday in
England and Wales. England's bank holidays come from the maintained ``holidays`` package (they
are the same as Wales's, and include Christmas Day and Good Friday), so the calendar is never
typed in by hand.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta

ACKNOWLEDGE_WITHIN_WORKING_DAYS = 3
RESPONSE_PERIOD = relativedelta(months=6)
COMPLAINT_TIME_LIMIT = relativedelta(months=12)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.UK(subdiv="ENG", years=year).keys())


def is_bank_holiday(day: dt.date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def acknowledgement_due(received_on: dt.date) -> dt.date:
    """No later than 3 working days after the day the complaint is received (regulation 13)."""
    return add_working_days(received_on, ACKNOWLEDGE_WITHIN_WORKING_DAYS)


def default_response_due(received_on: dt.date) -> dt.date:
    """Six months from receipt unless a longer period is agreed (regulation 14).

    relativedelta clamps to the month's last day: received 31 August, due 28 (or 29) February.
    """
    return received_on + RESPONSE_PERIOD


def outside_time_limit(event_on: dt.date | None, received_on: dt.date) -> bool:
    """Made more than 12 months after the event (or after it came to notice), regulation 12."""
    if event_on is None:
        return False
    return received_on > event_on + COMPLAINT_TIME_LIMIT
