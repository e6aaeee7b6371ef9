"""The one source of "today" and "now" for domain code.

A fixed date (``HEARD_<SERVICE>_TODAY``) makes demo data, overdue rules and tests agree.
Never call ``date.today()`` or ``datetime.now()`` in domain code: take a :class:`Clock`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Clock:
    fixed_today: dt.date | None = None

    def today(self) -> dt.date:
        return self.fixed_today or dt.datetime.now(dt.UTC).date()

    def now(self) -> dt.datetime:
        """Timezone-aware UTC now; with a fixed date, that date at the real time of day."""
        real = dt.datetime.now(dt.UTC)
        if self.fixed_today is None:
            return real
        return dt.datetime.combine(self.fixed_today, real.timetz())


def utcnow() -> dt.datetime:
    """Wall-clock time for infrastructure (job scheduling, token expiry), never for domain rules."""
    return dt.datetime.now(dt.UTC)
