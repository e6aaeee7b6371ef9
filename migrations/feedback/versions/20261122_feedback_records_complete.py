"""feedback records complete: answers, respondents, equality monitoring, accessible needs,
eligible counts, redacted text and full-text search

Revision ID: 5b7c1e2d9a40
Revises: 142b98ab1d26
Create Date: 2026-11-22 00:40:00

Full-text search: on PostgreSQL, GIN expression indexes on to_tsvector('english', ...) of the
comment and of its redacted text; on SQLite, an FTS5 table kept in step by triggers.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import services.common.db

revision: str = "5b7c1e2d9a40"
down_revision: str | None = "142b98ab1d26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The common accessible-information needs (Accessible Information Standard categories).
SEEDED_NEEDS = [
    ("contact_by_email", "contact_method", "Contact by email"),
    ("contact_by_text", "contact_method", "Contact by text message"),
    ("contact_by_letter", "contact_method", "Contact by letter"),
    ("contact_via_carer", "contact_method", "Contact through a carer"),
    ("large_print", "information_format", "Large print"),
    ("easy_read", "information_format", "Easy Read"),
    ("braille", "information_format", "Braille"),
    ("audio", "information_format", "Audio"),
    ("bsl_interpreter", "communication_professional", "British Sign Language interpreter"),
    ("deafblind_interpreter", "communication_professional", "Deafblind manual interpreter"),
    ("lipspeaker", "communication_professional", "Lipspeaker"),
    ("spoken_language_interpreter", "communication_professional", "Spoken language interpreter"),
    ("hearing_loop", "communication_support", "Hearing loop"),
    ("longer_appointment", "communication_support", "Longer appointment"),
    ("advocate", "communication_support", "Advocate"),
]

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE feedback_fts USING fts5("
    "feedback_id UNINDEXED, comment, comment_redacted, tokenize='porter unicode61')",
    "CREATE TRIGGER feedback_fts_insert AFTER INSERT ON feedback BEGIN "
    "INSERT INTO feedback_fts (feedback_id, comment, comment_redacted) "
    "VALUES (new.id, new.comment, new.comment_redacted); END",
    "CREATE TRIGGER feedback_fts_delete AFTER DELETE ON feedback BEGIN "
    "DELETE FROM feedback_fts WHERE feedback_id = old.id; END",
    "CREATE TRIGGER feedback_fts_update AFTER UPDATE OF comment, comment_redacted ON feedback "
    "BEGIN DELETE FROM feedback_fts WHERE feedback_id = old.id; "
    "INSERT INTO feedback_fts (feedback_id, comment, comment_redacted) "
    "VALUES (new.id, new.comment, new.comment_redacted); END",
    "INSERT INTO feedback_fts (feedback_id, comment, comment_redacted) "
    "SELECT id, comment, comment_redacted FROM feedback",
]
POSTGRES_FTS = [
    "CREATE INDEX ix_feedback_comment_fts ON feedback "
    "USING gin (to_tsvector('english'::regconfig, coalesce(comment, '')))",
    "CREATE INDEX ix_feedback_comment_redacted_fts ON feedback "
    "USING gin (to_tsvector('english'::regconfig, coalesce(comment_redacted, '')))",
]


def _redact_existing_comments() -> None:
    from services.feedback_api.analysis import redact

    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, comment FROM feedback WHERE comment IS NOT NULL")
    ).all()
    for row_id, comment in rows:
        connection.execute(
            sa.text("UPDATE feedback SET comment_redacted = :redacted WHERE id = :id"),
            {"redacted": redact(comment).text, "id": row_id},
        )


def upgrade() -> None:
    accessible_need = op.create_table(
        "accessible_need",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("snomed_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_accessible_need")),
    )
    op.bulk_insert(
        accessible_need,
        [
            {"code": code, "category": category, "label": label, "active": True}
            for code, category, label in SEEDED_NEEDS
        ],
    )
    op.create_table(
        "equality_monitoring",
        sa.Column("feedback_id", sa.Uuid(), nullable=False),
        sa.Column("ethnicity_2021", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column("ethnic_category", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("age_band", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
        sa.Column("sex", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
        sa.Column("gender_identity", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
        sa.Column("sexual_orientation", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
        sa.Column("disability", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("religion", sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback.id"],
            name=op.f("fk_equality_monitoring_feedback_id_feedback"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("feedback_id", name=op.f("pk_equality_monitoring")),
    )
    with op.batch_alter_table("equality_monitoring", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_equality_monitoring_ethnic_category"), ["ethnic_category"], unique=False
        )
    op.create_table(
        "feedback_accessible_need",
        sa.Column("feedback_id", sa.Uuid(), nullable=False),
        sa.Column("need_code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback.id"],
            name=op.f("fk_feedback_accessible_need_feedback_id_feedback"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["need_code"],
            ["accessible_need.code"],
            name=op.f("fk_feedback_accessible_need_need_code_accessible_need"),
        ),
        sa.PrimaryKeyConstraint(
            "feedback_id", "need_code", name=op.f("pk_feedback_accessible_need")
        ),
    )
    op.create_table(
        "feedback_answer",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("feedback_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("question_text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("answer_text", sa.Text(), nullable=True),
        sa.Column("answer_text_redacted", sa.Text(), nullable=True),
        sa.Column("answer_value", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback.id"],
            name=op.f("fk_feedback_answer_feedback_id_feedback"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_answer")),
    )
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feedback_answer_feedback_id"), ["feedback_id"], unique=False
        )
    op.create_table(
        "respondent_contact",
        sa.Column("feedback_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("postcode", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("preferred_method", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("consent_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["feedback.id"],
            name=op.f("fk_respondent_contact_feedback_id_feedback"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("feedback_id", name=op.f("pk_respondent_contact")),
    )
    op.create_table(
        "ward_eligible_count",
        sa.Column("ward_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("eligible", sa.Integer(), nullable=False),
        sa.Column("updated_at", services.common.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["ward_code"], ["ward.code"], name=op.f("fk_ward_eligible_count_ward_code_ward")
        ),
        sa.PrimaryKeyConstraint("ward_code", "month", name=op.f("pk_ward_eligible_count")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("comment_redacted", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("fft_setting", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True)
        )
        batch_op.add_column(
            sa.Column("respondent_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True)
        )
        batch_op.add_column(
            sa.Column("contactable", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_index(
            batch_op.f("ix_feedback_respondent_type"), ["respondent_type"], unique=False
        )
    op.execute(
        "UPDATE feedback SET fft_setting = "
        "(SELECT ward.fft_setting FROM ward WHERE ward.code = feedback.ward_code) "
        "WHERE ward_code IS NOT NULL"
    )
    _redact_existing_comments()
    statements = SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else POSTGRES_FTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("feedback_fts_insert", "feedback_fts_delete", "feedback_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS feedback_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_feedback_comment_fts")
        op.execute("DROP INDEX IF EXISTS ix_feedback_comment_redacted_fts")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_respondent_type"))
        batch_op.drop_column("contactable")
        batch_op.drop_column("respondent_type")
        batch_op.drop_column("fft_setting")
        batch_op.drop_column("comment_redacted")
    op.drop_table("ward_eligible_count")
    op.drop_table("respondent_contact")
    with op.batch_alter_table("feedback_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_answer_feedback_id"))
    op.drop_table("feedback_answer")
    op.drop_table("feedback_accessible_need")
    with op.batch_alter_table("equality_monitoring", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_equality_monitoring_ethnic_category"))
    op.drop_table("equality_monitoring")
    op.drop_table("accessible_need")
