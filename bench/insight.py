"""Benchmark the insight queries on 1,000,000 feedback items over 3 years in PostgreSQL.

Creates a fresh database on the server named by HEARD_BENCH_DATABASE_URL (default: the local
postgresql://postgres@127.0.0.1:5432/postgres), migrates the feedback schema, loads the demo
organisation plus 40 more wards, and COPYs in generated feedback with generated labels (not
classified, to keep set-up short). Then it times each insight query through the same service
code the API uses, beside a plain `SELECT count(*)` over the same table in the same run, and
prints `name: value` lines. The database is dropped at the end (--keep keeps it;
--database URL times a kept one again, migrated to the latest revision, without loading).

The equality answers are COPYed like the rest, so the triggers that keep their counts per day
and month (equality_count) run on them as they would on any other write.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from services.common.db import make_engine, normalise_url  # noqa: E402
from services.common.migrate import upgrade  # noqa: E402
from services.feedback_api import demo  # noqa: E402
from services.feedback_api.analysis import load_framework  # noqa: E402
from services.feedback_api.insight import equality, fft, periods, service  # noqa: E402
from services.feedback_api.respondents.codes import AgeBand, Ethnicity2021  # noqa: E402

ITEMS = int(os.environ.get("HEARD_BENCH_ITEMS", "1000000"))
RUNS = int(os.environ.get("HEARD_BENCH_RUNS", "15"))
TODAY = dt.date(2026, 11, 15)
DAYS = 3 * 365
CHANNELS = [
    ("fft", 70),
    ("complaint", 6),
    ("concern", 4),
    ("pals", 6),
    ("compliment", 4),
    ("inhouse_survey", 6),
    ("social_media", 4),
]
THEMES = [t.name for t in load_framework() if t.name != "Not assigned"]
EQUALITY_SHARE = 0.25
ETHNICITIES = [e.value for e in Ethnicity2021]
AGE_BANDS = [a.value for a in AgeBand]
DISABILITIES = ['["NN"]', '["NN"]', '["NN"]', '["05"]', '["02", "09"]', '["ZZ"]', "\\N"]


def server() -> str:
    return normalise_url(
        os.environ.get("HEARD_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )


def create_database() -> str:
    name = f"heard_bench_insight_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server()).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    admin = create_engine(server(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def wards(session: Session) -> list[tuple[str, str]]:
    demo.load_organisation(session)
    extra = [(f"B{i:02d}", ("REN20", "REN01", "REN03")[i % 3]) for i in range(40)]
    for code, site in extra:
        session.execute(
            text(
                "INSERT INTO ward (code, name, site_code, directorate_code, fft_setting, active) "
                "VALUES (:code, :name, :site, 'ACUTE', 'inpatient', true)"
            ),
            {"code": code, "name": f"Bench ward {code}", "site": site},
        )
    session.commit()
    return [(w[0], w[2]) for w in demo.WARDS] + extra


def copy_rows(connection, table: str, columns: list[str], lines: io.StringIO) -> None:
    lines.seek(0)
    raw = connection.connection.driver_connection
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        while chunk := lines.read(1 << 20):
            copy.write(chunk)


def generate(engine, ward_list: list[tuple[str, str]]) -> None:
    rng = random.Random(7)
    channel_names = [c for c, _ in CHANNELS]
    channel_weights = [w for _, w in CHANNELS]
    start = dt.datetime.combine(TODAY, dt.time(), dt.UTC) - dt.timedelta(days=DAYS)
    feedback, labels, themes = io.StringIO(), io.StringIO(), io.StringIO()
    equality = io.StringIO()
    for i in range(ITEMS):
        fid = uuid.UUID(int=rng.getrandbits(128), version=4)
        ward, site = ward_list[rng.randrange(len(ward_list))]
        channel = rng.choices(channel_names, channel_weights)[0]
        answer = (
            rng.choices((1, 2, 3, 4, 5, 6), (55, 25, 6, 5, 5, 4))[0] if channel == "fft" else None
        )
        at = start + dt.timedelta(seconds=rng.randrange(DAYS * 86400))
        stamp = at.isoformat()
        month = at.date().replace(day=1).isoformat()
        has_comment = rng.random() < 0.7
        sentiment = (
            "positive"
            if answer in (1, 2)
            else "negative"
            if answer in (4, 5)
            else rng.choice(("positive", "neutral", "negative"))
        )
        critical = rng.random() < 0.002
        fa = "\\N" if answer is None else str(answer)
        comment = f"Generated comment {i}" if has_comment else "\\N"
        feedback.write(
            f"{fid}\t{channel}\t{fa}\t{comment}\t{site}\t{ward}\tonline\tportal\ten\t"
            f"{stamp}\t{stamp}\tbench\tt\n"
        )
        chosen = (
            rng.sample(THEMES, rng.choices((0, 1, 2, 3), (20, 45, 25, 10))[0])
            if has_comment
            else []
        )
        labels.write(
            f"{fid}\t{sentiment}\tmodel\t{'t' if critical else 'f'}\tmodel\t[]\t{sentiment}\t"
            f"{'t' if critical else 'f'}\tbench-generated\tv7\t{stamp}\t"
            f"{'t' if has_comment else 'f'}\t{stamp}\t{month}\t{channel}\t{site}\t{ward}\n"
        )
        for theme in chosen:
            themes.write(
                f"{fid}\t{theme}\tt\tmodel\t{stamp}\t{stamp}\t{month}\t{sentiment}\t"
                f"{channel}\t{site}\t{ward}\n"
            )
        if rng.random() < EQUALITY_SHARE:  # a quarter of people answer the equality questions
            disability = rng.choice(DISABILITIES)
            equality.write(
                f"{fid}\t{rng.choice(ETHNICITIES)}\t{rng.choice(AGE_BANDS)}\t"
                f"{rng.choice('129Z')}\t{rng.choice('1234Z')}\t{rng.choice('1234UZ')}\t"
                f"{disability}\t{rng.choice('ABCDEFGHIJKLM')}\n"
            )
    with engine.begin() as connection:
        copy_rows(
            connection,
            "feedback",
            [
                "id",
                "channel",
                "fft_answer",
                "comment",
                "site_code",
                "ward_code",
                "collection_mode",
                "submitted_via",
                "language",
                "received_at",
                "created_at",
                "created_by",
                "is_demo",
            ],
            feedback,
        )
        copy_rows(
            connection,
            "feedback_label",
            [
                "feedback_id",
                "sentiment",
                "sentiment_source",
                "critical",
                "critical_source",
                "model_themes",
                "model_sentiment",
                "model_critical",
                "model_version",
                "framework_version",
                "analysed_at",
                "has_comment",
                "received_at",
                "received_month",
                "channel",
                "site_code",
                "ward_code",
            ],
            labels,
        )
        copy_rows(
            connection,
            "feedback_theme",
            [
                "feedback_id",
                "theme",
                "included",
                "source",
                "set_at",
                "received_at",
                "received_month",
                "sentiment",
                "channel",
                "site_code",
                "ward_code",
            ],
            themes,
        )
        copy_rows(
            connection,
            "equality_monitoring",
            [
                "feedback_id",
                "ethnicity_2021",
                "age_band",
                "sex",
                "gender_identity",
                "sexual_orientation",
                "disability",
                "religion",
            ],
            equality,
        )
    raw = engine.raw_connection()
    raw.driver_connection.autocommit = True
    with raw.driver_connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    raw.close()


def timed(fn, runs: int = RUNS) -> tuple[float, float]:
    fn()  # warm
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def main() -> int:
    reuse = sys.argv[sys.argv.index("--database") + 1] if "--database" in sys.argv else None
    keep = "--keep" in sys.argv or reuse is not None
    url = normalise_url(reuse) if reuse else create_database()
    try:
        started = time.perf_counter()
        upgrade("feedback", url)
        engine = make_engine(url, "feedback")
        if reuse:
            print(f"migrate s: {time.perf_counter() - started:.1f}")
        else:
            with Session(engine) as session:
                ward_list = wards(session)
            started = time.perf_counter()
            generate(engine, ward_list)
            print(f"items: {ITEMS}")
            print(f"load s: {time.perf_counter() - started:.1f}")
        this_month = periods.month_start(TODAY)
        quarter_end = this_month - dt.timedelta(days=1)
        quarter_start = periods.add_months(this_month, -3)
        with Session(engine) as session:
            count = timed(lambda: session.execute(text("SELECT count(*) FROM feedback")).scalar())
            queries = {
                "fft ward x month 12 months": lambda: fft.fft_by_ward_and_month(
                    session, periods.add_months(this_month, -11), this_month
                ),
                "themes x source quarter": lambda: service.themes_by(
                    session, quarter_start, quarter_end, group_by="channel"
                ),
                "sentiment by month 3 years": lambda: service.sentiment_by_month(
                    session, periods.add_months(this_month, -35), this_month
                ),
                "hotspots last month": lambda: service.hotspots(
                    session, periods.add_months(this_month, -1)
                ),
                "equality breakdown year": lambda: equality.report(
                    session, TODAY - dt.timedelta(days=364), TODAY, wards=None
                ),
            }
            print(f"select count(*) p50 ms: {count[0]:.1f}")
            print(f"select count(*) p95 ms: {count[1]:.1f}")
            for name, fn in queries.items():
                p50, p95 = timed(fn)
                print(f"{name} p50 ms: {p50:.1f}")
                print(f"{name} p95 ms: {p95:.1f}")
                print(f"{name} p95 / count(*) p95: {p95 / count[1]:.2f}")
                print(f"{name} under 300 ms: {'yes' if p95 < 300 else 'no'}")
        engine.dispose()
    finally:
        if not keep:
            drop_database(url)
        else:
            print(f"kept: {url}")
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "classifier.py")],
        capture_output=True,
        text=True,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    print(result.stdout.strip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
