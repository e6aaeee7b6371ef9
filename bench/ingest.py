"""Ingest benchmark: 100,000 FFT items through the batch endpoint beside a raw COPY.

One uvicorn worker runs feedback_api against a fresh PostgreSQL database (migrated, with the
demo organisation). A client in its own process posts the items in batches of 1,000 with an
API key; the API's rate counts only rows committed and queryable (each batch answers after
its commit, and the count is checked in the database afterwards). The same rows then go
through psycopg's COPY into the same feedback table, with the same indexes, in the same
database. COPY runs first, so the API writes into the larger table.

Prints ``ingest api rows/s: N``, ``ingest copy rows/s: N`` and ``ingest ratio: R`` (API/COPY).
The server is ``HEARD_TEST_DATABASE_URL`` (default postgresql://postgres@127.0.0.1:5432/postgres);
``HEARD_BENCH_ROWS`` and ``HEARD_BENCH_CLIENTS`` (concurrent connections, default 2) adjust it.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("HEARD_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

import httpx  # noqa: E402
import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from services.common.clock import Clock  # noqa: E402
from services.common.db import make_engine  # noqa: E402
from services.common.keys import generate  # noqa: E402
from services.common.migrate import upgrade  # noqa: E402
from services.feedback_api import demo  # noqa: E402
from services.feedback_api.feedback.models import Channel  # noqa: E402
from services.feedback_api.integrations import service as integrations  # noqa: E402
from services.feedback_api.integrations.schemas import ApiKeyCreate  # noqa: E402
from tests.support.databases import create_database, drop_database  # noqa: E402

ROWS = int(os.environ.get("HEARD_BENCH_ROWS", "100000"))
CLIENTS = int(os.environ.get("HEARD_BENCH_CLIENTS", "2"))
BATCH = 1000
MODES = ["sms", "paper_discharge", "electronic_home", "kiosk", "telephone", "online"]
TEXT = (
    "the nurses were kind and caring but we waited a long time for the doctor and the ward was "
    "noisy at night food was cold parking was hard to find thank you to all the staff on the "
    "team who explained everything clearly"
)
WORDS = TEXT.split(" ")


def comment(rng: random.Random) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < 100:
        words.append(rng.choice(WORDS))
    return " ".join(words).capitalize()[:100] + "."


def make_items(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    wards = [w[0] for w in demo.WARDS]
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return [
        {
            "channel": "fft",
            "fft_answer": rng.randint(1, 6),
            "comment": comment(rng),
            "ward_code": rng.choice(wards),
            "collection_mode": rng.choice(MODES),
            "received_at": (
                start + dt.timedelta(minutes=rng.randint(0, 300 * 24 * 60))
            ).isoformat(),
        }
        for _ in range(count)
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def client(url: str, key: str, bodies: list[bytes], run: str, queue, barrier) -> None:
    """Post this connection's share of the batches, one after another, on one keep-alive
    connection; report (first request start, last response end, accepted)."""
    accepted = 0
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    with httpx.Client(base_url=url, timeout=120) as http:
        # Every client process has started (imports take a second or more of CPU) before any
        # posts, so the timed window holds the API's work, not the other clients' start-up.
        barrier.wait()
        started = time.perf_counter()
        for index, body in enumerate(bodies):
            response = http.post(
                "/v1/feedback/batch",
                content=body,
                headers={**headers, "Idempotency-Key": f"{run}-{index}"},
            )
            if response.status_code != 200:
                queue.put(("error", response.status_code, response.text[:500]))
                return
            accepted += response.json()["accepted"]
        queue.put(("ok", started, time.perf_counter(), accepted))


def run_clients(url: str, key: str, items: list[dict], run: str) -> tuple[float, int]:
    bodies = [
        json.dumps({"items": items[i : i + BATCH]}).encode() for i in range(0, len(items), BATCH)
    ]
    shares = [bodies[c::CLIENTS] for c in range(CLIENTS)]
    context = mp.get_context("spawn")
    queue = context.Queue()
    barrier = context.Barrier(len(shares))
    processes = [
        context.Process(target=client, args=(url, key, share, f"{run}-{c}", queue, barrier))
        for c, share in enumerate(shares)
    ]
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    errors = [r for r in results if r[0] != "ok"]
    if errors:
        raise SystemExit(f"the batch endpoint failed: {errors[0]}")
    # perf_counter is system-wide on Linux, so the processes' clocks compare.
    elapsed = max(r[2] for r in results) - min(r[1] for r in results)
    return elapsed, sum(r[3] for r in results)


def start_server(database_url: str, keys_dir: Path, port: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARD_FEEDBACK_")}
    env.update(
        HEARD_FEEDBACK_DATABASE_URL=database_url,
        HEARD_FEEDBACK_KEYS_DIR=str(keys_dir),
        HEARD_FEEDBACK_ENVIRONMENT="test",
        HEARD_FEEDBACK_LOG_LEVEL="WARNING",
    )
    command = [sys.executable, "-m", "uvicorn", "--factory", "services.feedback_api.app:create_app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--no-access-log"]
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"feedback_api exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("feedback_api was not ready in 60 s")


def libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def copy_rows(url: str, items: list[dict], template: dict[str, str | None]) -> float:
    """COPY the rows into feedback: the columns Heard fills from the item, the rest as in a
    row the API stored (so NOT NULL columns added later are filled the same way)."""
    now = dt.datetime.now(dt.UTC).isoformat()
    wards = {w[0]: w[2] for w in demo.WARDS}
    settings = {w[0]: w[6] for w in demo.WARDS}
    columns = list(template)
    rows = []
    for item in items:
        row = dict(template)
        row.update(
            id=str(uuid.uuid4()),
            fft_answer=str(item["fft_answer"]),
            comment=item["comment"],
            ward_code=item["ward_code"],
            site_code=wards[item["ward_code"]],
            collection_mode=item["collection_mode"],
            received_at=item["received_at"],
            created_at=now,
            created_by="bench:copy",
        )
        # The same stored text as the API's. The batch endpoint leaves the stored redaction to
        # the worker (NULL, as in the template); when a row has one, the generated comments hold
        # no names, so their redacted copy (indexed for search like the comment) is the comment.
        if row.get("comment_redacted") is not None:
            row["comment_redacted"] = item["comment"]
        if "fft_setting" in row:
            row["fft_setting"] = settings[item["ward_code"]]
        rows.append([row[c] for c in columns])
    names = ", ".join(f'"{c}"' for c in columns)
    with psycopg.connect(libpq_url(url), options="-c search_path=feedback") as connection:
        started = time.perf_counter()
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY feedback ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        connection.commit()
        return time.perf_counter() - started


def template_row(url: str, created_by: str) -> dict[str, str | None]:
    with psycopg.connect(libpq_url(url), options="-c search_path=feedback") as connection:
        cursor = connection.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'feedback' AND table_name = 'feedback' ORDER BY ordinal_position"
        )
        columns = [r[0] for r in cursor.fetchall()]
        select = ", ".join(f'"{c}"::text' for c in columns)
        row = connection.execute(
            f"SELECT {select} FROM feedback WHERE created_by = %s LIMIT 1",
            (created_by,),
        ).fetchone()
        return dict(zip(columns, row, strict=True))


def count(url: str, created_by: str) -> int:
    with psycopg.connect(libpq_url(url), options="-c search_path=feedback") as connection:
        return connection.execute(
            "SELECT count(*) FROM feedback WHERE created_by = %s", (created_by,)
        ).fetchone()[0]


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="heard-bench-"))
    url = create_database("bench_ingest", workdir)
    if not url.startswith("postgresql"):
        raise SystemExit("the ingest benchmark needs PostgreSQL (HEARD_TEST_DATABASE_URL)")
    server = None
    try:
        upgrade("feedback", url)
        engine = make_engine(url, "feedback")
        with Session(engine) as session:
            demo.load_organisation(session)
            key = integrations.create_key(
                session,
                ApiKeyCreate(name="Ingest benchmark", channels=[Channel.fft]),
                created_by="bench",
                clock=Clock(),
            )
        engine.dispose()
        generate(workdir / "keys")
        port = free_port()
        server = start_server(url, workdir / "keys", port, workdir / "feedback_api.log")
        api_url = f"http://127.0.0.1:{port}"
        created_by = f"integration:{key.id}"

        # Warm up the server and get a stored row to fill COPY's other columns from.
        _, warm = run_clients(api_url, key.key, make_items(BATCH, seed=1), "warm")
        template = template_row(url, created_by)

        copy_items = make_items(ROWS, seed=2)
        copy_seconds = copy_rows(url, copy_items, template)
        if count(url, "bench:copy") != ROWS:
            raise SystemExit("COPY did not store every row")

        api_items = make_items(ROWS, seed=3)
        api_seconds, accepted = run_clients(api_url, key.key, api_items, "main")
        stored = count(url, created_by) - warm
        if accepted != ROWS or stored != ROWS:
            raise SystemExit(f"the API accepted {accepted} and stored {stored} of {ROWS} rows")

        api_rate = ROWS / api_seconds
        copy_rate = ROWS / copy_seconds
        print(f"ingest api rows/s: {api_rate:,.0f}".replace(",", ""))
        print(f"ingest copy rows/s: {copy_rate:,.0f}".replace(",", ""))
        print(f"ingest ratio: {api_rate / copy_rate:.3f}")
        print(
            f"({ROWS} rows; batches of {BATCH} over {CLIENTS} connection(s) to one uvicorn "
            f"worker; API {api_seconds:.1f} s, COPY {copy_seconds:.1f} s)",
            file=sys.stderr,
        )
        return 0
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        drop_database(url)


if __name__ == "__main__":
    raise SystemExit(main())
