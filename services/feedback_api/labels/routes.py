"""Labels on feedback, people's corrections, the theme framework, re-analysis and redaction."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import Response

from services.common.jobs import enqueue
from services.common.problems import Conflict, NotFound, Unprocessable, problem_responses
from services.common.tokens import Principal
from services.feedback_api.analysis import redact as redact_text
from services.feedback_api.deps import ClockDep, SessionDep
from services.feedback_api.feedback import service as feedback_service
from services.feedback_api.jobs.models import Job
from services.feedback_api.labels import framework, policies, service
from services.feedback_api.labels.events import REANALYSE
from services.feedback_api.labels.models import FeedbackLabel
from services.feedback_api.labels.schemas import (
    CorrectionPublic,
    FrameworkPublic,
    FrameworkVersionSummary,
    LabelsCorrect,
    LabelsPublic,
    LabelSummary,
    LabelSummaryList,
    ReanalysisQueued,
    RedactRequest,
    RedactResponse,
    SpanPublic,
    ThemeCreate,
    ThemeLabel,
    ThemePublic,
    ValueLabel,
)

router = APIRouter(prefix="/v1/labels", tags=["labels"])
redaction_router = APIRouter(prefix="/v1", tags=["redaction"])


def _who(principal: Principal) -> str:
    return feedback_service.caller_name(principal)


def _load(session, principal: Principal, feedback_id: uuid.UUID):
    feedback = feedback_service.get_feedback(session, principal, feedback_id)
    if feedback is None:
        raise NotFound("No feedback with this id in your scope.")
    return feedback


def _public(session, feedback_id: uuid.UUID) -> LabelsPublic:
    labels = service.get_labels(session, feedback_id)
    label: FeedbackLabel | None = labels.label
    # A person's value names them as the correction history does (newest name wins).
    names = {c.corrected_by: c.corrected_by_name for c in reversed(labels.corrections)}

    def theme(row) -> ThemeLabel:
        return ThemeLabel(
            name=row.theme,
            source=row.source,
            set_by=row.set_by,
            set_by_name=names.get(row.set_by),
            set_at=row.set_at,
        )

    return LabelsPublic(
        feedback_id=feedback_id,
        analysed=label is not None,
        themes=[theme(r) for r in labels.themes],
        removed_themes=[theme(r) for r in labels.removed],
        sentiment=ValueLabel(
            value=label.sentiment,
            source=label.sentiment_source,
            set_by=label.sentiment_set_by,
            set_by_name=names.get(label.sentiment_set_by),
            set_at=label.sentiment_set_at,
        )
        if label
        else None,
        critical=ValueLabel(
            value=label.critical,
            source=label.critical_source,
            set_by=label.critical_set_by,
            set_by_name=names.get(label.critical_set_by),
            set_at=label.critical_set_at,
        )
        if label
        else None,
        model_version=label.model_version if label else None,
        framework_version=label.framework_version if label else None,
        analysed_at=label.analysed_at if label else None,
        corrections=[
            CorrectionPublic.model_validate(c, from_attributes=True) for c in labels.corrections
        ],
    )


@router.get("", response_model=LabelSummaryList, responses=problem_responses(Unprocessable))
def label_summaries(
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.read_labels)],
    ids: Annotated[list[uuid.UUID], Query(max_length=200)],
) -> LabelSummaryList:
    """Themes, sentiment and the critical flag of up to 200 records in the caller's scope (the
    inbox shows them beside each row); records outside the scope are left out."""
    visible = [i for i in ids if feedback_service.get_feedback(session, caller, i) is not None]
    found = service.summaries(session, visible)
    return LabelSummaryList(
        data=[
            LabelSummary(
                feedback_id=i,
                themes=themes,
                sentiment=label.sentiment if label else None,
                critical=bool(label and label.critical),
            )
            for i, (label, themes) in found.items()
        ]
    )


@router.get(
    "/feedback/{feedback_id}", response_model=LabelsPublic, responses=problem_responses(NotFound)
)
def get_labels(
    feedback_id: uuid.UUID,
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.read_labels)],
) -> LabelsPublic:
    """A record's themes, sentiment and critical flag, who set each (model or person), and the
    history of corrections."""
    _load(session, caller, feedback_id)
    return _public(session, feedback_id)


@router.patch(
    "/feedback/{feedback_id}",
    response_model=LabelsPublic,
    responses=problem_responses(NotFound, Unprocessable),
)
def correct_labels(
    feedback_id: uuid.UUID,
    data: LabelsCorrect,
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.correct_labels)],
) -> LabelsPublic:
    """Add or remove themes and set sentiment or the critical flag. A person's value wins over
    the model's, now and after any re-analysis."""
    feedback = _load(session, caller, feedback_id)
    service.correct(
        session,
        feedback,
        service.Correction(
            add_themes=tuple(dict.fromkeys(data.add_themes)),
            remove_themes=tuple(dict.fromkeys(data.remove_themes)),
            sentiment=data.sentiment,
            critical=data.critical,
        ),
        who=_who(caller),
        who_name=caller.name,
        clock=clock,
    )
    session.commit()
    return _public(session, feedback_id)


