"""Signed service tokens (JWT, EdDSA) between Heard's services.

Each service signs with its own private key and knows only the public keys of the callers it
accepts, so no service can mint another's tokens. Several public keys per issuer may be trusted
at once, which lets keys rotate without downtime.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.clock import utcnow
from services.common.roles import TRUST_WIDE, Role

ALGORITHM = "EdDSA"
MAX_LIFETIME = dt.timedelta(minutes=5)
ANONYMOUS = "anonymous"


def service_subject(issuer: str) -> str:
    """The ``sub`` of a service calling as itself, for work no person is doing (a worker)."""
    return f"{issuer}-service"


@dataclass(frozen=True)
class Scope:
    """The ward, directorate and site codes a user may act on."""

    wards: frozenset[str] = frozenset()
    directorates: frozenset[str] = frozenset()
    sites: frozenset[str] = frozenset()

    @classmethod
    def from_claim(cls, claim: dict[str, Any] | None) -> Scope:
        claim = claim or {}
        return cls(
            wards=frozenset(claim.get("wards", ())),
            directorates=frozenset(claim.get("directorates", ())),
            sites=frozenset(claim.get("sites", ())),
        )

    def to_claim(self) -> dict[str, list[str]]:
        return {
            "wards": sorted(self.wards),
            "directorates": sorted(self.directorates),
            "sites": sorted(self.sites),
        }


@dataclass(frozen=True)
class Principal:
    """Who is calling: the acting user (or ``anonymous``) and the service that vouched for them."""

    sub: str
    name: str = ""
    roles: frozenset[str] = frozenset()
    scope: Scope = field(default_factory=Scope)
    issuer: str = ""
    integration: str | None = None  # API-key integrations: the key's id
    channels: frozenset[str] = frozenset()  # API-key integrations: channels it may push

    @property
    def is_anonymous(self) -> bool:
        return self.sub == ANONYMOUS

    def has_any(self, roles: frozenset[Role] | set[Role]) -> bool:
        return bool(self.roles & {r.value for r in roles})

    @property
    def trust_wide(self) -> bool:
        return self.has_any(TRUST_WIDE)


def public_key_pem(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def key_id(public_pem: str) -> str:
    return hashlib.sha256(public_pem.encode()).hexdigest()[:16]


def generate_private_key_pem() -> str:
    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


class TokenIssuer:
    """Mints short-lived tokens as one service, for one audience at a time."""

    def __init__(self, issuer: str, private_pem: str, lifetime: dt.timedelta = MAX_LIFETIME):
        if lifetime > MAX_LIFETIME:
            raise ValueError("service tokens live at most 5 minutes")
        self.issuer = issuer
        self._key = serialization.load_pem_private_key(private_pem.encode(), password=None)
        self._kid = key_id(public_key_pem(private_pem))
        self.lifetime = lifetime

    def mint(self, audience: str, principal: Principal | None = None) -> str:
        principal = principal or Principal(sub=ANONYMOUS, roles=frozenset({Role.public.value}))
        now = utcnow()
        claims = {
            "iss": self.issuer,
            "aud": audience,
            "sub": principal.sub,
            "name": principal.name,
            "roles": sorted(principal.roles),
            "scope": principal.scope.to_claim(),
            "iat": int(now.timestamp()),
            "exp": int((now + self.lifetime).timestamp()),
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM, headers={"kid": self._kid})


class InvalidToken(Exception):
    pass


class TokenVerifier:
    """Checks tokens addressed to one service against the public keys of its trusted callers."""

    def __init__(self, audience: str, trusted: dict[str, list[str]]):
        self.audience = audience
        self._keys: dict[str, list[Any]] = {
            issuer: [serialization.load_pem_public_key(pem.encode()) for pem in pems]
            for issuer, pems in trusted.items()
        }

    @property
    def issuers(self) -> frozenset[str]:
        return frozenset(self._keys)

    def verify(self, token: str) -> Principal:
        try:
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise InvalidToken("the token is malformed") from exc
        issuer = unverified.get("iss")
        keys = self._keys.get(issuer or "")
        if not keys:
            raise InvalidToken("the token's issuer is not trusted")
        claims = None
        for key in keys:
            try:
                claims = jwt.decode(
                    token,
                    key,
                    algorithms=[ALGORITHM],
                    audience=self.audience,
                    issuer=issuer,
                    options={"require": ["exp", "iat", "iss", "aud", "sub", "jti"]},
                )
                break
            except jwt.InvalidSignatureError:
                continue
            except jwt.ExpiredSignatureError as exc:
                raise InvalidToken("the token has expired") from exc
            except jwt.PyJWTError as exc:
                raise InvalidToken(f"the token is invalid: {exc}") from exc
        if claims is None:
            raise InvalidToken("the token's signature does not match a trusted key")
        if claims["exp"] - claims["iat"] > MAX_LIFETIME.total_seconds():
            raise InvalidToken("the token lives longer than 5 minutes")
        return Principal(
            sub=str(claims["sub"]),
            name=str(claims.get("name", "")),
            roles=frozenset(claims.get("roles", ())),
            scope=Scope.from_claim(claims.get("scope")),
            issuer=issuer,
        )
