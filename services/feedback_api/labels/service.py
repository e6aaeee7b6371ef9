"""Analysing comments into stored labels, people's corrections, and re-analysis.

The model's values are written only where no person has set the value: a correction always wins,
including after re-analysis with a new model or framework.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlmodel import Session

from services.common.clock import Clock, utcnow
from services.common.problems import Unprocessable, field_error
from services.feedback_api.analysis import CommentAnalysis, load_analyser, load_framework
from services.feedback_api.feedback.models import Feedback, FeedbackAnswer
from services.feedback_api.feedback.service import known_names, redacted
from services.feedback_api.labels import framework
from services.feedback_api.labels.models import (
    FeedbackLabel,
    FeedbackTheme,
    FrameworkVersion,
    LabelCorrection,
    Sentiment,
    Source,
    Theme,
)

CHUNK = 1000


def analyse_texts(texts: Sequence[str | None]) -> list[CommentAnalysis]:
    return load_analyser().analyse([t or "" for t in texts])


def _current_framework(connection: Connection) -> tuple[str, frozenset[str]]:
    version = connection.execute(
        select(FrameworkVersion.id, FrameworkVersion.name)
        .order_by(FrameworkVersion.number.desc())
        .limit(1)
    ).first()
    if version is None:  # a database set up before the framework was seeded
        return framework.DEFAULT_NAME, frozenset(t.name for t in load_framework())
    names = connection.execute(
        select(Theme.name).where(Theme.framework_version_id == version.id)
    ).scalars()
    return version.name, frozenset(names)


@dataclass(frozen=True)
class Item:
    """What analysis needs of one record."""

    id: uuid.UUID
    comment: str | None
    received_at: dt.datetime | None = None
    channel: str | None = None
    site_code: str | None = None
    ward_code: str | None = None


ITEM_COLUMNS = (
    Feedback.id,
    Feedback.comment,
    Feedback.received_at,
    Feedback.channel,
    Feedback.site_code,
    Feedback.ward_code,
)


def load_items(connection: Connection, ids: Sequence[uuid.UUID]) -> list[Item]:
    """The records with their text to analyse: the comment and every free-text answer (a survey's
    "what was good" and "what could be better"), so a record's labels cover all its words."""
    if not ids:
        return []
    rows = connection.execute(select(*ITEM_COLUMNS).where(Feedback.id.in_(list(ids)))).all()
    answers: dict[uuid.UUID, list[str]] = {}
    for feedback_id, text in connection.execute(
        select(FeedbackAnswer.feedback_id, FeedbackAnswer.answer_text)
        .where(
            FeedbackAnswer.feedback_id.in_(list(ids)),
            FeedbackAnswer.answer_text.is_not(None),
        )
        .order_by(FeedbackAnswer.feedback_id, FeedbackAnswer.position)
    ):
        if text and text.strip():
            answers.setdefault(feedback_id, []).append(text.strip())
    items = []
    for row in rows:
        texts = [t for t in [row.comment and row.comment.strip(), *answers.get(row.id, [])] if t]
        items.append(
            Item(
                row.id,
                "\n\n".join(texts) or None,
                row.received_at,
                row.channel,
                row.site_code,
                row.ward_code,
            )
        )
    return items


