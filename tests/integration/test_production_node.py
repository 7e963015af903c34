"""A production node as deployed: two gunicorn web processes, two escalation workers and two
notification workers, one PostgreSQL and one Redis. Lodging, officer actions and sweeps go
through all of them at once: nothing is lost, nothing is done twice, the rate limit is one limit
for the whole node, and every process stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select, update

from grs.db.models import Case, Event, Notification
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from grs.services import api_keys
from tests.conftest import ROOT, fresh_postgres_database
from tests.support import build_ladder

REDIS_HINT = "Redis tests skipped: start Redis on 127.0.0.1:6379 (redis-server --daemonize yes)"
PHONE = "01811234567"
LODGINGS = 40


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database of its own, emptied before and after."""
    import redis

    url = "redis://127.0.0.1:6379/11"
    store = redis.Redis.from_url(url)
    try:
        store.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Redis does not answer on 127.0.0.1:6379", pytrace=False)
        pytest.skip(REDIS_HINT)
    store.flushdb()
    yield url
    store.flushdb()


@pytest.fixture
def node_database() -> Iterator[str]:
    with fresh_postgres_database("grs_node") as url:
        yield url


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Node:
    """The node's processes, their output kept in files for the assertions on logs."""

    def __init__(self, database_url: str, redis_url: str, tmp: Path) -> None:
        self.tmp = tmp
        self.env = {
            **os.environ,
            "GRS_DATABASE_URL": database_url,
            "GRS_SECRET_KEY": secrets.token_hex(32),
            "GRS_WEB_RATE_LIMIT_STORAGE": redis_url,
            "GRS_WEB_UPLOAD_DIR": str(tmp / "uploads"),
            "GRS_WORKER_INTERVAL_SECONDS": "1",
            "GRS_LOG_FORMAT": "json",
            "GRS_WEB_PROCESSES": "2",
        }
        self.processes: list[subprocess.Popen[bytes]] = []
        self.ports: list[int] = []

    def start_web(self) -> None:
        port = _free_port()
        env = {**self.env, "GRS_BIND": f"127.0.0.1:{port}"}
        command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
        self._start([*command, "web:create_app()"], env, f"web-{port}")
        self.ports.append(port)

    def start_worker(self, job: str, number: int) -> None:
        command = [sys.executable, "-m", "grs", "worker", "--only", job]
        self._start(command, self.env, f"{job}-{number}")

    def _start(self, command: list[str], env: dict[str, str], name: str) -> None:
        out = (self.tmp / f"{name}.log").open("wb")
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        )

    def url(self, number: int, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[number % len(self.ports)]}{path}"

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        for number in range(len(self.ports)):
            while True:
                try:
                    if requests.get(self.url(number, "/readyz"), timeout=10).status_code == 200:
                        break
                except requests.RequestException:
                    pass  # not listening yet, or still building the app
                assert time.monotonic() < deadline, self.output()
                time.sleep(0.2)

    def stop(self) -> list[int | None]:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        codes = []
        for process in self.processes:
            try:
                codes.append(process.wait(timeout=40))
            except subprocess.TimeoutExpired:
                process.kill()
                codes.append(None)
        return codes

    def output(self) -> str:
        return "\n".join(path.read_text("utf-8", "replace") for path in self.tmp.glob("*.log"))


@pytest.fixture
def node(node_database: str, redis_url: str, tmp_path: Path) -> Iterator[Node]:
    node = Node(node_database, redis_url, tmp_path)
    try:
        yield node
    finally:
        node.stop()


def _open311_form(key: str, number: int) -> dict[str, str]:
    return {
        "api_key": key,
        "jurisdiction_id": "UPZ",
        "service_code": "citizen-2",
        "description": f"প্রশিক্ষণের আবেদন করে সাড়া পাইনি ({number})",
        "first_name": "করিম",
        "phone": PHONE,
        "attribute[service_applied_on]": "2026-06-01",
    }


def _lodge(node: Node, key: str, number: int) -> requests.Response:
    return requests.post(
        node.url(number, "/open311/v2/requests.json"), data=_open311_form(key, number), timeout=30
    )


