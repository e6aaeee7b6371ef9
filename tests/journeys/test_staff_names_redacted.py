"""Staff names across real processes: the portal's worker sends the staff directory to
feedback_api as it starts and each new or renamed account afterwards, and a patient's comment
naming a member of staff reaches ward staff with the name taken out."""

from __future__ import annotations

import uuid

import httpx
from sqlmodel import Session

from services.common.db import make_engine
from services.common.roles import Role
from services.common.tokens import Principal, Scope, TokenIssuer
from services.portal.accounts.models import User
from services.portal.accounts.service import create_user, rename_user
from tests.support.names import made_up_surname
from tests.support.stack import Stack, wait_for


class Feedback:
    """feedback_api over HTTP, with tokens signed as the portal signs them."""

    def __init__(self, stack: Stack) -> None:
        self.url = stack.url("feedback")
        self.issuer = TokenIssuer("portal", (stack.keys_dir / "portal.pem").read_text())

    def headers(self, *roles: Role, wards: tuple[str, ...] = ()) -> dict[str, str]:
        principal = None
        if roles:
            principal = Principal(
                sub=f"user-{uuid.uuid4()}",
                name="Test User",
                roles=frozenset(r.value for r in roles),
                scope=Scope(wards=frozenset(wards)),
            )
        return {"Authorization": f"Bearer {self.issuer.mint('feedback', principal)}"}

    def staff_names(self) -> list[str]:
        response = httpx.get(
            f"{self.url}/v1/known-names",
            params={"source": "staff_directory"},
            headers=self.headers(Role.administrator),
        )
        response.raise_for_status()
        return [n["name"] for n in response.json()["data"]]

    def submit(self, comment: str) -> str:
        response = httpx.post(
            f"{self.url}/v1/feedback",
            json={"channel": "fft", "fft_answer": 1, "ward_code": "L4", "comment": comment},
            headers=self.headers(),
        )
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def as_ward_staff(self, feedback_id: str) -> str:
        response = httpx.get(
            f"{self.url}/v1/feedback/{feedback_id}",
            headers=self.headers(Role.staff, wards=("L4",)),
        )
        response.raise_for_status()
        return response.json()["comment"]


def test_the_staff_directory_reaches_feedback_api_and_names_are_redacted(stack: Stack) -> None:
    feedback = Feedback(stack)
    # As it started, the portal's worker sent the demo staff accounts (not the patient rep).
    assert wait_for(lambda: "Tom Okafor" in feedback.staff_names(), timeout=30)
    assert "Joan Davies" not in feedback.staff_names()
    first = feedback.submit("Tom Okafor from PALS rang me back; Okafor was very helpful.")
    assert (
        feedback.as_ward_staff(first) == "[NAME] from PALS rang me back; [NAME] was very helpful."
    )

    # A new account made in the portal is sent by its worker through the outbox.
    family, married = made_up_surname(), made_up_surname()
    engine = make_engine(stack.databases["portal"], "portal")
    try:
        with Session(engine) as session:
            user = create_user(
                session,
                email=f"{family.lower()}@trust.example",
                name=f"Blessing {family}",
                password="a-long-enough-password",
                roles=[Role.staff],
            )
            user_id = user.id
        assert wait_for(lambda: f"Blessing {family}" in feedback.staff_names(), timeout=30)
        comment = feedback.submit(f"{family} on the night shift was wonderful.")
        assert feedback.as_ward_staff(comment) == "[NAME] on the night shift was wonderful."

        with Session(engine) as session:
            rename_user(session, session.get(User, user_id), f"Blessing {married}")
        assert wait_for(lambda: f"Blessing {married}" in feedback.staff_names(), timeout=30)
        assert f"Blessing {family}" not in feedback.staff_names()
    finally:
        engine.dispose()
