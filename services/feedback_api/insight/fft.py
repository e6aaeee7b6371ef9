"""FFT percentage positive and negative by ward and month, as NHS England computes them, with
NHS England's suppression (NHS-STANDARDS.md 1.2 and 1.4).

Total Responses counts all six answers, Don't know included; Percentage Positive is (Very good +
Good) / Total, Percentage Negative is (Poor + Very poor) / Total, undefined when Total is 0.
Units nest trust > site > ward; a record with a site but no ward counts towards its site and the
trust only. Months are calendar months in UTC.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.feedback_api.feedback.models import Feedback
from services.feedback_api.insight import periods
from services.feedback_api.insight.suppression import Unit, primary, suppress_children
from services.feedback_api.organisation.models import Organisation, Site, Ward

ANSWERS = (1, 2, 3, 4, 5, 6)


@dataclass
class FftRow:
    month: str
    level: str  # trust, site, ward
    code: str
    name: str
    parent_code: str | None
    total: int
    counts: dict[int, int] | None  # None when suppressed
    percentage_positive: float | None
    percentage_negative: float | None
    suppressed: bool
    suppression: list[str]


def percentages(counts: dict[int, int]) -> tuple[float | None, float | None]:
    total = sum(counts.get(a, 0) for a in ANSWERS)
    if total == 0:
        return None, None
    positive = counts.get(1, 0) + counts.get(2, 0)
    negative = counts.get(4, 0) + counts.get(5, 0)
    return positive / total, negative / total


def _row(month: str, level: str, code: str, name: str, parent, counts, unit: Unit) -> FftRow:
    positive, negative = percentages(counts)
    return FftRow(
        month=month,
        level=level,
        code=code,
        name=name,
        parent_code=parent,
        total=unit.total,
        counts=None if unit.counts_hidden else {a: counts.get(a, 0) for a in ANSWERS},
        percentage_positive=None if unit.percentages_hidden else positive,
        percentage_negative=None if unit.percentages_hidden else negative,
        suppressed=unit.suppressed,
        suppression=sorted(unit.reasons),
    )


def fft_by_ward_and_month(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    wards: frozenset[str] | None = None,
    site_code: str | None = None,
    ward_code: str | None = None,
) -> list[FftRow]:
    """Trust, site and ward rows for each month from ``first`` to ``last`` (month starts).

    Suppression is always worked out over the whole trust and only then narrowed to the wards
    the caller may see or asked for, so a filter never changes what is hidden."""
    months = periods.months_between(first, last)
    # month -> level -> code -> answer -> count
    counts: dict[str, dict[str, dict[str, dict[int, int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    )
    # One query per month: each is an index-only range scan with no per-row date arithmetic.
    for month in months:
        m = periods.month_key(month)
        query = (
            select(Feedback.site_code, Feedback.ward_code, Feedback.fft_answer, func.count())
            .where(
                Feedback.received_at >= periods.start_of(month),
                Feedback.received_at < periods.start_of(periods.add_months(month, 1)),
                Feedback.fft_answer.is_not(None),
            )
            .group_by(Feedback.site_code, Feedback.ward_code, Feedback.fft_answer)
        )
        for site, ward, answer, n in session.execute(query):
            counts[m]["trust"]["trust"][answer] += n
            if site:
                counts[m]["site"][site][answer] += n
            if ward:
                counts[m]["ward"][ward][answer] += n

    organisation = session.execute(select(Organisation)).scalars().first()
    trust_code = organisation.ods_code if organisation else "trust"
    trust_name = organisation.name if organisation else "The trust"
    sites = {s.code: s for s in session.execute(select(Site)).scalars()}
    all_wards = {w.code: w for w in session.execute(select(Ward)).scalars()}
    rows: list[FftRow] = []
    for m in (periods.month_key(d) for d in months):
        data = counts.get(m, {})
        trust_counts = data.get("trust", {}).get("trust", {})
        trust = Unit("trust", sum(trust_counts.values()))
        primary([trust])
        site_codes = sorted(set(sites) | set(data.get("site", {})))
        site_units = {c: Unit(c, sum(data.get("site", {}).get(c, {}).values())) for c in site_codes}
        suppress_children(trust, list(site_units.values()))
        ward_units: dict[str, Unit] = {}
        for site in site_codes:
            children = [
                Unit(code, sum(data.get("ward", {}).get(code, {}).values()))
                for code, ward in all_wards.items()
                if ward.site_code == site
            ]
            suppress_children(
                site_units[site],
                children,
                sort_key=lambda u: (
                    all_wards[u.code].first_specialty or "",
                    all_wards[u.code].second_specialty or "",
                    all_wards[u.code].name,
                ),
            )
            ward_units.update({u.code: u for u in children})
        rows.append(_row(m, "trust", trust_code, trust_name, None, trust_counts, trust))
        for code, unit in site_units.items():
            site_name = sites[code].name if code in sites else code
            rows.append(
                _row(
                    m, "site", code, site_name, trust_code, data.get("site", {}).get(code, {}), unit
                )
            )
        for code, unit in ward_units.items():
            ward = all_wards[code]
            rows.append(
                _row(
                    m,
                    "ward",
                    code,
                    ward.name,
                    ward.site_code,
                    data.get("ward", {}).get(code, {}),
                    unit,
                )
            )
    return [r for r in rows if _wanted(r, all_wards, wards, site_code, ward_code)]


def _wanted(row: FftRow, all_wards, wards, site_code, ward_code) -> bool:
    if row.level == "ward":
        if wards is not None and row.code not in wards:
            return False
        if site_code and all_wards[row.code].site_code != site_code:
            return False
        return not ward_code or row.code == ward_code
    if row.level == "site":
        if wards is not None and not any(all_wards[w].site_code == row.code for w in wards):
            return False
        if ward_code:
            return (
                all_wards.get(ward_code) is not None and all_wards[ward_code].site_code == row.code
            )
        return not site_code or row.code == site_code
    return True
