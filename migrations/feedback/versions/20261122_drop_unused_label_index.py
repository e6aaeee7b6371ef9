"""Insight: drop the labels index the equality breakdown no longer reads

The equality breakdown now sums ``equality_count`` (revision 8c4d2e6f1a37) and counts its totals
from the feedback table's own covering index, so ``ix_feedback_label_received_channel_id`` is
read by no query; it cost every insert of a label (64 MB at a million records).

Revision ID: 2b6e9d4c7f15
Revises: 8c4d2e6f1a37
Create Date: 2026-11-22 03:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "2b6e9d4c7f15"
down_revision: str | None = "8c4d2e6f1a37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("feedback_label", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_label_received_channel_id")


def downgrade() -> None:
    with op.batch_alter_table("feedback_label", schema=None) as batch_op:
        batch_op.create_index(
            "ix_feedback_label_received_channel_id",
            ["received_at", "channel", "feedback_id"],
            unique=False,
        )