@router.get(
    "/corrections.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def corrections_csv(
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.export_corrections)],
) -> Response:
    """Corrected records with their labels as they stand, in the columns of the classify command
    (comment, themes, sentiment, critical), for retraining. The comment column holds the text
    that was analysed (the comment and any free-text answers) with personal data redacted."""
    return Response(
        service.corrections_csv(session),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="label-corrections.csv"'},
    )


def _version_summary(version) -> FrameworkVersionSummary:
    return FrameworkVersionSummary(
        name=version.name,
        number=version.number,
        note=version.note,
        created_at=version.created_at,
        created_by=version.created_by,
        created_by_name=version.created_by_name or None,
    )


def _framework_public(session, version) -> FrameworkPublic:
    return FrameworkPublic(
        **_version_summary(version).model_dump(),
        themes=[
            ThemePublic(category=t.category, name=t.name, description=t.description)
            for t in framework.themes(session, version)
        ],
    )


@router.get("/framework", response_model=FrameworkPublic)
def current_framework(
    session: SessionDep, caller: Annotated[Principal, Depends(policies.read_framework)]
) -> FrameworkPublic:
    """The theme framework in use, with its categories, themes and descriptions."""
    return _framework_public(session, framework.current(session))


@router.get("/framework/versions", response_model=list[FrameworkVersionSummary])
def framework_versions(
    session: SessionDep, caller: Annotated[Principal, Depends(policies.read_framework)]
) -> list[FrameworkVersionSummary]:
    """Every version of the theme framework, oldest first."""
    return [_version_summary(v) for v in framework.versions(session)]


@router.post(
    "/framework/themes",
    status_code=status.HTTP_201_CREATED,
    response_model=FrameworkPublic,
    responses=problem_responses(Conflict, Unprocessable),
)
def add_theme(
    data: ThemeCreate,
    session: SessionDep,
    clock: ClockDep,
    caller: Annotated[Principal, Depends(policies.manage_framework)],
) -> FrameworkPublic:
    """Add a theme: this makes a new framework version (the current themes plus this one) and
    queues re-analysis, which moves every record's labels to the new version (people's
    corrections are kept). Staff can then give records the new theme on the feedback page."""
    version = framework.add_theme(
        session,
        category=data.category,
        name=data.name,
        description=data.description,
        created_by=_who(caller),
        created_by_name=caller.name or "",
        clock=clock,
    )
    enqueue(session, Job, REANALYSE, {"everything": False})
    session.commit()
    return _framework_public(session, version)


@router.post("/reanalyse", status_code=status.HTTP_202_ACCEPTED, response_model=ReanalysisQueued)
def reanalyse(
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.run_reanalysis)],
    everything: bool = False,
) -> ReanalysisQueued:
    """Queue re-analysis: records without labels or labelled by another model or framework
    version (every record with ``everything=true``). People's corrections are kept."""
    job = enqueue(session, Job, REANALYSE, {"everything": everything})
    session.commit()
    return ReanalysisQueued(job_id=job.id, everything=everything)


@redaction_router.post(
    "/redact", response_model=RedactResponse, responses=problem_responses(Unprocessable)
)
def redact(
    data: RedactRequest,
    session: SessionDep,
    caller: Annotated[Principal, Depends(policies.redact_text)],
) -> RedactResponse:
    """Personal data in a text replaced by placeholders ([NAME], [NHS NUMBER], [PHONE], [EMAIL],
    [POSTCODE], [DATE OF BIRTH], [ADDRESS]), with where each was found in the original.

    People's names are found with the shipped name lists and patterns, the names Heard knows
    (the staff directory and names administrators added) and any ``known_names`` sent."""
    extra = [n for n in data.known_names if n.strip()]
    result = redact_text(data.text, [feedback_service.known_names(session), *extra])
    return RedactResponse(
        text=result.text,
        spans=[SpanPublic(kind=s.kind, start=s.start, end=s.end) for s in result.spans],
    )
