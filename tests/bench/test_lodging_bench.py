"""Lodging a complaint through the web form under load, on PostgreSQL and on SQLite, served as
in production (gunicorn with deploy/gunicorn.conf.py).

Eight clients, each a citizen's browser with its own cookies, lodge one complaint after another:
the form is fetched (its CSRF token), then posted to the final submit; a lodging counts when
the answer is the redirect to the acknowledgement. Figures: lodgings a second, p50/p95/p99 of a
lodging (both requests), errors, and the cases stored against the answers given. Run with
`make bench` (and `-s` for the figures); GRS_BENCH_SECONDS sets the length.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from grs.db.migrate import upgrade
from grs.db.models import Case
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from tests.bench.load import Client, saturated
from tests.bench.scale_data import ROOT
from tests.bench.server import HOST, gunicorn
from tests.conftest import fresh_postgres_database
from tests.support import build_ladder
from tests.web.test_citizen_support import VALID

SECONDS = float(os.environ.get("GRS_BENCH_SECONDS", "20"))
CLIENTS = int(os.environ.get("GRS_BENCH_LODGING_CLIENTS", "8"))


@pytest.fixture(params=["postgresql", "sqlite"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'grs.db'}"
        upgrade(url)
        yield url
        return
    if not os.environ.get("GRS_TEST_DATABASE_URL"):
        pytest.skip("set GRS_TEST_DATABASE_URL to a PostgreSQL server")
    with fresh_postgres_database("grs_lodging") as url:
        yield url


def _stored(url: str) -> int:
    rt = Runtime.from_settings(replace(Settings(), database_url=url, root=ROOT))
    try:
        with rt.db.read_session() as s:
            return int(s.scalar(select(func.count()).select_from(Case)) or 0)
    finally:
        rt.db.dispose()


def _ladder(url: str) -> None:
    rt = Runtime.from_settings(replace(Settings(), database_url=url, root=ROOT))
    try:
        build_ladder(rt)
    finally:
        rt.db.dispose()


def lodge(client: Client) -> bool:
    token = client.token("/lodge/UPZ")
    status, _ = client.post("/lodge/UPZ/submit", {**VALID, "csrf_token": token})
    return status == 303


def _measure(url: str) -> dict[str, Any]:
    with gunicorn(url) as port:
        saturated([Client(HOST, port) for _ in range(CLIENTS)], lodge, 2)  # warm every process
        before = _stored(url)
        figures = saturated([Client(HOST, port) for _ in range(CLIENTS)], lodge, SECONDS)
        stored = _stored(url) - before
    load = [round(x, 2) for x in os.getloadavg()]
    return {**figures.summary(), "stored": stored, "load_average": load}


def test_lodging_through_the_web_form(benchmark, database_url: str) -> None:
    _ladder(database_url)
    figures = benchmark.pedantic(_measure, args=(database_url,), rounds=1, iterations=1)
    benchmark.extra_info.update(figures)
    kind = database_url.split(":")[0].split("+")[0]
    print(
        f"\nlodging on {kind} ({CLIENTS} clients): {figures['per_second']}/s, p50"
        f" {figures['p50_ms']} p95 {figures['p95_ms']} p99 {figures['p99_ms']} ms, errors"
        f" {figures['errors']}, stored {figures['stored']}; load average {figures['load_average']}"
    )
    assert figures["errors"] == 0
    assert figures["stored"] == figures["requests"]
