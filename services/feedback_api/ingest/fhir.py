"""FHIR R4: Heard's FFT Questionnaire, and QuestionnaireResponse resources mapped to feedback.

Heard publishes one Questionnaire (canonical ``QUESTIONNAIRE_URL``, version ``1.0.0``):

- item ``fft`` (choice, required): the national question, answered with a Coding from the
  CodeSystem ``ANSWER_SYSTEM`` (codes ``1``-``6``: Very good ... Don't know, as in the return);
- item ``comment`` (text, optional): "Please tell us why you gave this answer".

A QuestionnaireResponse must name the Questionnaire (``questionnaire``, optionally with
``|1.0.0``), have status ``completed`` or ``amended`` and answer ``fft``. It maps to an FFT
record: answer code, comment, ``authored`` as when it was given, ``language`` if present, and
the ward from either

- the extension ``WARD_EXTENSION`` (``valueCode`` or ``valueString``: a Heard ward code), or
- ``subject`` as a logical Location reference:
  ``{"type": "Location", "identifier": {"system": WARD_SYSTEM, "value": "<ward code>"}}``;

and the collection mode from the extension ``MODE_EXTENSION`` (``valueCode``: a Heard
collection mode; ``other`` when absent). A response with an ``identifier`` is stored once per
identifier: posting it again returns the first record. The resource is parsed with
``fhir.resources`` (R4B models, whose QuestionnaireResponse is R4's) before these rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session

from services.common.clock import Clock
from services.common.fft import FFT_LABELS, FFT_QUESTION, FftAnswer
from services.common.tokens import Principal
from services.feedback_api.feedback import service as feedback_service
from services.feedback_api.feedback.models import Channel, CollectionMode
from services.feedback_api.feedback.schemas import FeedbackCreate
from services.feedback_api.ingest.models import ImportRow

BASE = "https://heard.example/fhir"
QUESTIONNAIRE_URL = f"{BASE}/Questionnaire/fft"
QUESTIONNAIRE_VERSION = "1.0.0"
ANSWER_SYSTEM = f"{BASE}/CodeSystem/fft-answer"
ANSWER_VALUESET = f"{BASE}/ValueSet/fft-answer"
WARD_EXTENSION = f"{BASE}/StructureDefinition/ward-code"
MODE_EXTENSION = f"{BASE}/StructureDefinition/collection-mode"
WARD_SYSTEM = f"{BASE}/sid/ward-code"
FFT_LINK_ID = "fft"
COMMENT_LINK_ID = "comment"
COMMENT_TEXT = "Please tell us why you gave this answer"
FHIR_JSON = "application/fhir+json"


class FhirInvalid(Exception):
    """The resource breaks a rule; ``issues`` are (FHIRPath expression, message)."""

    def __init__(self, issues: list[tuple[str, str]]):
        self.issues = issues
        super().__init__("; ".join(f"{path}: {message}" for path, message in issues))


def _codings() -> list[dict[str, str]]:
    return [
        {"system": ANSWER_SYSTEM, "code": str(int(code)), "display": label}
        for code, label in FFT_LABELS.items()
    ]


def questionnaire() -> dict[str, Any]:
    resource = {
        "resourceType": "Questionnaire",
        "id": "fft",
        "url": QUESTIONNAIRE_URL,
        "version": QUESTIONNAIRE_VERSION,
        "name": "FriendsAndFamilyTest",
        "title": "Friends and Family Test",
        "status": "active",
        "subjectType": ["Patient", "Location"],
        "publisher": "Heard",
        "description": (
            "The NHS Friends and Family Test with NHS England's national question and six "
            "answers, and the optional free-text follow-up."
        ),
        "item": [
            {
                "linkId": FFT_LINK_ID,
                "text": FFT_QUESTION,
                "type": "choice",
                "required": True,
                "repeats": False,
                "answerValueSet": ANSWER_VALUESET,
                "answerOption": [{"valueCoding": coding} for coding in _codings()],
            },
            {
                "linkId": COMMENT_LINK_ID,
                "text": COMMENT_TEXT,
                "type": "text",
                "required": False,
                "maxLength": 5000,
            },
        ],
    }
    return Questionnaire.model_validate(resource).model_dump(mode="json", exclude_none=True)


def code_system() -> dict[str, Any]:
    return {
        "resourceType": "CodeSystem",
        "id": "fft-answer",
        "url": ANSWER_SYSTEM,
        "version": QUESTIONNAIRE_VERSION,
        "name": "FftAnswer",
        "title": "Friends and Family Test answers",
        "status": "active",
        "content": "complete",
        "caseSensitive": True,
        "valueSet": ANSWER_VALUESET,
        "count": len(FFT_LABELS),
        "concept": [
            {"code": str(int(code)), "display": label} for code, label in FFT_LABELS.items()
        ],
    }


def value_set() -> dict[str, Any]:
    return {
        "resourceType": "ValueSet",
        "id": "fft-answer",
        "url": ANSWER_VALUESET,
        "version": QUESTIONNAIRE_VERSION,
        "name": "FftAnswer",
        "title": "Friends and Family Test answers",
        "status": "active",
        "compose": {"include": [{"system": ANSWER_SYSTEM}]},
    }


def parse(body: Any) -> QuestionnaireResponse:
    """Structural validation by fhir.resources; FhirInvalid names each path."""
    if not isinstance(body, dict):
        raise FhirInvalid([("QuestionnaireResponse", "The body must be a JSON object")])
    if body.get("resourceType") != "QuestionnaireResponse":
        raise FhirInvalid(
            [("resourceType", f"Expected QuestionnaireResponse, got {body.get('resourceType')!r}")]
        )
    try:
        return QuestionnaireResponse.model_validate(body)
    except ValidationError as exc:
        issues = []
        for error in exc.errors():
            path = "QuestionnaireResponse"
            for part in error.get("loc", ()):
                path += f"[{part}]" if isinstance(part, int) else f".{part}"
            issues.append((path, str(error.get("msg", "Invalid value"))))
        raise FhirInvalid(issues) from exc


def _ward(resource: QuestionnaireResponse) -> str | None:
    for index, extension in enumerate(resource.extension or []):
        if extension.url == WARD_EXTENSION:
            value = extension.valueCode or extension.valueString
            if not value:
                raise FhirInvalid(
                    [(f"QuestionnaireResponse.extension[{index}]", "Give valueCode: a ward code")]
                )
            return str(value)
    subject = resource.subject
    identifier = subject.identifier if subject is not None else None
    if identifier is not None and identifier.system == WARD_SYSTEM and identifier.value:
        return str(identifier.value)
    return None


def _mode(resource: QuestionnaireResponse) -> CollectionMode:
    for index, extension in enumerate(resource.extension or []):
        if extension.url == MODE_EXTENSION:
            value = str(extension.valueCode or extension.valueString or "")
            try:
                return CollectionMode(value)
            except ValueError:
                allowed = ", ".join(m.value for m in CollectionMode)
                raise FhirInvalid(
                    [(f"QuestionnaireResponse.extension[{index}].valueCode",
                      f"Unknown collection mode {value!r}. Allowed: {allowed}")]
                ) from None  # fmt: skip
    return CollectionMode.other


def to_feedback(resource: QuestionnaireResponse, clock: Clock) -> FeedbackCreate:
    """The FFT record a QuestionnaireResponse stands for, or FhirInvalid naming the paths."""
    issues: list[tuple[str, str]] = []
    canonical = str(resource.questionnaire or "")
    if canonical.split("|", 1)[0] != QUESTIONNAIRE_URL:
        issues.append(("QuestionnaireResponse.questionnaire", f"Must be {QUESTIONNAIRE_URL}"))
    if resource.status not in ("completed", "amended"):
        issues.append(("QuestionnaireResponse.status", "Must be completed or amended"))
    answer: FftAnswer | None = None
    comment: str | None = None
    for i, item in enumerate(resource.item or []):
        path = f"QuestionnaireResponse.item[{i}]"
        answers = item.answer or []
        if item.linkId == FFT_LINK_ID:
            if len(answers) != 1 or answers[0].valueCoding is None:
                issues.append((f"{path}.answer", "Give exactly one answer as a valueCoding"))
                continue
            coding = answers[0].valueCoding
            allowed = ", ".join(f"{int(c)} {label}" for c, label in FFT_LABELS.items())
            if coding.system not in (None, ANSWER_SYSTEM):
                issues.append((f"{path}.answer[0].valueCoding.system", f"Must be {ANSWER_SYSTEM}"))
            elif coding.code not in {str(int(c)) for c in FftAnswer}:
                issues.append(
                    (f"{path}.answer[0].valueCoding.code",
                     f"Unknown FFT answer code {coding.code!r}. Allowed: {allowed}")
                )  # fmt: skip
            else:
                answer = FftAnswer(int(coding.code))
        elif item.linkId == COMMENT_LINK_ID:
            if len(answers) > 1 or (answers and answers[0].valueString is None):
                issues.append((f"{path}.answer", "Give at most one answer as a valueString"))
            elif answers:
                comment = str(answers[0].valueString)
        else:
            issues.append(
                (f"{path}.linkId",
                 f"Unknown linkId {item.linkId!r}. Allowed: {FFT_LINK_ID}, {COMMENT_LINK_ID}")
            )  # fmt: skip
    if answer is None and not any(
        path.startswith("QuestionnaireResponse.item") for path, _ in issues
    ):
        issues.append(("QuestionnaireResponse.item", f"Answer the item with linkId {FFT_LINK_ID}"))
    received_at = None
    if resource.authored is not None:
        authored = resource.authored
        if isinstance(authored, dt.datetime):
            received_at = authored if authored.tzinfo else authored.replace(tzinfo=dt.UTC)
        else:
            received_at = dt.datetime.combine(authored, dt.time(), dt.UTC)
        if received_at.date() > clock.today():
            issues.append(("QuestionnaireResponse.authored", "Is in the future"))
    try:
        ward = _ward(resource)
        mode = _mode(resource)
    except FhirInvalid as exc:
        issues.extend(exc.issues)
        ward, mode = None, CollectionMode.other
    if issues:
        raise FhirInvalid(issues)
    language = resource.language if resource.language else "en"
    try:
        return FeedbackCreate(
            channel=Channel.fft,
            fft_answer=answer,
            comment=comment,
            ward_code=ward,
            collection_mode=mode,
            language=str(language).lower(),
            received_at=received_at,
        )
    except ValidationError as exc:
        raise FhirInvalid(
            [(f"QuestionnaireResponse.{'.'.join(map(str, e['loc']))}", e["msg"])
             for e in exc.errors()]
        ) from exc  # fmt: skip


def identifier_key(resource: QuestionnaireResponse) -> str | None:
    identifier = resource.identifier
    if identifier is None or not identifier.value:
        return None
    return f"fhir:{identifier.system or ''}|{identifier.value}"[:200]


def existing_feedback_id(session: Session, key: str):
    return session.execute(
        select(ImportRow.feedback_id).where(ImportRow.dedupe_key == key)
    ).scalar_one_or_none()


def operation_outcome(issues: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "error",
                "code": "invalid",
                "diagnostics": message,
                "expression": [path],
            }
            for path, message in issues
        ],
    }


def store(
    session: Session,
    resource: QuestionnaireResponse,
    data: FeedbackCreate,
    principal: Principal,
    clock: Clock,
    *,
    key: str | None,
):
    """Build and flush the record (and its identifier's row); the caller commits."""
    feedback = feedback_service.build(session, data, principal, clock)
    session.add(feedback)
    session.flush()
    if key is not None:
        session.add(ImportRow(dedupe_key=key, line=0, feedback_id=feedback.id))
        session.flush()
    return feedback


def stored_resource(resource: QuestionnaireResponse, feedback_id: Any) -> dict[str, Any]:
    body = resource.model_dump(mode="json", exclude_none=True)
    body["id"] = str(feedback_id)
    return body
