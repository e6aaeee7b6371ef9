"""Equality breakdown: counts of the equality answers per day and month, kept by triggers

The equality breakdown added up a year of answers joined to their records on every request
(bench/insight.py, a year of a million records: median about 320 ms, 95th percentile over
500 ms; with these counts about 55 ms and 100 ms). ``equality_count`` holds, per day and per month, ward (and ``*`` for every ward),
complaint or not, characteristic and answer, how many people gave that answer; the breakdown
sums whole months and the days at either end of its period.

The counts are kept by database triggers, in the same transaction as the change: on insert,
update and delete of an equality answer, on a change of a record's received time, ward or
channel, and on deletion of a record (its answers are deleted first, so their counts go with
them). Every way of writing, the API, a bulk COPY, an administrator's SQL, is counted alike,
so the summary cannot drift from the answers. Existing answers are counted here.

The complaint channels (complaint, concern, PALS) and the characteristics are written out
below as they stand in services/feedback_api/insight/equality.py; a change there needs a
migration that redefines the triggers and recounts.

Revision ID: 8c4d2e6f1a37
Revises: 5e1b7c9d2a40
Create Date: 2026-11-22 02:30:00.000000
"""

# ruff: noqa: S608  (the SQL below is put together from fixed names only)

from collections.abc import Callable, Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "8c4d2e6f1a37"
down_revision: str | None = "5e1b7c9d2a40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = "grain, ward_code, period, complained, characteristic, code"
COMPLAINTS = "('complaint', 'concern', 'pals')"
SINGLE = ("ethnicity_2021", "age_band", "sex", "gender_identity", "sexual_orientation", "religion")
ANSWERED = "*answered*"  # disability: the people who answered the question at all

# PostgreSQL ----------------------------------------------------------------------------------

# The rows one record's answers add to (or take from) the counts: each answer, for its day and
# its month, for its ward and for every ward.
PG_ROWS = f"""
CREATE FUNCTION equality_count_rows(
    timestamptz, text, text, text, text, text, text, text, text, json
) RETURNS TABLE (
    grain text, ward_code text, period date, complained boolean, characteristic text, code text
) LANGUAGE sql STABLE AS $$
SELECT gr.v, wd.v,
       CASE gr.v WHEN 'day' THEN d.v ELSE date_trunc('month', d.v)::date END,
       coalesce($3 IN {COMPLAINTS}, false), an.k, an.c
FROM (SELECT ($1 AT TIME ZONE 'UTC')::date) AS d(v)
CROSS JOIN (VALUES ('day'), ('month')) AS gr(v)
CROSS JOIN (VALUES (coalesce($2, '')), ('*')) AS wd(v)
CROSS JOIN (
    VALUES ('ethnicity_2021', $4), ('age_band', $5), ('sex', $6), ('gender_identity', $7),
           ('sexual_orientation', $8), ('religion', $9)
    UNION ALL
    SELECT 'disability', '{ANSWERED}'
    WHERE CASE WHEN json_typeof($10) = 'array' THEN json_array_length($10) ELSE 0 END > 0
    UNION ALL
    SELECT DISTINCT 'disability', json_array_elements_text(
        CASE WHEN json_typeof($10) = 'array' THEN $10 END)
) AS an(k, c)
WHERE an.c IS NOT NULL
$$
"""

PG_ANSWERS = (
    "e.ethnicity_2021, e.age_band, e.sex, e.gender_identity, e.sexual_orientation, e.religion, "
    "e.disability"
)


def pg_apply(changes: str) -> str:
    """Add each change's rows, times its sign (1 or -1), to the counts, in key order so that
    concurrent transactions lock the rows they share in the same order."""
    return f"""
    INSERT INTO equality_count AS t ({KEY}, n)
    SELECT c.grain, c.ward_code, c.period, c.complained, c.characteristic, c.code, sum(x.sign)
    FROM ({changes}) AS x
    CROSS JOIN LATERAL equality_count_rows(
        x.received_at, x.ward_code, x.channel, x.ethnicity_2021, x.age_band, x.sex,
        x.gender_identity, x.sexual_orientation, x.religion, x.disability) AS c
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(x.sign) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ({KEY}) DO UPDATE SET n = t.n + excluded.n;
    """