def store_analyses(
    connection: Connection,
    items: Sequence[Item],
    *,
    now: dt.datetime | None = None,
) -> int:
    """Analyse records and write the model's labels, keeping any value a person set. Works on a
    bare connection so the flush listener can call it mid-flush."""
    if not items:
        return 0
    now = now or utcnow()
    framework_name, known = _current_framework(connection)
    results = analyse_texts([i.comment for i in items])
    ids = [i.id for i in items]
    copies = {
        i.id: {
            "has_comment": bool(i.comment and i.comment.strip()),
            "received_at": i.received_at,
            "received_month": i.received_at.date().replace(day=1) if i.received_at else None,
            "channel": i.channel,
            "site_code": i.site_code,
            "ward_code": i.ward_code,
        }
        for i in items
    }
    existing = {
        row.feedback_id: row
        for row in connection.execute(
            select(
                FeedbackLabel.feedback_id,
                FeedbackLabel.sentiment,
                FeedbackLabel.sentiment_source,
                FeedbackLabel.critical_source,
            ).where(FeedbackLabel.feedback_id.in_(ids))
        )
    }
    person_themes: dict[uuid.UUID, set[str]] = {}
    for row in connection.execute(
        select(FeedbackTheme.feedback_id, FeedbackTheme.theme).where(
            FeedbackTheme.feedback_id.in_(ids), FeedbackTheme.source == Source.person.value
        )
    ):
        person_themes.setdefault(row.feedback_id, set()).add(row.theme)
    connection.execute(
        delete(FeedbackTheme).where(
            FeedbackTheme.feedback_id.in_(ids), FeedbackTheme.source == Source.model.value
        )
    )
    new_labels, new_themes = [], []
    for feedback_id, result in zip(ids, results, strict=True):
        themes = [t for t in result.themes if t in known]
        model = {
            "model_themes": themes,
            "model_sentiment": result.sentiment,
            "model_critical": result.critical,
            "model_version": result.model_version,
            "framework_version": framework_name,
            "analysed_at": now,
            **copies[feedback_id],
        }
        row = existing.get(feedback_id)
        sentiment = (
            result.sentiment
            if row is None or row.sentiment_source == Source.model.value
            else row.sentiment
        )
        if row is None:
            new_labels.append(
                {
                    "feedback_id": feedback_id,
                    "sentiment": result.sentiment,
                    "sentiment_source": Source.model.value,
                    "critical": result.critical,
                    "critical_source": Source.model.value,
                    **model,
                }
            )
        else:
            values = dict(model)
            if row.sentiment_source == Source.model.value:
                values["sentiment"] = result.sentiment
            if row.critical_source == Source.model.value:
                values["critical"] = result.critical
            connection.execute(
                update(FeedbackLabel).where(FeedbackLabel.feedback_id == feedback_id), values
            )
        held = person_themes.get(feedback_id, set())
        if held:
            connection.execute(
                update(FeedbackTheme)
                .where(FeedbackTheme.feedback_id == feedback_id)
                .values(sentiment=sentiment)
            )
        new_themes.extend(
            {
                "feedback_id": feedback_id,
                "theme": theme,
                "included": True,
                "source": Source.model.value,
                "set_at": now,
                "sentiment": sentiment,
                **{k: v for k, v in copies[feedback_id].items() if k != "has_comment"},
            }
            for theme in themes
            if theme not in held
        )
    if new_labels:
        connection.execute(insert(FeedbackLabel), new_labels)
    if new_themes:
        connection.execute(insert(FeedbackTheme), new_themes)
    return len(ids)


def analyse_feedback(session: Session, feedback_ids: Iterable[uuid.UUID]) -> int:
    """Analyse the given records (those that still exist), in chunks."""
    ids = list(feedback_ids)
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        connection = session.connection()
        done += store_analyses(connection, load_items(connection, chunk))
    return done


def reanalyse(
    session: Session, *, everything: bool = False, commit_every_chunk: bool = True
) -> int:
    """Label every record that has no labels, or labels from another model or framework version
    (all records when ``everything``). People's corrections are kept."""
    model_version = load_analyser().model_version
    framework_name = framework.current(session).name
    done = 0
    last_id: uuid.UUID | None = None
    while True:
        query = (
            select(*ITEM_COLUMNS)
            .outerjoin(FeedbackLabel, FeedbackLabel.feedback_id == Feedback.id)
            .order_by(Feedback.id)
            .limit(CHUNK)
        )
        if last_id is not None:
            query = query.where(Feedback.id > last_id)
        if not everything:
            query = query.where(
                (FeedbackLabel.feedback_id.is_(None))
                | (FeedbackLabel.model_version != model_version)
                | (FeedbackLabel.framework_version != framework_name)
            )
        rows = session.execute(query).all()
        if not rows:
            return done
        connection = session.connection()
        done += store_analyses(connection, load_items(connection, [r.id for r in rows]))
        last_id = rows[-1].id
        if commit_every_chunk:
            session.commit()


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    label: FeedbackLabel | None
    themes: list[FeedbackTheme]
    removed: list[FeedbackTheme]
    corrections: list[LabelCorrection]


