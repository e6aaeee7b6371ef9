"""Working days and the statutory periods, against England's real bank holiday calendar."""

import datetime as dt

import pytest

from services.feedback_api.cases.workdays import (
    acknowledgement_due,
    add_working_days,
    default_response_due,
    is_working_day,
    outside_time_limit,
)

D = dt.date


def test_christmas_eve_2026_is_acknowledged_by_new_years_eve() -> None:
    # Thursday 24 December 2026: Friday 25 (Christmas Day), the weekend and Monday 28 (Boxing Day
    # substitute) do not count; Tuesday 29, Wednesday 30, Thursday 31 do.
    assert D(2026, 12, 24).strftime("%A") == "Thursday"
    assert not is_working_day(D(2026, 12, 25))
    assert not is_working_day(D(2026, 12, 28))
    assert acknowledgement_due(D(2026, 12, 24)) == D(2026, 12, 31)


def test_a_complaint_received_before_easter_skips_good_friday_and_easter_monday() -> None:
    # Wednesday 1 April 2026: Thursday 2 counts, Good Friday 3 April, the weekend and Easter
    # Monday 6 April do not, then Tuesday 7 and Wednesday 8.
    assert acknowledgement_due(D(2026, 4, 1)) == D(2026, 4, 8)


def test_a_complaint_received_on_friday_is_due_on_wednesday() -> None:
    assert acknowledgement_due(D(2026, 11, 20)) == D(2026, 11, 25)


def test_a_complaint_received_at_the_weekend_counts_from_monday() -> None:
    # Saturday 21 November 2026: Monday 23, Tuesday 24, Wednesday 25.
    assert acknowledgement_due(D(2026, 11, 21)) == D(2026, 11, 25)


def test_the_early_may_bank_holiday_is_not_a_working_day() -> None:
    assert add_working_days(D(2026, 5, 1), 1) == D(2026, 5, 5)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 1, 15), D(2026, 7, 15)),
        (D(2026, 8, 31), D(2027, 2, 28)),  # no 31 February: the month's last day
        (D(2027, 8, 31), D(2028, 2, 29)),  # a leap year
    ],
)
def test_the_default_response_is_due_six_months_after_receipt(received, due) -> None:
    assert default_response_due(received) == due


def test_the_twelve_month_time_limit() -> None:
    assert not outside_time_limit(D(2025, 11, 22), D(2026, 11, 22))
    assert outside_time_limit(D(2025, 11, 21), D(2026, 11, 22))
    assert not outside_time_limit(None, D(2026, 11, 22))