def pg_answers(sign: int, table: str) -> str:
    return (
        f"SELECT {sign} AS sign, f.received_at, f.ward_code, f.channel, {PG_ANSWERS} "
        f"FROM {table} AS e JOIN feedback AS f ON f.id = e.feedback_id"
    )


def pg_function(name: str, body: str) -> str:
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
{body}
RETURN NULL;
END
$$
"""


PG_MOVED = (
    "SELECT x.sign, x.received_at, x.ward_code, x.channel, "
    f"{PG_ANSWERS} FROM (VALUES (-1, OLD.received_at, OLD.ward_code, OLD.channel), "
    "(1, NEW.received_at, NEW.ward_code, NEW.channel)) AS x(sign, received_at, ward_code, channel) "
    "JOIN equality_monitoring AS e ON e.feedback_id = NEW.id"
)

POSTGRES = [
    PG_ROWS,
    pg_function("equality_count_inserted", pg_apply(pg_answers(1, "new_answers"))),
    pg_function("equality_count_deleted", pg_apply(pg_answers(-1, "old_answers"))),
    pg_function(
        "equality_count_updated",
        pg_apply(f"{pg_answers(-1, 'old_answers')} UNION ALL {pg_answers(1, 'new_answers')}"),
    ),
    pg_function("equality_count_truncated", "DELETE FROM equality_count;"),
    pg_function("equality_count_feedback_moved", pg_apply(PG_MOVED)),
    # A record's answers are deleted before the record, while its ward and time can be read.
    """
CREATE FUNCTION equality_count_feedback_deleted() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
IF EXISTS (SELECT 1 FROM equality_monitoring WHERE feedback_id = OLD.id) THEN
    DELETE FROM equality_monitoring WHERE feedback_id = OLD.id;
END IF;
RETURN OLD;
END
$$
""",
    "CREATE TRIGGER equality_count_inserted AFTER INSERT ON equality_monitoring "
    "REFERENCING NEW TABLE AS new_answers FOR EACH STATEMENT "
    "EXECUTE FUNCTION equality_count_inserted()",
    "CREATE TRIGGER equality_count_deleted AFTER DELETE ON equality_monitoring "
    "REFERENCING OLD TABLE AS old_answers FOR EACH STATEMENT "
    "EXECUTE FUNCTION equality_count_deleted()",
    "CREATE TRIGGER equality_count_updated AFTER UPDATE ON equality_monitoring "
    "REFERENCING OLD TABLE AS old_answers NEW TABLE AS new_answers FOR EACH STATEMENT "
    "EXECUTE FUNCTION equality_count_updated()",
    "CREATE TRIGGER equality_count_truncated AFTER TRUNCATE ON equality_monitoring "
    "FOR EACH STATEMENT EXECUTE FUNCTION equality_count_truncated()",
    "CREATE TRIGGER equality_count_feedback_moved "
    "AFTER UPDATE OF received_at, ward_code, channel ON feedback FOR EACH ROW "
    "WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at "
    "OR OLD.ward_code IS DISTINCT FROM NEW.ward_code OR OLD.channel IS DISTINCT FROM NEW.channel) "
    "EXECUTE FUNCTION equality_count_feedback_moved()",
    "CREATE TRIGGER equality_count_feedback_deleted BEFORE DELETE ON feedback FOR EACH ROW "
    "EXECUTE FUNCTION equality_count_feedback_deleted()",
]

PG_BACKFILL = f"""
INSERT INTO equality_count ({KEY}, n)
SELECT c.grain, c.ward_code, c.period, c.complained, c.characteristic, c.code, count(*)
FROM equality_monitoring AS e
JOIN feedback AS f ON f.id = e.feedback_id
CROSS JOIN LATERAL equality_count_rows(
    f.received_at, f.ward_code, f.channel, e.ethnicity_2021, e.age_band, e.sex,
    e.gender_identity, e.sexual_orientation, e.religion, e.disability) AS c
