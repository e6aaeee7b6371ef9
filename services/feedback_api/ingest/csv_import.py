"""CSV import of an FFT vendor export.

The mapping names the CSV column holding each field (matched ignoring case and surrounding
spaces). The default mapping fits a typical vendor export::

    Response ID, Response Date, Ward Code, FFT Answer, Comment, Mode

- ``answer`` (required): the FFT code 1-6 or its label ("Very good" ... "Don't know").
- ``comment``: free text, up to the comment limit.
- ``ward``: a Heard ward code; the site is taken from the ward.
- ``date``: ``YYYY-MM-DD``, ``DD/MM/YYYY`` or either with a time ``HH:MM``; not in the future.
- ``mode``: a Heard collection mode (``sms``, ``paper_home`` ...) or a national mode name
  ("SMS", "Paper at home", "Telephone" ...); blank means the upload's default mode.
- ``response_id``: the vendor's id for the response. Where a file has one, a row is stored
  once per id, whatever file it arrives in; otherwise once per (file SHA-256, line number).
  Never by content: two patients may give identical answers.

Each rejected row is reported with its line number (the header is line 1) and the reason; the
other rows are stored. The import record (who, when, file name, hash, counts) stays readable.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session

from services.common.clock import Clock
from services.common.fft import FFT_LABELS, FftAnswer
from services.common.problems import Unprocessable, field_error
from services.common.tokens import Principal
from services.feedback_api.feedback import service as feedback_service
from services.feedback_api.feedback.models import Channel, CollectionMode, SubmittedVia
from services.feedback_api.feedback.schemas import FeedbackCreate
from services.feedback_api.ingest.batch import preload_organisation
from services.feedback_api.ingest.models import ImportRecord, ImportRow

MAPPING_FIELDS = ("answer", "comment", "ward", "date", "mode", "response_id")
DEFAULT_MAPPING: dict[str, str] = {
    "answer": "FFT Answer",
    "comment": "Comment",
    "ward": "Ward Code",
    "date": "Response Date",
    "mode": "Mode",
    "response_id": "Response ID",
}
REQUIRED = ("answer",)
MAX_REJECTIONS_KEPT = 1000
MAX_COLUMN_NAME = 100

_ANSWERS = {label.lower().replace("’", "'"): code for code, label in FFT_LABELS.items()}
_ANSWERS.update({"dont know": FftAnswer.dont_know, "don't know": FftAnswer.dont_know})
_MODES: dict[str, CollectionMode] = {m.value: m for m in CollectionMode}
_MODES.update(
    {
        "sms": CollectionMode.sms,
        "text message": CollectionMode.sms,
        "electronic at discharge": CollectionMode.electronic_discharge,
        "electronic discharge": CollectionMode.electronic_discharge,
        "electronic at home": CollectionMode.electronic_home,
        "electronic home": CollectionMode.electronic_home,
        "paper at discharge": CollectionMode.paper_discharge,
        "paper discharge": CollectionMode.paper_discharge,
        "paper at home": CollectionMode.paper_home,
        "paper home": CollectionMode.paper_home,
        "telephone": CollectionMode.telephone,
        "ivr": CollectionMode.telephone,
        "online": CollectionMode.online,
        "web": CollectionMode.online,
        "kiosk": CollectionMode.kiosk,
        "tablet": CollectionMode.kiosk,
        "qr code": CollectionMode.qr_code,
        "app": CollectionMode.app,
        "other": CollectionMode.other,
    }
)
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M",
                 "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M:%S")  # fmt: skip


def mapping_with_defaults(given: dict[str, str | None]) -> tuple[dict[str, str], set[str]]:
    """The upload's mapping (given columns over the defaults) and the fields it names."""
    mapping = dict(DEFAULT_MAPPING)
    explicit = set()
    for name, column in given.items():
        if column is None:
            continue
        column = column.strip()
        if len(column) > MAX_COLUMN_NAME:
            raise Unprocessable(
                errors=[field_error(f"column_{name}", "A column name has at most 100 characters")]
            )
        if column:
            mapping[name] = column
            explicit.add(name)
    return mapping, explicit


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unprocessable(errors=[field_error("file", "The file is not UTF-8 or Windows-1252 text")])


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def parse_answer(value: str) -> FftAnswer:
    text = value.strip().lower().replace("’", "'")
    if text.isdigit() and 1 <= int(text) <= 6:
        return FftAnswer(int(text))
    if text in _ANSWERS:
        return FftAnswer(_ANSWERS[text])
    allowed = ", ".join(f"{int(code)} {label}" for code, label in FFT_LABELS.items())
    raise ValueError(f"answer {value!r} is not an FFT answer. Allowed: {allowed}")


def parse_mode(value: str, default: CollectionMode) -> CollectionMode:
    text = value.strip().lower()
    if not text:
        return default
    if text in _MODES:
        return _MODES[text]
    raise ValueError(
        f"mode {value!r} is not known. Allowed: {', '.join(m.value for m in CollectionMode)}, "
        "or a national mode such as SMS, Paper at home, Telephone"
    )


def parse_date(value: str, clock: Clock) -> dt.datetime | None:
    text = value.strip()
    if not text:
        return None
    for fmt in _DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, fmt).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        if parsed.date() > clock.today():
            raise ValueError(f"date {value!r} is in the future")
        return parsed
    raise ValueError(f"date {value!r} is not a date; use YYYY-MM-DD or DD/MM/YYYY")


@dataclass
class Row:
    line: int
    values: dict[str, str]


@dataclass
class Outcome:
    record: ImportRecord
    rejections: list[dict[str, Any]] = field(default_factory=list)


