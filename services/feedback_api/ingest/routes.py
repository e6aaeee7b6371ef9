"""Many records at once: the batch endpoint, CSV imports and FHIR QuestionnaireResponses."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, Form, Header, UploadFile, status
from fastapi.responses import JSONResponse

from services.common.problems import (
    Conflict,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    Unprocessable,
    field_error,
    problem_responses,
)
from services.common.tokens import Principal
from services.feedback_api.deps import ClockDep, SessionDep, SettingsDep
from services.feedback_api.feedback import service as feedback_service
from services.feedback_api.feedback.models import Channel, CollectionMode
from services.feedback_api.idempotency import service as idempotency
from services.feedback_api.ingest import csv_import, fhir
from services.feedback_api.ingest.batch import store_batch
from services.feedback_api.ingest.models import ImportRecord
from services.feedback_api.ingest.schemas import (
    BatchCreate,
    BatchResult,
    ImportList,
    ImportPublic,
)
from services.feedback_api.integrations import policies
from services.feedback_api.integrations.service import check_channel

router = APIRouter(tags=["ingest"])
Caller = Annotated[Principal, Depends(policies.bulk_submit)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Optional. Covers the whole request: a retry with the same key and body "
        "returns the first result and stores nothing new.",
    ),
]


def _run_once(session, caller: Principal, key: str | None, fingerprint: Any, work):
    """Run ``work()`` -> (status, body) under an Idempotency-Key; replay the first answer."""
    record = None
    if key is not None:
        claimed = idempotency.claim(session, feedback_service.caller_name(caller), key, fingerprint)
        if isinstance(claimed, idempotency.Replay):
            return claimed.status_code, claimed.body
        record = claimed
    try:
        status_code, body = work()
        if record is not None:
            idempotency.complete(session, record, status_code, body)
        session.commit()
    except Exception:
        if record is not None:
            idempotency.release(session, record)
        else:
            session.rollback()
        raise
    return status_code, body


@router.post(
    "/v1/feedback/batch",
    status_code=status.HTTP_200_OK,
    response_model=BatchResult,
    responses={
        207: {"model": BatchResult, "description": "Some items were rejected"},
        **problem_responses(Unprocessable, Conflict, PayloadTooLarge),
    },
)
def create_batch(
    data: BatchCreate,
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    caller: Caller,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Up to 1,000 pieces of feedback at once. Each item is accepted (with its id) or rejected
    (with its field errors: an item on a channel outside the API key's scope is rejected naming
    the allowed channels) on its own; the accepted ones are committed together, in one
    transaction. 200 when all were accepted, 207 when some were not. With an
    ``Idempotency-Key``, a retry returns this answer again and stores nothing new."""
    if len(data.items) > settings.max_batch_items:
        raise Unprocessable(
            errors=[field_error("items", f"At most {settings.max_batch_items:,} items a batch")]
        )

    def work():
        rejected, body = store_batch(
            session, data.items, caller, clock, max_comment_chars=settings.max_comment_chars
        )
        code = status.HTTP_200_OK if rejected == 0 else status.HTTP_207_MULTI_STATUS
        return code, body

    code, body = _run_once(session, caller, idempotency_key, {"items": data.items}, work)
    return JSONResponse(body, status_code=code)


