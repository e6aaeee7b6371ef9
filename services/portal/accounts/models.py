"""Staff and patient-representative accounts, their sessions and sign-in attempts.

The portal alone holds people's accounts and email addresses; the APIs know a user only by the
id, name, roles and scope carried in a service token.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Index
from sqlmodel import Field

from services.common.clock import utcnow
from services.common.db import JSONType, UTCDateTime, new_id
from services.portal.base import PortalTable


class User(PortalTable, table=True):
    __tablename__ = "user_account"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    email: str = Field(max_length=254, sa_column_kwargs={"unique": True})
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=200)
    roles: list[str] = Field(default_factory=list, sa_type=JSONType)
    # Ward, directorate and site codes this person may act on (matrons, ward staff).
    scope_wards: list[str] = Field(default_factory=list, sa_type=JSONType)
    scope_directorates: list[str] = Field(default_factory=list, sa_type=JSONType)
    scope_sites: list[str] = Field(default_factory=list, sa_type=JSONType)
    active: bool = True
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_sign_in_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginSession(PortalTable, table=True):
    """A signed-in browser. Only a hash of the cookie's token is stored."""

    __tablename__ = "login_session"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    user_id: uuid.UUID = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    ended_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class SignInAttempt(PortalTable, table=True):
    """Failed sign-ins, counted per account and per address to slow password guessing."""

    __tablename__ = "sign_in_attempt"
    __table_args__ = (Index("ix_sign_in_attempt_email_at", "email", "attempted_at"),)

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254)
    client_address: str | None = Field(default=None, max_length=64, index=True)
    attempted_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