def _open(
    text: str, mapping: dict[str, str], explicit: set[str]
) -> tuple[Iterator[list[str]], dict[str, int], dict[str, str]]:
    """The reader past the header, each field's column position, and the mapping in effect
    (optional default columns the file lacks are left out; named ones must exist)."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:4096]))
    try:
        header = next(reader)
    except StopIteration:
        raise Unprocessable(errors=[field_error("file", "The file is empty")]) from None
    except csv.Error as exc:
        raise Unprocessable(errors=[field_error("file", f"Line 1 is not CSV: {exc}")]) from exc
    positions = {name.strip().lower(): i for i, name in enumerate(header)}
    found = ", ".join(h.strip() for h in header if h.strip())[:500]
    missing = [
        name
        for name, column in mapping.items()
        if column.strip().lower() not in positions and (name in REQUIRED or name in explicit)
    ]
    if missing:
        raise Unprocessable(
            errors=[
                field_error(
                    f"column_{name}",
                    f"The file has no column {mapping[name]!r} for the {name}. "
                    f"Its columns: {found}",
                )
                for name in missing
            ]
        )
    index = {
        name: positions[column.strip().lower()]
        for name, column in mapping.items()
        if column.strip().lower() in positions
    }
    return reader, index, {name: mapping[name] for name in index}


def _rows(reader, index: dict[str, int]) -> Iterator[Row]:
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Row(line=start, values={"__error__": f"the line is not valid CSV: {exc}"})
            return
        if not any(cell.strip() for cell in cells):
            continue
        values = {name: cells[i] if i < len(cells) else "" for name, i in index.items()}
        yield Row(line=start, values=values)


def file_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def import_csv(
    session: Session,
    content: bytes,
    *,
    file_name: str,
    mapping: dict[str, str],
    explicit: set[str],
    default_mode: CollectionMode,
    principal: Principal,
    clock: Clock,
    max_comment_chars: int,
) -> ImportRecord:
    """Store the file's good rows once each; the caller commits."""
    digest = file_hash(content)
    text = _decode(content)
    reader, index, effective = _open(text, mapping, explicit)
    record = ImportRecord(
        file_name=file_name[:255] or "upload.csv",
        file_hash=digest,
        file_bytes=len(content),
        mapping={**effective, "default_mode": default_mode.value},
        created_by=feedback_service.caller_name(principal),
        created_at=clock.now(),
    )
    rejections: list[dict[str, Any]] = []
    candidates: list[tuple[str, Row, FeedbackCreate]] = []
    total = 0
    # Wards and sites held for the whole file: lookups come from the identity map, not a query.
    organisation = preload_organisation(session)
    for row in _rows(reader, index):
        total += 1
        if "__error__" in row.values:
            rejections.append({"line": row.line, "reason": row.values["__error__"]})
            continue
        try:
            data = _row_feedback(row, default_mode, clock)
            feedback_service.validate(session, data, max_comment_chars=max_comment_chars)
        except ValueError as exc:
            rejections.append({"line": row.line, "reason": _reason(exc)})
            continue
        except Unprocessable as exc:
            message = "; ".join(e.get("message", "") for e in exc.errors or []) or str(exc)
            rejections.append({"line": row.line, "reason": message})
            continue
        response_id = row.values.get("response_id", "").strip()
        key = f"response:{response_id}"[:200] if response_id else f"line:{digest}:{row.line}"
        candidates.append((key, row, data))

    keys = [key for key, _, _ in candidates]
    seen = _existing_keys(session, keys)
    feedback_rows = []
    import_rows = []
    duplicates = 0
    for key, row, data in candidates:
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        feedback = feedback_service.build(session, data, principal, clock)
        feedback.submitted_via = SubmittedVia.import_.value
        feedback_rows.append(feedback)
        import_rows.append((key, row.line, feedback))

    record.rows_total = total
    record.accepted = len(feedback_rows)
    record.duplicates = duplicates
    record.rejected = len(rejections)
    record.rejections = rejections[:MAX_REJECTIONS_KEPT]
    session.add(record)
    session.add_all(feedback_rows)
    session.flush()
    session.add_all(
        [
            ImportRow(dedupe_key=key, import_id=record.id, line=line, feedback_id=feedback.id)
            for key, line, feedback in import_rows
        ]
    )
    session.flush()
    del organisation
    return record


def _reason(exc: ValueError) -> str:
    if isinstance(exc, ValidationError):
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ()))
            parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
        return "; ".join(parts)
    return str(exc)


def _row_feedback(row: Row, default_mode: CollectionMode, clock: Clock) -> FeedbackCreate:
    values = row.values
    answer_text = values.get("answer", "").strip()
    if not answer_text:
        raise ValueError("there is no FFT answer")
    answer = parse_answer(answer_text)
    mode = parse_mode(values.get("mode", ""), default_mode)
    received_at = parse_date(values.get("date", ""), clock)
    ward = values.get("ward", "").strip() or None
    comment = values.get("comment", "").strip() or None
    return FeedbackCreate(
        channel=Channel.fft,
        fft_answer=answer,
        comment=comment,
        ward_code=ward,
        collection_mode=mode,
        received_at=received_at,
    )


def _existing_keys(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        query = select(ImportRow.dedupe_key).where(ImportRow.dedupe_key.in_(chunk))
        found.update(session.execute(query).scalars())
    return found


def get_import(session: Session, import_id: Any) -> ImportRecord | None:
    return session.get(ImportRecord, import_id)


def list_imports(session: Session, *, limit: int = 50) -> list[ImportRecord]:
    query = select(ImportRecord).order_by(ImportRecord.created_at.desc()).limit(limit)
    return list(session.execute(query).scalars())
