"""`python -m web.serve` as `make run` starts it: stopping it stops the worker it started, and
the audit log says each thing once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


def test_sigterm_stops_the_web_app_and_its_worker(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(
        f'[workflow]\nfile = "{ROOT / "workflows/grs_ladder.toml"}"\n'
        f'[web]\nport = {_free_port()}\nupload_dir = "uploads"\n'
    )
    env = {**os.environ, "GRS_CONFIG": str(config)}
    env.pop("GRS_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "web.serve"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    workers: list[int] = []
    try:
        assert server.stdout is not None
        for line in server.stdout:
            if "GRS is running" in line:
                break
        workers = _children(server.pid)
        assert workers, "no worker was started"
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) is not None
        assert [pid for pid in workers if _alive(pid)] == []
        assert (tmp_path / "grs.db").exists()  # beside the config file, not in the cwd
    finally:
        for pid in [server.pid, *workers, *_children(server.pid)]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_an_audit_line_is_printed_once_when_the_server_sets_up_logging():
    script = (
        "import logging\n"
        "from web.officer import _audit_log_reaches_somewhere\n"
        "_audit_log_reaches_somewhere()\n"
        "logging.basicConfig()  # as waitress does when it starts\n"
        "logging.getLogger('grs.audit').warning('officer 7 signed in')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stderr.count("officer 7 signed in") == 1