def get_labels(session: Session, feedback_id: uuid.UUID) -> Labels:
    label = session.get(FeedbackLabel, feedback_id)
    rows = list(
        session.execute(
            select(FeedbackTheme)
            .where(FeedbackTheme.feedback_id == feedback_id)
            .order_by(FeedbackTheme.theme)
        ).scalars()
    )
    corrections = list(
        session.execute(
            select(LabelCorrection)
            .where(LabelCorrection.feedback_id == feedback_id)
            .order_by(LabelCorrection.corrected_at.desc())
        ).scalars()
    )
    return Labels(
        label=label,
        themes=[r for r in rows if r.included],
        removed=[r for r in rows if not r.included],
        corrections=corrections,
    )


def summaries(
    session: Session, feedback_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, tuple[FeedbackLabel | None, list[str]]]:
    """Labels for many records at once (the inbox shows them beside each row)."""
    labels = {
        row.feedback_id: row
        for row in session.execute(
            select(FeedbackLabel).where(FeedbackLabel.feedback_id.in_(list(feedback_ids)))
        ).scalars()
    }
    themes: dict[uuid.UUID, list[str]] = {}
    for row in session.execute(
        select(FeedbackTheme.feedback_id, FeedbackTheme.theme)
        .where(FeedbackTheme.feedback_id.in_(list(feedback_ids)), FeedbackTheme.included)
        .order_by(FeedbackTheme.theme)
    ):
        themes.setdefault(row.feedback_id, []).append(row.theme)
    return {i: (labels.get(i), themes.get(i, [])) for i in feedback_ids}


# --- corrections -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    add_themes: tuple[str, ...] = ()
    remove_themes: tuple[str, ...] = ()
    sentiment: Sentiment | None = None
    critical: bool | None = None


def correct(
    session: Session,
    feedback: Feedback,
    change: Correction,
    *,
    who: str,
    who_name: str,
    clock: Clock,
) -> None:
    """Apply a person's correction; each change is kept in the history with who and when."""
    version = framework.current(session)
    known = {t.name for t in framework.themes(session, version)}
    unknown = [t for t in (*change.add_themes, *change.remove_themes) if t not in known]
    if unknown:
        field = "add_themes" if unknown[0] in change.add_themes else "remove_themes"
        raise Unprocessable(
            errors=[
                field_error(
                    field,
                    f"{unknown[0]!r} is not a theme in the framework {version.name}.",
                )
            ]
        )
    both = set(change.add_themes) & set(change.remove_themes)
    if both:
        raise Unprocessable(
            errors=[field_error("remove_themes", f"{sorted(both)[0]!r} is both added and removed.")]
        )
    label = session.get(FeedbackLabel, feedback.id)
    if label is None:
        session.flush()
        store_analyses(session.connection(), load_items(session.connection(), [feedback.id]))
        label = session.get(FeedbackLabel, feedback.id)
        assert label is not None
    now = clock.now()

    def record(field: str, action: str, value: str, previous: str | None = None) -> None:
        session.add(
            LabelCorrection(
                feedback_id=feedback.id,
                field=field,
                action=action,
                value=value,
                previous=previous,
                corrected_by=who,
                corrected_by_name=who_name,
                corrected_at=now,
            )
        )

    for theme, included in [(t, True) for t in change.add_themes] + [
        (t, False) for t in change.remove_themes
    ]:
        row = session.get(FeedbackTheme, (feedback.id, theme))
        if row is None:
            row = FeedbackTheme(
                feedback_id=feedback.id,
                theme=theme,
                received_at=feedback.received_at,
                channel=feedback.channel,
                site_code=feedback.site_code,
                ward_code=feedback.ward_code,
                received_month=feedback.received_at.date().replace(day=1),
            )
        row.sentiment = change.sentiment.value if change.sentiment else label.sentiment
        row.included, row.source, row.set_by, row.set_at = included, Source.person.value, who, now
        session.add(row)
        record("theme", "add" if included else "remove", theme)
    if change.sentiment is not None:
        record("sentiment", "set", change.sentiment.value, label.sentiment)
        label.sentiment = change.sentiment.value
        label.sentiment_source, label.sentiment_set_by, label.sentiment_set_at = (
            Source.person.value,
            who,
            now,
        )
    if change.sentiment is not None:
        session.execute(
            update(FeedbackTheme)
            .where(FeedbackTheme.feedback_id == feedback.id)
            .values(sentiment=change.sentiment.value)
        )
    if change.critical is not None:
        record("critical", "set", str(change.critical).lower(), str(label.critical).lower())
        label.critical = change.critical
        label.critical_source, label.critical_set_by, label.critical_set_at = (
            Source.person.value,
            who,
            now,
        )
    session.add(label)
    session.flush()


