"""search free-text answers as well as comments

Revision ID: 7d2e4f1a8c93
Revises: 5b7c1e2d9a40
Create Date: 2026-11-22 00:45:00

"What was good" and "what could be better" are answers, not comments; the inbox's text search
finds words in them too. PostgreSQL: GIN expression indexes on feedback_answer; SQLite: an FTS5
table for answers kept in step by triggers.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "7d2e4f1a8c93"
down_revision: str | None = "5b7c1e2d9a40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE = [
    "CREATE VIRTUAL TABLE feedback_answer_fts USING fts5("
    "feedback_id UNINDEXED, answer_id UNINDEXED, answer_text, answer_text_redacted, "
    "tokenize='porter unicode61')",
    "CREATE TRIGGER feedback_answer_fts_insert AFTER INSERT ON feedback_answer "
    "WHEN new.answer_text IS NOT NULL BEGIN "
    "INSERT INTO feedback_answer_fts (feedback_id, answer_id, answer_text, answer_text_redacted) "
    "VALUES (new.feedback_id, new.id, new.answer_text, new.answer_text_redacted); END",
    "CREATE TRIGGER feedback_answer_fts_delete AFTER DELETE ON feedback_answer BEGIN "
    "DELETE FROM feedback_answer_fts WHERE answer_id = old.id; END",
    "CREATE TRIGGER feedback_answer_fts_update AFTER UPDATE OF answer_text, answer_text_redacted "
    "ON feedback_answer BEGIN DELETE FROM feedback_answer_fts WHERE answer_id = old.id; "
    "INSERT INTO feedback_answer_fts (feedback_id, answer_id, answer_text, answer_text_redacted) "
    "SELECT new.feedback_id, new.id, new.answer_text, new.answer_text_redacted "
    "WHERE new.answer_text IS NOT NULL; END",
    "INSERT INTO feedback_answer_fts (feedback_id, answer_id, answer_text, answer_text_redacted) "
    "SELECT feedback_id, id, answer_text, answer_text_redacted FROM feedback_answer "
    "WHERE answer_text IS NOT NULL",
]
POSTGRES = [
    "CREATE INDEX ix_feedback_answer_text_fts ON feedback_answer "
    "USING gin (to_tsvector('english'::regconfig, coalesce(answer_text, '')))",
    "CREATE INDEX ix_feedback_answer_text_redacted_fts ON feedback_answer "
    "USING gin (to_tsvector('english'::regconfig, coalesce(answer_text_redacted, '')))",
]


def upgrade() -> None:
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRES:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS feedback_answer_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS feedback_answer_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_feedback_answer_text_fts")
        op.execute("DROP INDEX IF EXISTS ix_feedback_answer_text_redacted_fts")
