"""Give stored records a theme and a sentiment, as a person's correction would, so insight
figures (themes, hotspots) can be set up exactly; a hotspot's spike of comments and a staff
member's name in them."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from services.feedback_api.feedback.models import Feedback
from services.feedback_api.labels.models import FeedbackLabel, FeedbackTheme


def label(
    session: Session, rows: list[Feedback], *, theme: str = "Parking", sentiment="negative"
) -> list[uuid.UUID]:
    """Each record gets ``theme`` as its only theme and ``sentiment``; returns their ids."""
    ids = [r.id for r in rows]
    if not ids:
        return []
    session.execute(delete(FeedbackTheme).where(FeedbackTheme.feedback_id.in_(ids)))
    session.execute(
        update(FeedbackLabel).where(FeedbackLabel.feedback_id.in_(ids)).values(sentiment=sentiment)
    )
    for r in rows:
        session.add(
            FeedbackTheme(
                feedback_id=r.id,
                theme=theme,
                received_at=r.received_at,
                channel=r.channel,
                site_code=r.site_code,
                ward_code=r.ward_code,
                received_month=r.received_at.date().replace(day=1),
                sentiment=sentiment,
            )
        )
    session.flush()
    return ids


def staff_member(feedback_api, mint) -> str:
    """Put a made-up staff member, Chidinma Zu..., in feedback_api's staff directory as the
    portal's worker would; returns the family name (letters only, so it is no one's)."""
    family = "Zu" + uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop"))
    response = feedback_api.put(
        f"/v1/known-names/staff-directory/{uuid.uuid4()}",
        json={"name": f"Chidinma {family}"},
        headers=mint("feedback", sub="portal-service"),
    )
    assert response.status_code == 200, response.text
    return family


def post_spike(
    feedback_api, session: Session, mint, *, month: dt.date, comment: str, ward: str = "L4"
) -> list[str]:
    """Six "Very poor" answers with ``comment`` through the API on the first six days of
    ``month``, labelled Parking and negative: a hotspot on a quiet ward. Returns their ids."""
    ids = []
    for day in range(1, 7):
        response = feedback_api.post(
            "/v1/feedback",
            json={
                "channel": "fft",
                "fft_answer": 5,
                "ward_code": ward,
                "comment": f"{comment} ({day}).",
                "received_at": dt.datetime(
                    month.year, month.month, day, 10, tzinfo=dt.UTC
                ).isoformat(),
            },
            headers=mint(),
        )
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    label(session, [session.get(Feedback, uuid.UUID(i)) for i in ids])
    return ids
