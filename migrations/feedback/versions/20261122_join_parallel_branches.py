"""join the records, cases, integrations and labels migrations

Revision ID: facb1cef4d12
Revises: 7f3a9c2e5b18, 3ccddbb1713a, 634567fee145, 7d2e4f1a8c93
Create Date: 2026-11-22 01:15:54.693743
"""

from collections.abc import Sequence

revision: str = "facb1cef4d12"
down_revision: str | None = ("7f3a9c2e5b18", "3ccddbb1713a", "634567fee145", "7d2e4f1a8c93")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
