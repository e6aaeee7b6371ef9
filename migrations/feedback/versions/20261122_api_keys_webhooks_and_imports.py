"""API keys, webhook subscriptions, and imports with their row keys

Revision ID: 7f3a9c2e5b18
Revises: 142b98ab1d26
Create Date: 2026-11-22 00:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.db

revision: str = "7f3a9c2e5b18"
down_revision: str | None = "142b98ab1d26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_key",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("secret_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("channels", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", services.common.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", services.common.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
    )
    op.create_table(
        "import_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("file_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("file_bytes", sa.Integer(), nullable=False),
        sa.Column("mapping", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("rejections", sa.JSON(none_as_null=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_record")),
    )
    with op.batch_alter_table("import_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_record_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_import_record_file_hash"), ["file_hash"], unique=False)

    op.create_table(
        "webhook_subscription",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("url", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("events", sa.JSON(none_as_null=True), nullable=False),
        sa.Column("secret", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "last_delivered_at", services.common.db.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("last_failed_at", services.common.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_subscription")),
    )
    op.create_table(
        "import_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dedupe_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"], ["import_record.id"], name=op.f("fk_import_row_import_id_import_record")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_row")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_import_row_dedupe_key")),
    )
    with op.batch_alter_table("import_row", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_row_import_id"), ["import_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_row_import_id"))

    op.drop_table("import_row")
    op.drop_table("webhook_subscription")
    with op.batch_alter_table("import_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_record_file_hash"))
        batch_op.drop_index(batch_op.f("ix_import_record_created_at"))

    op.drop_table("import_record")
    op.drop_table("api_key")
