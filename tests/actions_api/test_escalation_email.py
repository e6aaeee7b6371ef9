"""Escalation end to end, in process: actions_api's worker finds an overdue action, puts a
notification in its outbox and delivers it to the portal with its own service token; the portal
de-duplicates by event id and emails the lead through a real SMTP server on a loopback port."""

import uuid

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from services.actions_api.jobs.models import Job as ActionsJob
from services.actions_api.notifications.service import DELIVER_NOTIFICATION
from services.actions_api.worker import ESCALATE_OVERDUE
from services.actions_api.worker import handlers as actions_handlers
from services.common.roles import Role
from services.portal.accounts.models import User
from services.portal.jobs.models import Job as PortalJob
from services.portal.notifications.email import SEND_EMAIL
from services.portal.worker import handlers as portal_handlers
from tests.support.stack import free_port


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def jobs(session, model, kind):
    return list(session.exec(select(model).where(model.kind == kind)))


def test_an_overdue_action_emails_its_lead_once(
    actions_api, mint, apps, settings, actions_session, portal_session, smtp_server
) -> None:
    controller, inbox = smtp_server
    helen = portal_session.exec(select(User).where(User.email == "matron@demo.heard.example")).one()
    pem = mint("actions", Role.patient_experience_manager, sub="pem-escalation")
    sid = actions_api.post("/v1/strategies", json={"title": "Escalation plan"}, headers=pem).json()[
        "id"
    ]
    reference = f"E-{uuid.uuid4().hex[:6]}"
    action = actions_api.post(
        f"/v1/strategies/{sid}/actions",
        json={"reference": reference, "title": "Put up the new signs", "due": "Q4 2018/19",
              "lead_user_id": str(helen.id), "lead_name": helen.name},
        headers=pem,
    ).json()  # fmt: skip

    run = actions_handlers(settings["actions"], {"portal": httpx.ASGITransport(app=apps["portal"])})
    run[ESCALATE_OVERDUE](actions_session, {})
    run[ESCALATE_OVERDUE](actions_session, {})  # the daily job ran twice: one reminder a day
    events = [
        j for j in jobs(actions_session, ActionsJob, DELIVER_NOTIFICATION)
        if j.payload["user_id"] == str(helen.id) and reference in j.payload["subject"]
    ]  # fmt: skip
    assert len(events) == 1
    payload = events[0].payload

    run[DELIVER_NOTIFICATION](actions_session, payload)
    run[DELIVER_NOTIFICATION](actions_session, payload)  # delivered again: at least once
    emails = [
        j for j in jobs(portal_session, PortalJob, SEND_EMAIL)
        if j.payload["event_id"] == payload["event_id"]
    ]  # fmt: skip
    assert len(emails) == 1 and emails[0].payload["to"] == "matron@demo.heard.example"

    smtp_settings = settings["portal"].model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": controller.port}
    )
    portal_handlers(smtp_settings)[SEND_EMAIL](portal_session, emails[0].payload)
    ((_sender, recipients, content),) = inbox.messages
    assert recipients == ["matron@demo.heard.example"]
    message = content.decode()
    assert f"Subject: Action {reference} needs your attention" in message
    assert "Overdue since 31 March 2019" in message
    assert f"/staff/actions/{action['id']}" in message
    assert f"X-Heard-Event-ID: {payload['event_id']}" in message


def test_the_notification_endpoint_accepts_only_heard_apis(portal, mint, keys_dir) -> None:
    from services.common.tokens import TokenIssuer

    event = {
        "event_id": str(uuid.uuid4()),
        "kind": "test",
        "user_id": str(uuid.uuid4()),
        "subject": "Hello",
        "body": "Hello",
    }
    assert portal.post("/internal/notifications", json=event).status_code == 401
    portal_issuer = TokenIssuer("portal", (keys_dir / "portal.pem").read_text())
    as_portal = {"Authorization": f"Bearer {portal_issuer.mint('portal')}"}
    assert portal.post("/internal/notifications", json=event, headers=as_portal).status_code == 401
    actions = TokenIssuer("actions", (keys_dir / "actions.pem").read_text())
    as_actions = {"Authorization": f"Bearer {actions.mint('portal')}"}
    response = portal.post("/internal/notifications", json=event, headers=as_actions)
    assert response.status_code == 202
    assert response.json()["status"] == "no-recipient"
    wrong_audience = {"Authorization": f"Bearer {actions.mint('feedback')}"}
    assert (
        portal.post("/internal/notifications", json=event, headers=wrong_audience).status_code
        == 401
    )
