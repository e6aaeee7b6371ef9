import datetime as dt

import jwt
import pytest

from services.common.roles import Role
from services.common.tokens import (
    InvalidToken,
    Principal,
    Scope,
    TokenIssuer,
    TokenVerifier,
    generate_private_key_pem,
    public_key_pem,
)


@pytest.fixture(scope="module")
def portal_key() -> str:
    return generate_private_key_pem()


def test_a_token_carries_the_user_roles_and_scope_to_the_api(portal_key: str) -> None:
    issuer = TokenIssuer("portal", portal_key)
    verifier = TokenVerifier("feedback", {"portal": [public_key_pem(portal_key)]})
    user = Principal(
        sub="42",
        name="Helen Price",
        roles=frozenset({Role.matron.value}),
        scope=Scope(directorates=frozenset({"HAEM"})),
    )

    principal = verifier.verify(issuer.mint("feedback", user))

    assert principal.sub == "42"
    assert principal.name == "Helen Price"
    assert principal.roles == {"matron"}
    assert principal.scope.directorates == {"HAEM"}
    assert principal.issuer == "portal"


def test_a_patient_on_the_portal_is_anonymous(portal_key: str) -> None:
    token = TokenIssuer("portal", portal_key).mint("feedback")
    principal = TokenVerifier("feedback", {"portal": [public_key_pem(portal_key)]}).verify(token)
    assert principal.is_anonymous
    assert principal.roles == {"public"}


def test_a_token_for_another_service_is_refused(portal_key: str) -> None:
    token = TokenIssuer("portal", portal_key).mint("actions")
    with pytest.raises(InvalidToken):
        TokenVerifier("feedback", {"portal": [public_key_pem(portal_key)]}).verify(token)


def test_a_token_signed_by_a_key_the_api_does_not_trust_is_refused(portal_key: str) -> None:
    impostor = TokenIssuer("portal", generate_private_key_pem()).mint("feedback")
    with pytest.raises(InvalidToken, match="signature"):
        TokenVerifier("feedback", {"portal": [public_key_pem(portal_key)]}).verify(impostor)


def test_a_service_cannot_vouch_for_a_caller_it_is_not_trusted_for(portal_key: str) -> None:
    token = TokenIssuer("actions", portal_key).mint("feedback")
    with pytest.raises(InvalidToken, match="issuer"):
        TokenVerifier("feedback", {"portal": [public_key_pem(portal_key)]}).verify(token)


def test_an_expired_token_is_refused(portal_key: str) -> None:
    now = dt.datetime.now(dt.UTC)
    token = jwt.encode(
        {
            "iss": "portal",
            "aud": "feedback",
            "sub": "anonymous",
            "iat": int((now - dt.timedelta(minutes=10)).timestamp()),
            "exp": int((now - dt.timedelta(minutes=6)).timestamp()),
            "jti": "x",
        },
        TokenIssuer("portal", portal_key)._key,
        algorithm="EdDSA",
    )
    with pytest.raises(InvalidToken, match="expired"):
        TokenVerifier("feedback", {"portal": [public_key_pem(portal_key)]}).verify(token)


def test_keys_rotate_because_several_keys_per_caller_are_trusted(portal_key: str) -> None:
    new_key = generate_private_key_pem()
    verifier = TokenVerifier(
        "feedback", {"portal": [public_key_pem(portal_key), public_key_pem(new_key)]}
    )
    assert verifier.verify(TokenIssuer("portal", portal_key).mint("feedback")).is_anonymous
    assert verifier.verify(TokenIssuer("portal", new_key).mint("feedback")).is_anonymous


def test_tokens_may_not_live_longer_than_five_minutes(portal_key: str) -> None:
    with pytest.raises(ValueError, match="5 minutes"):
        TokenIssuer("portal", portal_key, lifetime=dt.timedelta(minutes=6))
