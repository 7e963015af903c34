"""Open311 throughput on PostgreSQL: `POST requests` (lodging) and `GET requests` (the public
list), 8 clients at once against the app served by waitress with 8 threads.

Run with `make bench`; requests per second are in each benchmark's extra info and printed. The
database is made for the run and dropped at the end.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from waitress.server import create_server

from grs.db.migrate import upgrade
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from grs.services import api_keys
from tests.bench.test_sweep_bench import _admin_url
from tests.support import FakeClock, build_ladder
from web import create_app

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
PER_ROUND = 200  # requests in one round, spread over the clients


@dataclass
class Served:
    base: str
    key: str


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    admin_url = make_url(_admin_url())
    name = f"grs_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    rt = None
    try:
        upgrade(url)
        rt = Runtime.from_settings(replace(Settings(), database_url=url, root=ROOT))
        rt.clock = FakeClock("2026-11-23")
        build_ladder(rt)
        key = api_keys.create_client(rt, "cli:bench", "bench", 100_000).secret
        app = create_app({"SECRET_KEY": "bench"}, runtime=rt)
        server = create_server(app, host="127.0.0.1", port=0, threads=CLIENTS)
        threading.Thread(target=server.run, daemon=True).start()
        yield Served(f"http://127.0.0.1:{server.effective_port}/open311/v2", key)
        server.close()
    finally:
        if rt is not None:
            rt.db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _post(served: Served, i: int) -> int:
    form = {
        "api_key": served.key,
        "jurisdiction_id": "UPZ",
        "service_code": "citizen-2",
        "description": f"প্রশিক্ষণের আবেদন {i}",
        "first_name": "করিম",
        "phone": "01811234567",
    }
    data = urllib.parse.urlencode(form).encode()
    with urllib.request.urlopen(f"{served.base}/requests.json", data=data) as response:  # noqa: S310
        return int(response.status)


def _get(served: Served, _i: int) -> int:
    query = urllib.parse.urlencode({"jurisdiction_id": "UPZ", "status": "open"})
    with urllib.request.urlopen(f"{served.base}/requests.json?{query}") as response:  # noqa: S310
        json.loads(response.read())
        return int(response.status)


def _round(call, served: Served) -> list[int]:
    with ThreadPoolExecutor(CLIENTS) as pool:
        return list(pool.map(lambda i: call(served, i), range(PER_ROUND)))


def _report(benchmark, what: str) -> None:
    per_second = PER_ROUND / benchmark.stats.stats.mean
    benchmark.extra_info["requests_per_second"] = round(per_second, 1)
    print(f"\n{what}: {per_second:.0f} requests/s with {CLIENTS} clients")


def test_open311_post_requests_throughput(benchmark, served: Served) -> None:
    statuses = benchmark.pedantic(_round, args=(_post, served), rounds=3, iterations=1)
    assert set(statuses) == {201}
    _report(benchmark, "POST requests")


def test_open311_get_requests_throughput(benchmark, served: Served) -> None:
    statuses = benchmark.pedantic(_round, args=(_get, served), rounds=3, iterations=1)
    assert set(statuses) == {200}
    _report(benchmark, f"GET requests (the {3 * PER_ROUND} cases lodged above)")
