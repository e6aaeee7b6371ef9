"""Theme framework: a version keeps the name of the person who added its theme

The versions list named who added a theme by account id only; like a label correction, a version
now keeps the person's name as it was when they added it. Versions made before keep an empty
name.

Revision ID: dfb6aadb0b0b
Revises: 2b6e9d4c7f15
Create Date: 2026-12-04 15:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "dfb6aadb0b0b"
down_revision: str | None = "2b6e9d4c7f15"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("theme_framework_version", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "created_by_name",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("theme_framework_version", schema=None) as batch_op:
        batch_op.drop_column("created_by_name")
