"""The theme framework as versioned data: seeded with NHS v7, extended by a trust without code."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from services.common.clock import Clock
from services.common.problems import Conflict, Unprocessable, field_error
from services.feedback_api.analysis import load_framework
from services.feedback_api.labels.models import FrameworkVersion, Theme

DEFAULT_NUMBER = 7
DEFAULT_NAME = "v7"
SEEDED_BY = "heard:framework-v7"


def seed_default(session: Session) -> bool:
    """Store the shipped v7 framework if no framework exists yet; True when it was added.

    Idempotent: the migration calls the same data step, and set-up may call it again."""
    if session.exec(select(FrameworkVersion.id).limit(1)).first() is not None:
        return False
    version = FrameworkVersion(
        number=DEFAULT_NUMBER,
        name=DEFAULT_NAME,
        note="NHS Patient Experience Qualitative Data Categorisation framework, version 7",
        created_by=SEEDED_BY,
    )
    session.add(version)
    session.flush()
    for position, theme in enumerate(load_framework()):
        session.add(
            Theme(
                framework_version_id=version.id,
                position=position,
                category=theme.category,
                name=theme.name,
                description=theme.description,
            )
        )
    session.flush()
    return True


def current(session: Session) -> FrameworkVersion:
    version = session.exec(
        select(FrameworkVersion).order_by(FrameworkVersion.number.desc()).limit(1)
    ).first()
    if version is None:
        seed_default(session)
        return current(session)
    return version


def themes(session: Session, version: FrameworkVersion) -> list[Theme]:
    return list(
        session.exec(
            select(Theme).where(Theme.framework_version_id == version.id).order_by(Theme.position)
        )
    )


def versions(session: Session) -> list[FrameworkVersion]:
    return list(session.exec(select(FrameworkVersion).order_by(FrameworkVersion.number)))


def add_theme(
    session: Session,
    *,
    category: str,
    name: str,
    description: str,
    created_by: str,
    created_by_name: str = "",
    clock: Clock,
) -> FrameworkVersion:
    """A new framework version: the current themes plus one more (versions are never edited,
    so every stored label can say which framework it was made under)."""
    category, name, description = category.strip(), name.strip(), description.strip()
    errors = []
    if not category:
        errors.append(field_error("category", "Enter the category the theme belongs to."))
    if not name:
        errors.append(field_error("name", "Enter the theme's name."))
    if errors:
        raise Unprocessable(errors=errors)
    base = current(session)
    existing = themes(session, base)
    if any(t.name.casefold() == name.casefold() for t in existing):
        raise Conflict(f"The framework {base.name} already has a theme called {name!r}.")
    number = base.number + 1
    local_count = session.exec(
        select(func.count()).select_from(FrameworkVersion).where(FrameworkVersion.number > 7)
    ).one()
    version = FrameworkVersion(
        number=number,
        name=f"{DEFAULT_NAME}.{local_count + 1}",
        note=f"{base.name} plus the theme {name!r}",
        created_at=clock.now(),
        created_by=created_by,
        created_by_name=created_by_name[:200],
    )
    session.add(version)
    session.flush()
    for theme in existing:
        session.add(
            Theme(
                framework_version_id=version.id,
                position=theme.position,
                category=theme.category,
                name=theme.name,
                description=theme.description,
            )
        )
    session.add(
        Theme(
            framework_version_id=version.id,
            position=len(existing),
            category=category,
            name=name,
            description=description,
        )
    )
    session.flush()
    return version