@router.post(
    "/v1/imports",
    status_code=status.HTTP_201_CREATED,
    response_model=ImportPublic,
    responses=problem_responses(Unprocessable, Conflict, Forbidden, PayloadTooLarge),
)
def create_import(
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    caller: Caller,
    file: Annotated[UploadFile, File(description="The vendor's CSV export, up to 10 MiB")],
    column_answer: Annotated[str | None, Form(max_length=100)] = None,
    column_comment: Annotated[str | None, Form(max_length=100)] = None,
    column_ward: Annotated[str | None, Form(max_length=100)] = None,
    column_date: Annotated[str | None, Form(max_length=100)] = None,
    column_mode: Annotated[str | None, Form(max_length=100)] = None,
    column_response_id: Annotated[str | None, Form(max_length=100)] = None,
    default_mode: Annotated[CollectionMode, Form()] = CollectionMode.other,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Import a Friends and Family Test CSV export. Columns default to ``Response ID``,
    ``Response Date``, ``Ward Code``, ``FFT Answer``, ``Comment``, ``Mode``; name others with
    the ``column_*`` fields (optional default columns the file lacks are left out). Rows
    already stored by an earlier upload (same vendor response id, or same file and line) are
    counted as duplicates, not stored again; each rejected row is reported with its line and
    reason."""
    check_channel(caller, Channel.fft.value)
    mapping, explicit = csv_import.mapping_with_defaults(
        {
            "answer": column_answer,
            "comment": column_comment,
            "ward": column_ward,
            "date": column_date,
            "mode": column_mode,
            "response_id": column_response_id,
        }
    )
    content = file.file.read(settings.max_batch_bytes + 1)
    if len(content) > settings.max_batch_bytes:
        raise PayloadTooLarge(f"The file is larger than {settings.max_batch_bytes:,} bytes.")
    file_name = (file.filename or "upload.csv").rsplit("/", 1)[-1][:255]
    fingerprint = {
        "file_hash": csv_import.file_hash(content),
        "mapping": mapping,
        "default_mode": default_mode.value,
    }

    def work():
        record = csv_import.import_csv(
            session,
            content,
            file_name=file_name,
            mapping=mapping,
            explicit=explicit,
            default_mode=default_mode,
            principal=caller,
            clock=clock,
            max_comment_chars=settings.max_comment_chars,
        )
        return status.HTTP_201_CREATED, _import_public(record).model_dump(mode="json")

    code, body = _run_once(session, caller, idempotency_key, fingerprint, work)
    return JSONResponse(body, status_code=code)


def _import_public(record: ImportRecord) -> ImportPublic:
    return ImportPublic.model_validate(record, from_attributes=True)


@router.get("/v1/imports", dependencies=[Depends(policies.read_imports)])
def list_imports(session: SessionDep) -> ImportList:
    """The most recent imports, newest first."""
    records = csv_import.list_imports(session)
    return ImportList(data=[_import_public(r) for r in records], count=len(records))


@router.get(
    "/v1/imports/{import_id}",
    dependencies=[Depends(policies.read_imports)],
    responses=problem_responses(NotFound),
)
def get_import(import_id: uuid.UUID, session: SessionDep) -> ImportPublic:
    """One import: who, when, the file's name and hash, the counts and each rejected line."""
    record = csv_import.get_import(session, import_id)
    if record is None:
        raise NotFound(f"No import has the id {import_id}.")
    return _import_public(record)


def _fhir(body: dict[str, Any], status_code: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status_code, media_type=fhir.FHIR_JSON)


@router.get("/v1/fhir/Questionnaire/fft", dependencies=[Depends(policies.read_questionnaire)])
def get_questionnaire() -> JSONResponse:
    """Heard's FFT Questionnaire (FHIR R4): the national question and six answers."""
    return _fhir(fhir.questionnaire())


@router.get("/v1/fhir/CodeSystem/fft-answer", dependencies=[Depends(policies.read_questionnaire)])
def get_code_system() -> JSONResponse:
    """The six FFT answer codes (FHIR R4 CodeSystem)."""
    return _fhir(fhir.code_system())


@router.get("/v1/fhir/ValueSet/fft-answer", dependencies=[Depends(policies.read_questionnaire)])
def get_value_set() -> JSONResponse:
    """The FFT answers (FHIR R4 ValueSet over the CodeSystem)."""
    return _fhir(fhir.value_set())


_FIELD_PATHS = {
    "ward_code": "QuestionnaireResponse.extension",
    "comment": "QuestionnaireResponse.item",
    "site_code": "QuestionnaireResponse.extension",
}


@router.post(
    "/v1/fhir/QuestionnaireResponse",
    status_code=status.HTTP_201_CREATED,
    responses={
        422: {
            "description": "An OperationOutcome naming each invalid path",
            "content": {fhir.FHIR_JSON: {}},
        },
        **problem_responses(Conflict, Forbidden),
    },
    openapi_extra={"requestBody": {"content": {fhir.FHIR_JSON: {"schema": {"type": "object"}}}}},
)
def create_questionnaire_response(
    resource: Annotated[dict[str, Any], Body(description="A FHIR R4 QuestionnaireResponse")],
    session: SessionDep,
    clock: ClockDep,
    settings: SettingsDep,
    caller: Caller,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Store a QuestionnaireResponse to Heard's FFT Questionnaire as an FFT record. Invalid
    resources get 422 with an OperationOutcome. With an ``identifier``, posting the same
    response again returns the first record (200) and stores nothing new."""
    check_channel(caller, Channel.fft.value)
    try:
        parsed = fhir.parse(resource)
        data = fhir.to_feedback(parsed, clock)
        feedback_service.validate(session, data, max_comment_chars=settings.max_comment_chars)
    except fhir.FhirInvalid as exc:
        return _fhir(fhir.operation_outcome(exc.issues), 422)
    except Unprocessable as exc:
        issues = [
            (_FIELD_PATHS.get(e.get("field", ""), "QuestionnaireResponse"), e.get("message", ""))
            for e in exc.errors or []
        ]
        return _fhir(fhir.operation_outcome(issues), 422)
    key = fhir.identifier_key(parsed)

    def work():
        if key is not None:
            existing = fhir.existing_feedback_id(session, key)
            if existing is not None:
                return status.HTTP_200_OK, fhir.stored_resource(parsed, existing)
        feedback = fhir.store(session, parsed, data, caller, clock, key=key)
        return status.HTTP_201_CREATED, fhir.stored_resource(parsed, feedback.id)

    code, body = _run_once(session, caller, idempotency_key, resource, work)
    return _fhir(body, code)