CSV_COLUMNS = ("comment", "themes", "sentiment", "critical")


def _redacted_texts(session: Session, rows) -> dict[uuid.UUID, str]:
    """Each record's analysed text (the comment, then its free-text answers, as load_items joins
    them) with personal data redacted: the export leaves the system for retraining."""
    ids = [r.id for r in rows]
    names = known_names(session)
    answers: dict[uuid.UUID, list[str]] = {}
    for row in session.execute(
        select(
            FeedbackAnswer.feedback_id,
            FeedbackAnswer.answer_text,
            FeedbackAnswer.answer_text_redacted,
        )
        .where(FeedbackAnswer.feedback_id.in_(ids), FeedbackAnswer.answer_text.is_not(None))
        .order_by(FeedbackAnswer.feedback_id, FeedbackAnswer.position)
    ):
        if row.answer_text.strip():
            text = row.answer_text_redacted
            if text is None:  # a bulk batch whose redaction job has not run yet
                text = redacted(row.answer_text, names)
            answers.setdefault(row.feedback_id, []).append(text.strip())
    texts = {}
    for row in rows:
        comment = None
        if row.comment and row.comment.strip():
            comment = row.comment_redacted
            if comment is None:
                comment = redacted(row.comment, names)
            comment = comment.strip()
        texts[row.id] = "\n\n".join(t for t in [comment, *answers.get(row.id, [])] if t)
    return texts


def corrections_csv(session: Session) -> str:
    """Every corrected record with its labels as they stand, in the classify command's columns
    (comment, themes separated by ';', sentiment, critical), for retraining. The comment column
    holds the text the labels are about (the comment and any free-text answers), redacted."""
    corrected = select(LabelCorrection.feedback_id).distinct().subquery()
    rows = session.execute(
        select(
            Feedback.id,
            Feedback.comment,
            Feedback.comment_redacted,
            FeedbackLabel.sentiment,
            FeedbackLabel.critical,
        )
        .join(corrected, corrected.c.feedback_id == Feedback.id)
        .join(FeedbackLabel, FeedbackLabel.feedback_id == Feedback.id)
        .order_by(Feedback.received_at, Feedback.id)
    ).all()
    themes = summaries(session, [r.id for r in rows]) if rows else {}
    texts = _redacted_texts(session, rows) if rows else {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                texts[row.id],
                ";".join(themes[row.id][1]),
                row.sentiment,
                "true" if row.critical else "false",
            ]
        )
    return out.getvalue()
