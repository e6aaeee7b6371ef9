"""Respondent details: contact (only with consent), equality monitoring, accessible needs."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from services.common.problems import Conflict, NotFound, Unprocessable, field_error
from services.feedback_api.respondents.codes import (
    CONTACT_METHOD_LABELS,
    ETHNIC_CATEGORY_NOT_KNOWN,
    ETHNICITY,
    LABELS,
    NEED_CATEGORY_LABELS,
    ContactMethod,
    Ethnicity2021,
    NeedCategory,
)
from services.feedback_api.respondents.models import (
    AccessibleNeed,
    EqualityMonitoring,
    FeedbackAccessibleNeed,
    RespondentContact,
)
from services.feedback_api.respondents.schemas import (
    AccessibleNeedCreate,
    AccessibleNeedPublic,
    AccessibleNeedUpdate,
    ContactIn,
    ContactPublic,
    EqualityIn,
    EqualityPublic,
)

if TYPE_CHECKING:
    from services.feedback_api.feedback.models import Feedback


def list_needs(session: Session, *, include_inactive: bool = False) -> list[AccessibleNeed]:
    query = select(AccessibleNeed).order_by(AccessibleNeed.category, AccessibleNeed.label)
    if not include_inactive:
        query = query.where(AccessibleNeed.active)
    return list(session.exec(query))


def need_errors(session: Session, codes: list[str], field: str) -> list[dict[str, str]]:
    if not codes:
        return []
    allowed = {n.code for n in list_needs(session)}
    return [
        field_error(
            f"{field}.{index}",
            f"Unknown accessible-information need {code!r}. Allowed: {', '.join(sorted(allowed))}",
        )
        for index, code in enumerate(codes)
        if code not in allowed
    ]


def _equality_row(equality: EqualityIn) -> EqualityMonitoring:
    ethnicity = equality.ethnicity
    return EqualityMonitoring(
        ethnicity_2021=ethnicity.value if ethnicity else None,
        ethnic_category=ETHNICITY[ethnicity][1] if ethnicity else None,
        age_band=equality.age_band.value if equality.age_band else None,
        sex=equality.sex.value if equality.sex else None,
        gender_identity=equality.gender_identity.value if equality.gender_identity else None,
        sexual_orientation=(
            equality.sexual_orientation.value if equality.sexual_orientation else None
        ),
        disability=[d.value for d in equality.disability] if equality.disability else None,
        religion=equality.religion.value if equality.religion else None,
    )


def attach(
    feedback: Feedback,
    *,
    contact: ContactIn | None,
    equality: EqualityIn | None,
    needs: list[str],
    now: dt.datetime,
) -> None:
    """Attach details to an unsaved or saved record (validation done by the caller)."""
    if contact is not None:
        feedback.contact = RespondentContact(
            name=contact.name,
            email=str(contact.email) if contact.email else None,
            phone=contact.phone,
            address=contact.address,
            postcode=contact.postcode.upper() if contact.postcode else None,
            preferred_method=contact.preferred_method.value,
            consent_at=now,
            created_at=now,
        )
        feedback.contactable = True
    if equality is not None and not equality.is_empty():
        feedback.equality = _equality_row(equality)
    if needs:
        feedback.accessible_needs = [FeedbackAccessibleNeed(need_code=code) for code in needs]


def add_details(
    session: Session,
    feedback: Feedback,
    *,
    respondent_type: str | None,
    contact: ContactIn | None,
    equality: EqualityIn | None,
    needs: list[str],
    now: dt.datetime,
) -> None:
    """The public form's optional second step: given once, never overwritten."""
    if feedback.contact is not None or feedback.equality is not None or feedback.accessible_needs:
        raise Conflict("Details have already been given for this feedback.")
    errors = need_errors(session, needs, "accessible_needs")
    if errors:
        raise Unprocessable(errors=errors)
    if respondent_type is not None:
        feedback.respondent_type = respondent_type
    attach(feedback, contact=contact, equality=equality, needs=needs, now=now)
    session.add(feedback)


def equality_public(row: EqualityMonitoring | None) -> EqualityPublic | None:
    if row is None:
        return None
    labels: dict[str, str] = {}
    for field in ("age_band", "sex", "gender_identity", "sexual_orientation", "religion"):
        value = getattr(row, field)
        if value is not None:
            labels[field] = LABELS[field].get(value, value)
    if row.disability:
        labels["disability"] = ", ".join(LABELS["disability"].get(d, d) for d in row.disability)
    label = None
    if row.ethnicity_2021:
        label = ETHNICITY[Ethnicity2021(row.ethnicity_2021)][0]
        labels["ethnicity"] = label
    return EqualityPublic(
        ethnicity=row.ethnicity_2021,
        ethnicity_label=label,
        ethnic_category=row.ethnic_category or ETHNIC_CATEGORY_NOT_KNOWN,
        age_band=row.age_band,
        sex=row.sex,
        gender_identity=row.gender_identity,
        sexual_orientation=row.sexual_orientation,
        disability=row.disability,
        religion=row.religion,
        labels=labels,
    )


def need_public(need: AccessibleNeed) -> AccessibleNeedPublic:
    return AccessibleNeedPublic(
        code=need.code,
        label=need.label,
        category=NeedCategory(need.category),
        category_label=NEED_CATEGORY_LABELS[NeedCategory(need.category)],
        snomed_code=need.snomed_code,
        active=need.active,
    )


def needs_public(session: Session, feedback: Feedback) -> list[AccessibleNeedPublic]:
    codes = [link.need_code for link in feedback.accessible_needs]
    if not codes:
        return []
    needs = session.exec(select(AccessibleNeed).where(AccessibleNeed.code.in_(codes)))
    return [need_public(n) for n in sorted(needs, key=lambda n: (n.category, n.label))]


def contact_public(row: RespondentContact) -> ContactPublic:
    method = ContactMethod(row.preferred_method)
    return ContactPublic(
        name=row.name,
        email=row.email,
        phone=row.phone,
        address=row.address,
        postcode=row.postcode,
        preferred_method=method,
        preferred_method_label=CONTACT_METHOD_LABELS[method],
    )


def create_need(session: Session, data: AccessibleNeedCreate) -> AccessibleNeed:
    if session.get(AccessibleNeed, data.code) is not None:
        raise Conflict(f"An accessible-information need with the code {data.code} exists.")
    need = AccessibleNeed(**data.model_dump(mode="json"), active=True)
    session.add(need)
    session.commit()
    return need


def update_need(session: Session, code: str, data: AccessibleNeedUpdate) -> AccessibleNeed:
    need = session.get(AccessibleNeed, code)
    if need is None:
        raise NotFound(f"No accessible-information need has the code {code}.")
    for field, value in data.model_dump(exclude_unset=True).items():
        if field in ("label", "active") and value is None:
            raise Unprocessable(errors=[field_error(field, "This field cannot be null.")])
        setattr(need, field, value)
    session.add(need)
    session.commit()
    return need
