"""Escalation of overdue actions and missed updates: a notification to each action's lead."""

from __future__ import annotations

from sqlmodel import Session, select

from services.actions_api.jobs.models import Job
from services.actions_api.notifications.service import notify
from services.actions_api.plans import service
from services.common.clock import Clock

ESCALATION = "action_escalation"


def notify_leads(session: Session, clock: Clock, missed_days: int, portal_url: str) -> int:
    """One notification per escalated action with a named lead, at most once a day each."""
    today = clock.today()
    sent = 0
    for action, reasons in service.escalations(session, today, missed_days):
        if not action.lead_user_id:
            continue
        key = f"escalation:{action.id}:{today.isoformat()}"
        if session.exec(select(Job.id).where(Job.dedupe_key == key)).first() is not None:
            continue  # already told today
        due = f" (due {action.due_text})" if action.due_text else ""
        notify(
            session,
            kind=ESCALATION,
            user_id=action.lead_user_id,
            subject=f"Action {action.reference} needs your attention",
            body=(
                f"Action {action.reference}{due}:\n{action.title}\n\n"
                + "\n".join(f"- {r}" for r in reasons)
                + "\n\nPlease add a progress update."
            ),
            link=f"{portal_url.rstrip('/')}/staff/actions/{action.id}",
            dedupe_key=key,
        )
        sent += 1
    session.commit()
    return sent
