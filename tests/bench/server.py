"""The web app served as in production (gunicorn with deploy/gunicorn.conf.py), for the page
benchmarks: its own processes, its own port, stopped at the end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.bench.load import Client
from tests.bench.scale_data import ROOT

HOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _wait_until_up(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn ended with {process.returncode}")
        try:
            if Client(HOST, port).get("/health/live")[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer in time")


@contextmanager
def gunicorn(database_url: str, **environment: str) -> Iterator[int]:
    """The app over `database_url`, its port yielded. Rate limits are off (a load test sends
    from one address what a thousand citizens would); GRS_WEB_PROCESSES and GRS_WEB_THREADS
    choose the processes and threads as on a production node."""
    port = _free_port()
    env = {
        **os.environ,
        "GRS_DATABASE_URL": database_url,
        "GRS_SECRET_KEY": "bench-secret-key",
        "GRS_BIND": f"{HOST}:{port}",
        "GRS_WEB_RATE_LIMITS": "false",
        "GRS_LOG_LEVEL": "warning",
        "GRS_NOTIFICATIONS_EMAIL": "log",
        "GRS_NOTIFICATIONS_SMS": "log",
        **environment,
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "deploy/gunicorn.conf.py",
        "web:create_app()",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        _wait_until_up(port, process)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
