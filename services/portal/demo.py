"""Demo accounts, one per role, all with the printed demo password (never for production)."""

from __future__ import annotations

from sqlmodel import Session, select

from services.common.roles import Role
from services.portal.accounts.models import User
from services.portal.accounts.service import create_user

DEMO_PASSWORD = "heard-demo-password"
DEMO_DOMAIN = "demo.heard.example"

# email local part, name, roles, wards, directorates
DEMO_USERS = [
    ("pem", "Priya Shah", [Role.patient_experience_manager], [], []),
    ("pals", "Tom Okafor", [Role.pals_officer], [], []),
    ("matron", "Helen Price", [Role.matron], [], ["HAEM"]),
    ("staff", "Sam Lee", [Role.staff], ["RT-L"], []),
    ("board", "Margaret Hughes", [Role.board_reader], [], []),
    ("admin", "Alex Morgan", [Role.administrator], [], []),
    ("rep", "Joan Davies", [Role.patient_representative], [], []),
]


def load_users(session: Session) -> list[tuple[str, str]]:
    """Create the demo accounts that do not exist yet; returns (email, role label) of all."""
    accounts = []
    for local, name, roles, wards, directorates in DEMO_USERS:
        email = f"{local}@{DEMO_DOMAIN}"
        if session.exec(select(User).where(User.email == email)).first() is None:
            create_user(
                session,
                email=email,
                name=name,
                password=DEMO_PASSWORD,
                roles=roles,
                wards=wards,
                directorates=directorates,
            )
        accounts.append((email, ", ".join(r.value for r in roles)))
    return accounts
