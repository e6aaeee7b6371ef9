"""The three services (and the portal's worker) as real uvicorn processes on loopback ports,
each on its own fresh database, for end-to-end, browser and fault tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlmodel import Session

from services.common.db import make_engine
from services.common.keys import generate
from services.common.migrate import upgrade
from services.feedback_api import demo as feedback_demo
from services.portal import demo as portal_demo
from tests.support.databases import SERVICES, create_database, drop_database

REPO_ROOT = Path(__file__).resolve().parents[2]
APPS = {
    "portal": "services.portal.app:create_app",
    "feedback": "services.feedback_api.app:create_app",
    "actions": "services.actions_api.app:create_app",
}
PREFIX = {"portal": "HEARD_PORTAL_", "feedback": "HEARD_FEEDBACK_", "actions": "HEARD_ACTIONS_"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout: float) -> bool:
    """Whether `condition()` became true within `timeout` seconds (work of another process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return bool(condition())


@dataclass
class Stack:
    workdir: Path
    ports: dict[str, int] = field(default_factory=dict)
    databases: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    @property
    def keys_dir(self) -> Path:
        return self.workdir / "keys"

    def prepare(self) -> None:
        generate(self.keys_dir)
        for service in SERVICES:
            self.ports[service] = free_port()
            self.databases[service] = create_database(f"e2e_{service}", self.workdir / "db")
            upgrade(service, self.databases[service])
        engine = make_engine(self.databases["feedback"], "feedback")
        with Session(engine) as session:
            feedback_demo.load_organisation(session)
        engine.dispose()
        engine = make_engine(self.databases["portal"], "portal")
        with Session(engine) as session:
            portal_demo.load_users(session)
        engine.dispose()
        env = {k: v for k, v in os.environ.items() if not k.startswith("HEARD_")}
        for service in SERVICES:
            prefix = PREFIX[service]
            env[f"{prefix}DATABASE_URL"] = self.databases[service]
            env[f"{prefix}KEYS_DIR"] = str(self.keys_dir)
            env[f"{prefix}ENVIRONMENT"] = "test"
            env[f"{prefix}LOG_JSON"] = "true"
        env["HEARD_PORTAL_FEEDBACK_API_URL"] = self.url("feedback")
        env["HEARD_PORTAL_ACTIONS_API_URL"] = self.url("actions")
        env["HEARD_ACTIONS_FEEDBACK_API_URL"] = self.url("feedback")
        env["HEARD_ACTIONS_PORTAL_URL"] = self.url("portal")
        self.env = env

    def start(self, name: str) -> None:
        """Start a web service (``portal``, ``feedback``, ``actions``) or a worker
        (``portal_worker`` ...) and wait until a web service is ready."""
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - kept open for the process
        if name.endswith("_worker"):
            service = name.removesuffix("_worker")
            module = {"portal": "services.portal.worker"}.get(
                service, f"services.{service}_api.worker"
            )
            command = [sys.executable, "-m", module]
        else:
            command = [
                sys.executable, "-m", "uvicorn", "--factory", APPS[name],
                "--host", "127.0.0.1", "--port", str(self.ports[name]), "--no-access-log",
            ]  # fmt: skip
        self.processes[name] = subprocess.Popen(
            command, cwd=REPO_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        if not name.endswith("_worker"):
            self.wait_ready(name)

    def wait_ready(self, name: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited: {self.log(name)[-3000:]}")
            try:
                if httpx.get(f"{self.url(name)}/readyz", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{name} was not ready in {timeout}s: {self.log(name)[-3000:]}")

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def shutdown(self) -> None:
        for name in list(self.processes):
            self.stop(name)
        for url in set(self.databases.values()):
            drop_database(url)


def start_stack(workdir: Path) -> Stack:
    stack = Stack(workdir=workdir)
    stack.prepare()
    try:
        for name in ("feedback", "actions", "portal", "portal_worker", "feedback_worker"):
            stack.start(name)
    except Exception:
        stack.shutdown()
        raise
    return stack
