"""Invented demo "You said, we did" entries, waiting for a patient experience manager to approve
and publish them (publication redacts them through feedback_api, as for any entry)."""

from __future__ import annotations

from sqlmodel import Session, select

from services.actions_api.yswd.models import Entry, EntryKind, EntryState
from services.common.clock import Clock

DEMO_AUTHOR = "demo"
# kind, you said, we did, theme, ward
ENTRIES = [
    (
        EntryKind.you_said,
        "Waiting for chemotherapy with no idea how long it would be was the hardest part.",
        "The day unit now shows the expected wait on the screen by reception, updated every "
        "hour. (Invented demo entry.)",
        "Waiting times",
        "CDU-L",
    ),
    (
        EntryKind.you_said,
        "The ward was noisy at night and it was hard to sleep.",
        "We introduced quiet hours from 11pm, soft-close bins and eye masks and ear plugs on "
        "request. (Invented demo entry.)",
        "Environment",
        "L4",
    ),
    (
        EntryKind.we_said,
        "Together with our Digital Patient Participation Group we said the appointment letters "
        "were confusing.",
        "The group rewrote the letter with us; it now starts with the date, time and place. "
        "(Invented demo entry.)",
        "Communication",
        "RT-W",
    ),
]
SITES = {"CDU-L": "REN20", "L4": "REN20", "RT-W": "REN01"}


def load(session: Session, clock: Clock) -> int:
    if session.exec(select(Entry).where(Entry.created_by == DEMO_AUTHOR)).first() is not None:
        return 0
    now = clock.now()
    for kind, said, did, theme, ward in ENTRIES:
        session.add(
            Entry(
                kind=kind.value,
                state=EntryState.awaiting_approval.value,
                you_said=said,
                we_did=did,
                theme=theme,
                ward_code=ward,
                site_code=SITES[ward],
                created_by=DEMO_AUTHOR,
                created_by_name="Demo data",
                created_at=now,
                updated_at=now,
                submitted_at=now,
            )
        )
    return len(ENTRIES)
