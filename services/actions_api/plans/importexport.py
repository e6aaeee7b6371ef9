"""Action plans as spreadsheets (CSV and XLSX), since trusts keep them in spreadsheets today.

One row per action; the pledge, aim or promise it belongs to is named in its own columns, so a
plan exported and imported again keeps every field.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from sqlmodel import Session, select

from services.actions_api.plans import events
from services.actions_api.plans.due import DueParseError, parse_due
from services.actions_api.plans.models import (
    Action,
    ActionStatus,
    Commitment,
    CommitmentKind,
    Rag,
    Strategy,
)
from services.actions_api.plans.schemas import CONTROL, ImportRejection, ImportResult
from services.common.clock import Clock
from services.common.problems import Unprocessable, field_error

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = [
    "commitment_kind",
    "commitment_number",
    "commitment_title",
    "reference",
    "objective",
    "action",
    "lead_user_id",
    "lead_name",
    "lead_role",
    "people",
    "wards",
    "directorates",
    "start",
    "due",
    "status",
    "status_reason",
    "rag",
    "percent_complete",
    "progress",
]
REQUIRED = ("reference", "action")


def codes(cell: str | None) -> list[str]:
    return [c.strip() for c in (cell or "").replace(",", ";").split(";") if c.strip()]


def export_rows(session: Session, strategy: Strategy) -> list[dict[str, str]]:
    commitments = {
        c.id: c
        for c in session.exec(select(Commitment).where(Commitment.strategy_id == strategy.id))
    }
    actions = session.exec(select(Action).where(Action.strategy_id == strategy.id)).all()

    def order(action: Action) -> tuple:
        c = commitments.get(action.commitment_id) if action.commitment_id else None
        return (c.kind if c else "~", c.number if c else 0, action.reference)

    rows = []
    for action in sorted(actions, key=order):
        c = commitments.get(action.commitment_id) if action.commitment_id else None
        rows.append(
            {
                "commitment_kind": c.kind if c else "",
                "commitment_number": str(c.number) if c else "",
                "commitment_title": c.title if c else "",
                "reference": action.reference,
                "objective": action.objective or "",
                "action": action.title,
                "lead_user_id": action.lead_user_id or "",
                "lead_name": action.lead_name or "",
                "lead_role": action.lead_role or "",
                "people": "; ".join(action.people),
                "wards": "; ".join(action.wards),
                "directorates": "; ".join(action.directorates),
                "start": action.start_text or "",
                "due": action.due_text or "",
                "status": action.status,
                "status_reason": action.status_reason or "",
                "rag": action.rag or "",
                "percent_complete": str(action.percent_complete),
                "progress": action.progress_text or "",
            }
        )
    return rows


# A cell starting with one of these is a formula to a spreadsheet; a plan's text must never run
# as one when a trust opens the export (CSV injection). Such cells get a leading apostrophe,
# which spreadsheets hide and which an import takes off again.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _restore(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def to_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: _defuse(v) for k, v in row.items()} for row in rows)
    # A byte-order mark so Excel opens the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows: list[dict[str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append(COLUMNS)
    for row in rows:
        # Written as text so "2019/20" or "001" are never turned into numbers or dates.
        sheet.append([row[c] for c in COLUMNS])
        for cell in sheet[sheet.max_row]:
            cell.number_format = "@"
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_rows(data: bytes) -> dict[int, dict[str, str]]:
    """The file's rows by line number (the header is line 1), from CSV or XLSX by content."""
    if data.startswith(b"PK\x03\x04"):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise Unprocessable(
                errors=[field_error("file", "This is not an Excel (XLSX) file we can read.")]
            ) from exc
        sheet = workbook.worksheets[0]
        lines = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
        workbook.close()
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Unprocessable(
                errors=[field_error("file", "Save the CSV file as UTF-8 and try again.")]
            ) from exc
        lines = list(csv.reader(io.StringIO(text, newline="")))
    if not lines:
        raise Unprocessable(errors=[field_error("file", "The file is empty.")])
    header = [h.strip().lower() for h in lines[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise Unprocessable(
            errors=[
                field_error(
                    "file",
                    f"The first row must name the columns; missing: {', '.join(missing)}. "
                    f"Columns: {', '.join(COLUMNS)}.",
                )
            ]
        )
    rows = {}
    for number, values in enumerate(lines[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        rows[number] = {
            name: _restore(values[i]) if i < len(values) else "" for i, name in enumerate(header)
        }
    return rows


@dataclass
class _Row:
    line: int
    values: dict[str, str]


def _check(
    row: dict[str, str], known_wards: set[str] | None, known_dirs: set[str] | None
) -> str | None:
    for name in REQUIRED:
        if not row.get(name, "").strip():
            return f"{name} is empty"
    for name, value in row.items():
        if CONTROL.search(value or ""):
            return f"{name} contains a control character"
    kind = row.get("commitment_kind", "").strip().lower()
    number = row.get("commitment_number", "").strip()
    if kind or number:
        if kind not in {k.value for k in CommitmentKind}:
            return f"commitment_kind must be pledge, aim or promise, not {kind!r}"
        if not number.isdigit() or int(number) < 1:
            return f"commitment_number must be a whole number, not {number!r}"
    status = row.get("status", "").strip() or ActionStatus.not_started.value
    if status not in {s.value for s in ActionStatus}:
        return f"status {status!r} is not one of {', '.join(s.value for s in ActionStatus)}"
    if (
        status == ActionStatus.closed_without_change.value
        and not row.get("status_reason", "").strip()
    ):
        return "status_reason must say why the action was closed without change"
    rag = row.get("rag", "").strip().lower()
    if rag and rag not in {r.value for r in Rag}:
        return f"rag must be red, amber, green or blue, not {rag!r}"
    percent = row.get("percent_complete", "").strip() or "0"
    if not percent.isdigit() or not 0 <= int(percent) <= 100:
        return f"percent_complete must be 0 to 100, not {percent!r}"
    for name in ("start", "due"):
        try:
            parse_due(row.get(name))
        except DueParseError as exc:
            return f"{name}: {exc}"
    if known_wards is not None:
        unknown = [w for w in codes(row.get("wards")) if w not in known_wards]
        if unknown:
            return f"unknown ward codes: {', '.join(unknown)}"
    if known_dirs is not None:
        unknown = [d for d in codes(row.get("directorates")) if d not in known_dirs]
        if unknown:
            return f"unknown directorate codes: {', '.join(unknown)}"
    for name, limit in (("reference", 40), ("lead_name", 200), ("lead_role", 300), ("start", 200),
                        ("due", 200), ("lead_user_id", 80), ("commitment_title", 300)):  # fmt: skip
        if len(row.get(name, "")) > limit:
            return f"{name} is longer than {limit} characters"
    return None


def apply(
    session: Session,
    strategy: Strategy,
    rows: dict[int, dict[str, str]],
    clock: Clock,
    *,
    known_wards: set[str] | None,
    known_dirs: set[str] | None,
) -> ImportResult:
    """Check every row first; import only if none is rejected (all or nothing)."""
    rejected = []
    seen: dict[str, int] = {}
    for line, row in rows.items():
        reason = _check(row, known_wards, known_dirs)
        reference = row.get("reference", "").strip()
        if reason is None and reference in seen:
            reason = f"reference {reference} is also on line {seen[reference]}"
        seen.setdefault(reference, line)
        if reason:
            rejected.append(ImportRejection(line=line, reason=reason))
    if rejected:
        return ImportResult(created=0, updated=0, rejected=rejected)

    commitments = {
        (c.kind, c.number): c
        for c in session.exec(select(Commitment).where(Commitment.strategy_id == strategy.id))
    }
    existing = {
        a.reference: a
        for a in session.exec(select(Action).where(Action.strategy_id == strategy.id))
    }
    created = updated = 0
    now = clock.now()
    for row in rows.values():
        commitment = None
        kind = row.get("commitment_kind", "").strip().lower()
        if kind:
            key = (kind, int(row["commitment_number"]))
            commitment = commitments.get(key)
            title = row.get("commitment_title", "").strip()
            if commitment is None:
                commitment = Commitment(
                    strategy_id=strategy.id,
                    kind=kind,
                    number=key[1],
                    title=title or f"{kind.capitalize()} {key[1]}",
                )
                session.add(commitment)
                session.flush()
                commitments[key] = commitment
            elif title and title != commitment.title:
                commitment.title, commitment.public_title = title, None
                session.add(commitment)
        reference = row["reference"].strip()
        action = existing.get(reference)
        if action is None:
            action = Action(strategy_id=strategy.id, reference=reference, title="", created_at=now)
            previous_status = None
            created += 1
        else:
            previous_status = action.status
            updated += 1
        text = row["action"]
        if text != action.title:
            action.public_title = None
        action.commitment_id = commitment.id if commitment else None
        action.objective = row.get("objective") or None
        action.title = text
        action.lead_user_id = row.get("lead_user_id", "").strip() or None
        action.lead_name = row.get("lead_name") or None
        action.lead_role = row.get("lead_role") or None
        people = [p.strip() for p in (row.get("people") or "").split(";") if p.strip()]
        if people != action.people:
            action.public_title = None
        action.people = people
        action.wards = codes(row.get("wards"))
        action.directorates = codes(row.get("directorates"))
        action.status = row.get("status", "").strip() or ActionStatus.not_started.value
        reason = row.get("status_reason") or None
        if reason != action.status_reason:
            action.public_status_reason = None
        action.status_reason = reason
        action.rag = row.get("rag", "").strip().lower() or None
        action.percent_complete = int(row.get("percent_complete", "").strip() or 0)
        action.progress_text = row.get("progress") or None
        action.updated_at = now
        _apply_dates(action, row)
        session.add(action)
        events.status_changed(session, action, previous_status, at=now)
    session.commit()
    return ImportResult(created=created, updated=updated)


def _apply_dates(action: Action, row: dict[str, str]) -> None:
    from services.actions_api.plans.service import apply_dates

    apply_dates(action, start=row.get("start") or None, due=row.get("due") or None)