def _accept(node: Node, token: str, tracking: str, number: int) -> int:
    response = requests.post(
        node.url(number, f"/api/officer/cases/{tracking}/actions/accept"),
        json={"expected_version": 1},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    return response.status_code


def _wait_for(condition, timeout: float, node: Node) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, node.output()[-4000:]
        time.sleep(0.3)


def test_two_web_processes_and_two_workers_of_each_kind(node: Node, node_database: str) -> None:
    rt = Runtime.from_settings(Settings(database_url=node_database, root=ROOT))
    ladder = build_ladder(rt)
    key = api_keys.create_client(rt, "cli:test", "helpline", 100_000).secret
    limited = api_keys.create_client(rt, "cli:test", "small-app", 10).secret
    token = api_keys.create_token(rt, ladder.officers["gro_upz"], "node", ["read", "act"], 1)
    for _ in range(2):
        node.start_web()
    for job in ("escalation", "notifications"):
        for number in range(2):
            node.start_worker(job, number)
    node.wait_ready()

    # Lodging through both web processes at once: every complaint stored once.
    with ThreadPoolExecutor(8) as pool:
        lodged = list(pool.map(lambda n: _lodge(node, key, n), range(LODGINGS)))
    assert [r.status_code for r in lodged] == [201] * LODGINGS, lodged[0].text
    tracking = [r.json()[0]["service_request_id"] for r in lodged]
    with rt.db.read_session() as s:
        stored = s.scalars(select(Case.tracking_number)).all()
    assert sorted(stored) == sorted(tracking) and len(set(tracking)) == LODGINGS

    # The same action sent to both processes at the same moment is taken once.
    racing = tracking[: LODGINGS // 2]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda n: _accept(node, token.secret, racing[n // 2], n),
                              range(2 * len(racing))))  # fmt: skip
    pairs = [sorted(codes[i : i + 2]) for i in range(0, len(codes), 2)]
    assert all(pair[0] == 200 and pair[1] in (403, 409) for pair in pairs), pairs
    with rt.db.read_session() as s:
        accepts = s.scalar(select(func.count(Event.id)).where(Event.action == "accept"))
    assert accepts == len(racing)

    # Deadlines passed: the two escalation workers move each case up once, and the two
    # notification workers send each message once.
    waiting = tracking[LODGINGS // 2 :]
    with rt.db.write() as s:
        tiers = dict(s.execute(select(Case.tracking_number, Case.tier)).all())
        s.execute(update(Case).where(Case.tracking_number.in_(waiting)).values(due_on="2026-01-05"))

    def escalated() -> bool:
        with rt.db.read_session() as s:
            rows = s.execute(select(Case.tracking_number, Case.tier).where(
                Case.tracking_number.in_(waiting))).all()  # fmt: skip
        return all(tier == tiers[number] + 1 for number, tier in rows)

    _wait_for(escalated, 60, node)
    time.sleep(3)  # a few more sweeps by both workers: none may move a case again

    def all_sent() -> bool:
        with rt.db.read_session() as s:
            statuses = s.scalars(select(Notification.status)).all()
        return bool(statuses) and set(statuses) == {"sent"}

    _wait_for(all_sent, 60, node)
    with rt.db.read_session() as s:
        per_case = Counter(
            s.scalars(
                select(Case.tracking_number).join(Event, Event.case_id == Case.id)
                .where(Event.action == "escalate")
            ).all()
        )  # fmt: skip
        # Inbox entries are written as delivered; every message that went out went once.
        attempts = set(
            s.scalars(select(Notification.attempts).where(Notification.channel != "inbox")).all()
        )
        final_tiers = dict(s.execute(select(Case.tracking_number, Case.tier)).all())
    assert per_case == Counter(waiting)
    assert attempts == {1}
    assert all(final_tiers[n] == tiers[n] + 1 for n in waiting)

    # One rate limit for the node: 10 a minute for this client, wherever the requests land.
    answers = [_lodge(node, limited, n).status_code for n in range(12)]
    assert answers.count(201) == 10 and answers.count(429) == 2, answers

    assert node.stop() == [0] * len(node.processes)
    for number in range(len(node.ports)):
        with pytest.raises(requests.ConnectionError):
            requests.get(node.url(number, "/healthz"), timeout=2)

    output = node.output()
    assert PHONE not in output, "a complainant's mobile number reached a log"
    worker_lines = [json.loads(line) for line in output.splitlines() if '"grs.worker"' in line]
    assert worker_lines and all(line["logger"] == "grs.worker" for line in worker_lines)
