"""Known names: the staff directory's names and administrators' additions, redacted in comments

``known_name`` keeps each name with where it came from (``staff_directory`` with the portal's
account id, or ``added_by_admin``); ``known_name_list`` holds one row whose version changes
with every change to the list, so each process knows when to compile the list again.

Revision ID: 4a7c2f9e1d63
Revises: dfb6aadb0b0b
Create Date: 2026-12-04 16:00:00.000000
"""

import datetime as dt
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.db

revision: str = "4a7c2f9e1d63"
down_revision: str | None = "dfb6aadb0b0b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "known_name",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("source_ref", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("created_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("updated_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_known_name")),
        sa.UniqueConstraint("source", "source_ref", name=op.f("uq_known_name_source_source_ref")),
    )
    with op.batch_alter_table("known_name", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_known_name_source"), ["source"], unique=False)
    stamp = op.create_table(
        "known_name_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Uuid(), nullable=False),
        sa.Column("changed_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_known_name_list")),
    )
    # Data step: the list's one row, so every process can read its version from the start.
    op.bulk_insert(
        stamp, [{"id": 1, "version": uuid.uuid4(), "changed_at": dt.datetime.now(dt.UTC)}]
    )


def downgrade() -> None:
    op.drop_table("known_name_list")
    with op.batch_alter_table("known_name", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_known_name_source"))
    op.drop_table("known_name")
