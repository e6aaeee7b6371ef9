"""Give stored records a theme and a sentiment, as a person's correction would, so insight
figures (themes, hotspots) can be set up exactly."""

from __future__ import annotations

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
