"""Email, sent only by the portal (it holds the addresses), through its own outbox.

With ``HEARD_PORTAL_SMTP_HOST`` set, each email goes to that SMTP server; without it, the email
is written to the log (development).
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

import structlog
from sqlmodel import Session

from services.common.jobs import RetryLater
from services.portal.settings import PortalSettings

log = structlog.get_logger(__name__)

SEND_EMAIL = "send_email"


def build_message(settings: PortalSettings, payload: dict[str, Any]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = payload["to"]
    message["Subject"] = payload["subject"]
    # The event id travels with the email, so a repeat can be recognised downstream too.
    message["X-Heard-Event-ID"] = payload["event_id"]
    body = payload["body"]
    if payload.get("link"):
        body += f"\n\n{payload['link']}"
    message.set_content(body + "\n\nHeard\n")
    return message


def make_send_email(settings: PortalSettings) -> Callable[[Session, dict[str, Any]], None]:
    def send_email(_session: Session, payload: dict[str, Any]) -> None:
        message = build_message(settings, payload)
        if not settings.smtp_host:
            log.info(
                "email_logged",
                to=payload["to"],
                subject=payload["subject"],
                event_id=payload["event_id"],
                body=message.get_content(),
            )
            return
        try:
            with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
                smtp.send_message(message)
        except (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError) as exc:
            raise RetryLater(f"the SMTP server did not take the email: {exc}") from exc
        log.info("email_sent", to=payload["to"], event_id=payload["event_id"])

    return send_email