GROUP BY 1, 2, 3, 4, 5, 6
"""

PG_DROP = [
    "DROP TRIGGER IF EXISTS equality_count_feedback_deleted ON feedback",
    "DROP TRIGGER IF EXISTS equality_count_feedback_moved ON feedback",
    *(
        f"DROP TRIGGER IF EXISTS equality_count_{name} ON equality_monitoring"
        for name in ("inserted", "deleted", "updated", "truncated")
    ),
    *(
        f"DROP FUNCTION IF EXISTS equality_count_{name}()"
        for name in ("inserted", "deleted", "updated", "truncated", "feedback_moved")
    ),
    "DROP FUNCTION IF EXISTS equality_count_feedback_deleted()",
    "DROP FUNCTION IF EXISTS equality_count_rows(timestamptz, text, text, text, text, text, "
    "text, text, text, json)",
]

# SQLite: row triggers, the same rows written out in SQL -----------------------------------------

GRAINS = "(SELECT 'day' AS grain UNION ALL SELECT 'month') AS g"
LEVELS = "(SELECT 0 AS every UNION ALL SELECT 1) AS w"
NAMES = (
    "("
    + " UNION ALL ".join(
        f"SELECT '{name}'" + (" AS characteristic" if i == 0 else "")
        for i, name in enumerate((*SINGLE, "disability"))
    )
    + ") AS k"
)


def sqlite_rows(
    source: str,
    where: str,
    *,
    received: str,
    ward: str,
    channel: str,
    answer: Callable[[str], str],
    codes: str,
    codes_where: str = "true",
    sign: str = "",
) -> list[str]:
    """INSERT ... SELECT statements adding ``sign`` (1 or -1, for a trigger's one row) or the
    number of rows (no sign, for counting every row) for each answer of the rows ``source``
    gives: one for the single answers and whether disability was answered, one for each
    disability named (``codes``: a subquery of distinct ``code`` values, ``codes_where``
    joining it to ``source``)."""
    shared = (
        "g.grain AS grain, "
        f"CASE w.every WHEN 1 THEN '*' ELSE coalesce({ward}, '') END AS ward_code, "
        f"CASE g.grain WHEN 'day' THEN date({received}) "
        f"ELSE strftime('%Y-%m-01', {received}) END AS period, "
        f"{channel} IN {COMPLAINTS} AS complained"
    )
    single = " ".join(f"WHEN '{name}' THEN {answer(name)}" for name in SINGLE)
    answered = (
        f"WHEN 'disability' THEN CASE WHEN json_array_length({answer('disability')}) > 0 "
        f"THEN '{ANSWERED}' END"
    )
    n = sign or "count(*)"
    tail = "" if sign else f" GROUP BY {KEY}"
    upsert = f" ON CONFLICT ({KEY}) DO UPDATE SET n = n + excluded.n"
    return [
        f"INSERT INTO equality_count ({KEY}, n) SELECT {KEY}, {n} FROM ("
        f"SELECT {shared}, k.characteristic AS characteristic, "
        f"CASE k.characteristic {single} {answered} END AS code "
        f"FROM {source}, {GRAINS}, {LEVELS}, {NAMES} WHERE {where}"
        f") WHERE code IS NOT NULL{tail}{upsert}",
        f"INSERT INTO equality_count ({KEY}, n) SELECT {KEY}, {n} FROM ("
        f"SELECT {shared}, 'disability' AS characteristic, d.code AS code "
        f"FROM {source}, {codes}, {GRAINS}, {LEVELS} WHERE {where} AND {codes_where}"
        f") WHERE true{tail}{upsert}",
    ]


def sqlite_answers(row: str, sign: str) -> list[str]:
    """The counts of one equality row (``new`` or ``old``) of an existing record."""
    return sqlite_rows(
        "feedback AS f",
        f"f.id = {row}.feedback_id",
        received="f.received_at",
        ward="f.ward_code",
        channel="f.channel",
        answer=lambda name: f"{row}.{name}",
        codes=f"(SELECT DISTINCT value AS code FROM json_each({row}.disability)) AS d",
        sign=sign,
    )


def sqlite_record(row: str, sign: str) -> list[str]:
    """The counts of a record's equality row with the record's ``old`` or ``new`` values."""
    return sqlite_rows(
        "equality_monitoring AS e",
        "e.feedback_id = new.id",
        received=f"{row}.received_at",
        ward=f"{row}.ward_code",
        channel=f"{row}.channel",
        answer=lambda name: f"e.{name}",
        codes=(
            "(SELECT DISTINCT j.value AS code FROM equality_monitoring AS de, "
            "json_each(de.disability) AS j WHERE de.feedback_id = new.id) AS d"
        ),
        sign=sign,
    )


def sqlite_trigger(name: str, event: str, statements: list[str], when: str = "") -> str:
    body = "; ".join(statements)
    return f"CREATE TRIGGER {name} {event}{when} BEGIN {body}; END"


SQLITE = [
    sqlite_trigger(
        "equality_count_inserted",
        "AFTER INSERT ON equality_monitoring",
        sqlite_answers("new", "1"),
    ),
    sqlite_trigger(
        "equality_count_deleted",
        "AFTER DELETE ON equality_monitoring",
        sqlite_answers("old", "-1"),
    ),
    sqlite_trigger(
        "equality_count_updated",
        "AFTER UPDATE ON equality_monitoring",
        sqlite_answers("old", "-1") + sqlite_answers("new", "1"),
    ),
    sqlite_trigger(
        "equality_count_feedback_moved",
        "AFTER UPDATE OF received_at, ward_code, channel ON feedback",
        sqlite_record("old", "-1") + sqlite_record("new", "1"),
        when=(
            " WHEN old.received_at IS NOT new.received_at OR old.ward_code IS NOT new.ward_code "
            "OR old.channel IS NOT new.channel"
        ),
    ),
    # A record's answers are deleted before the record, while its ward and time can be read.
    sqlite_trigger(
        "equality_count_feedback_deleted",
        "BEFORE DELETE ON feedback",
        ["DELETE FROM equality_monitoring WHERE feedback_id = old.id"],
    ),
]

SQLITE_BACKFILL = sqlite_rows(
    "equality_monitoring AS e JOIN feedback AS f ON f.id = e.feedback_id",
    "true",
    received="f.received_at",
    ward="f.ward_code",
    channel="f.channel",
    answer=lambda name: f"e.{name}",
    codes=(
        "(SELECT DISTINCT de.feedback_id AS feedback_id, j.value AS code "
        "FROM equality_monitoring AS de, json_each(de.disability) AS j) AS d"
    ),
    codes_where="d.feedback_id = e.feedback_id",
)

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS equality_count_{name}"
    for name in ("inserted", "deleted", "updated", "feedback_moved", "feedback_deleted")
]


def upgrade() -> None:
    op.create_table(
        "equality_count",
        sa.Column("grain", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("ward_code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("complained", sa.Boolean(), nullable=False),
        sa.Column("characteristic", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "grain",
            "ward_code",
            "period",
            "complained",
            "characteristic",
            "code",
            name=op.f("pk_equality_count"),
        ),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(
            "ix_feedback_received_channel_ward",
            ["received_at", "channel", "ward_code"],
            unique=False,
        )
    if op.get_bind().dialect.name == "sqlite":
        for statement in [*SQLITE, *SQLITE_BACKFILL]:
            op.execute(statement)
    else:
        for statement in [*POSTGRES, PG_BACKFILL]:
            op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DROP if op.get_bind().dialect.name == "sqlite" else PG_DROP:
        op.execute(statement)
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_received_channel_ward")
    op.drop_table("equality_count")
