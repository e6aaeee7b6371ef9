"""Fixtures for integration tests: API keys made through the admin API, a webhook receiver."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from services.common.roles import Role


@pytest.fixture
def admin(mint) -> dict[str, str]:
    return mint("feedback", Role.administrator, sub="admin-user")


@pytest.fixture
def new_key(feedback_api, admin):
    """``new_key(*channels)``: a fresh API key's Authorization header and its id."""

    def make(*channels: str, name: str = "Test vendor") -> tuple[dict[str, str], str]:
        response = feedback_api.post(
            "/v1/admin/api-keys",
            json={"name": name, "channels": list(channels or ("fft",))},
            headers=admin,
        )
        assert response.status_code == 201, response.text
        body = response.json()
        return {"Authorization": f"Bearer {body['key']}"}, body["id"]

    return make


class Receiver:
    """A tiny HTTP server on a loopback port that keeps what it is sent; it can be stopped and
    started again on the same port."""

    def __init__(self, port: int = 0) -> None:
        self.received: list[dict] = []
        self.lock = threading.Lock()
        self.port = port
        self.server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.received.append(
                        {"headers": dict(self.headers), "body": body, "json": json.loads(body)}
                    )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def events(self) -> list[dict]:
        with self.lock:
            return list(self.received)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()
