"""Sessions end: after the absolute lifetime, after idling, and when the account is disabled."""

import datetime as dt

import pytest
from pydantic import ValidationError
from sqlmodel import select

from services.portal.accounts.models import LoginSession, User
from services.portal.settings import PortalSettings
from tests.support.pages import sign_in


def current_login(portal_session) -> LoginSession:
    return portal_session.exec(
        select(LoginSession).order_by(LoginSession.created_at.desc())
    ).first()


def test_an_idle_session_expires(portal, portal_session) -> None:
    sign_in(portal, "pem@demo.heard.example")
    assert portal.get("/staff/feedback").status_code == 200
    login = current_login(portal_session)
    login.last_seen_at -= dt.timedelta(minutes=61)
    portal_session.add(login)
    portal_session.commit()
    assert portal.get("/staff/feedback").status_code == 303


def test_a_session_expires_after_its_lifetime_however_active(portal, portal_session) -> None:
    sign_in(portal, "pem@demo.heard.example")
    login = current_login(portal_session)
    login.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    portal_session.add(login)
    portal_session.commit()
    response = portal.get("/staff/feedback")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/sign-in")


def test_a_disabled_account_is_signed_out(portal, portal_session) -> None:
    sign_in(portal, "board@demo.heard.example")
    user = portal_session.exec(select(User).where(User.email == "board@demo.heard.example")).one()
    user.active = False
    portal_session.add(user)
    portal_session.commit()
    assert portal.get("/staff/feedback").status_code == 303


def test_passwords_are_stored_as_argon2_hashes(portal_session) -> None:
    user = portal_session.exec(select(User).where(User.email == "pem@demo.heard.example")).one()
    assert user.password_hash.startswith("$argon2id$")


def test_production_refuses_a_placeholder_secret() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        PortalSettings(environment="production", secret_key="changeme")
    assert PortalSettings(environment="production", secret_key="a-real-secret-4f9c2e").is_production
