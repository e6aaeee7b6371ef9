"""Accounts: passwords (argon2), sign-in with throttling, sessions with absolute and idle expiry."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func
from sqlmodel import Session, select

from services.common.clock import utcnow
from services.common.db import begin_write
from services.common.roles import Role
from services.common.tokens import Principal, Scope
from services.portal.accounts import directory
from services.portal.accounts.models import LoginSession, SignInAttempt, User

hasher = PasswordHasher()
# Verified against when the email is unknown, so timing does not reveal which emails exist.
_DUMMY_HASH = hasher.hash(secrets.token_urlsafe(16))
MIN_PASSWORD_LENGTH = 12


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    roles: list[Role],
    wards: list[str] = (),  # type: ignore[assignment]
    directorates: list[str] = (),  # type: ignore[assignment]
    sites: list[str] = (),  # type: ignore[assignment]
) -> User:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"passwords have at least {MIN_PASSWORD_LENGTH} characters")
    user = User(
        email=normalise_email(email),
        name=name,
        password_hash=hasher.hash(password),
        roles=[Role(r).value for r in roles],
        scope_wards=list(wards),
        scope_directorates=list(directorates),
        scope_sites=list(sites),
    )
    session.add(user)
    session.flush()
    directory.queue_account(session, user.id)
    session.commit()
    return user


def rename_user(session: Session, user: User, name: str) -> User:
    """Change the name an account shows (and that feedback_api redacts in comments)."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("an account needs a name")
    begin_write(session)
    user.name = name
    session.add(user)
    directory.queue_account(session, user.id)
    session.commit()
    return user


def deactivate_user(session: Session, user: User) -> User:
    """Remove an account: it can no longer sign in, its sessions end, and its name leaves the
    staff directory (comments already redacted stay redacted)."""
    begin_write(session)
    user.active = False
    session.add(user)
    now = utcnow()
    for login in session.exec(
        select(LoginSession).where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
    ):
        login.ended_at = now
        session.add(login)
    directory.queue_account(session, user.id)
    session.commit()
    return user


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalise_email(email))).first()


class TooManyAttempts(Exception):
    pass


def _recent_failures(session: Session, email: str, address: str | None, since: dt.datetime) -> int:
    by_email = session.exec(
        select(func.count())
        .select_from(SignInAttempt)
        .where(SignInAttempt.email == email, SignInAttempt.attempted_at >= since)
    ).one()
    by_address = 0
    if address:
        by_address = session.exec(
            select(func.count())
            .select_from(SignInAttempt)
            .where(SignInAttempt.client_address == address, SignInAttempt.attempted_at >= since)
        ).one()
    return max(by_email, by_address)


def authenticate(
    session: Session,
    email: str,
    password: str,
    *,
    client_address: str | None,
    max_attempts: int,
    window: dt.timedelta,
) -> User | None:
    """The user if the password is right; None if not. Raises TooManyAttempts when throttled."""
    email = normalise_email(email)
    # Checked and recorded in one transaction that holds the write lock from its start: on
    # SQLite a read-then-write transaction would fail outright if the worker wrote meanwhile.
    begin_write(session)
    now = utcnow()
    if _recent_failures(session, email, client_address, now - window) >= max_attempts:
        raise TooManyAttempts
    user = get_user_by_email(session, email)
    try:
        hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None and user.active
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None:
        session.add(SignInAttempt(email=email, client_address=client_address, attempted_at=now))
        session.commit()
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_sign_in_at = now
    session.execute(delete(SignInAttempt).where(SignInAttempt.email == email))
    session.add(user)
    session.commit()
    return user


def start_session(session: Session, user: User, *, lifetime: dt.timedelta) -> str:
    """A new session; returns the cookie's token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        LoginSession(
            token_hash=hash_token(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
        )
    )
    session.commit()
    return token


@dataclass(frozen=True)
class SignedIn:
    user: User
    login: LoginSession

    @property
    def principal(self) -> Principal:
        return principal_for(self.user)


def principal_for(user: User) -> Principal:
    return Principal(
        sub=str(user.id),
        name=user.name,
        roles=frozenset(user.roles),
        scope=Scope(
            wards=frozenset(user.scope_wards),
            directorates=frozenset(user.scope_directorates),
            sites=frozenset(user.scope_sites),
        ),
        issuer="portal",
    )


def resume_session(session: Session, token: str, *, idle: dt.timedelta) -> SignedIn | None:
    """The signed-in user for a cookie token, if the session is still alive."""
    login = session.exec(
        select(LoginSession).where(LoginSession.token_hash == hash_token(token))
    ).first()
    now = utcnow()
    if login is None or login.ended_at is not None or login.expires_at <= now:
        return None
    if login.last_seen_at + idle <= now:
        begin_write(session)
        login.ended_at = now
        session.add(login)
        session.commit()
        return None
    user = session.get(User, login.user_id)
    if user is None or not user.active:
        return None
    # Only write when it matters, so every page view is not a database write.
    if now - login.last_seen_at > dt.timedelta(minutes=1):
        begin_write(session)
        login.last_seen_at = now
        session.add(login)
        session.commit()
    return SignedIn(user=user, login=login)


def end_session(session: Session, token: str) -> None:
    begin_write(session)
    login = session.exec(
        select(LoginSession).where(LoginSession.token_hash == hash_token(token))
    ).first()
    if login is not None and login.ended_at is None:
        login.ended_at = utcnow()
        session.add(login)
        session.commit()


def purge_sessions(session: Session, *, older_than: dt.timedelta) -> int:
    cutoff = utcnow() - older_than
    result = session.execute(delete(LoginSession).where(LoginSession.expires_at < cutoff))
    session.execute(delete(SignInAttempt).where(SignInAttempt.attempted_at < cutoff))
    session.commit()
    return result.rowcount or 0
