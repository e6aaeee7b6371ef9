"""Which wards a caller's figures may cover: all for trust-wide roles, else their own."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from services.common.tokens import Principal
from services.feedback_api.organisation.models import Ward


def visible_wards(session: Session, principal: Principal) -> frozenset[str] | None:
    """None means the whole trust."""
    if principal.trust_wide:
        return None
    scope = principal.scope
    rows = session.execute(
        select(Ward.code).where(
            or_(
                Ward.code.in_(sorted(scope.wards)),
                Ward.directorate_code.in_(sorted(scope.directorates)),
                Ward.site_code.in_(sorted(scope.sites)),
            )
        )
    ).scalars()
    return frozenset(rows)
