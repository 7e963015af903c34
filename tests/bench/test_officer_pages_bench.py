"""The officer's pages and a public page under load, served as in production (gunicorn with
deploy/gunicorn.conf.py) over the scale data (tests/bench/scale_data.py: 200 offices, a million
cases), one upazila GRO holding 5,000 open cases.

For each page: latency (p50/p95/p99) at 50 requests a second, then the requests a second it
serves with every client asking again as soon as answered. Run with `make bench` and `-s` to see
the figures (also in the benchmark's extra_info). Smaller and shorter runs:
GRS_BENCH_CASES=50000 GRS_BENCH_BUSY_CASES=2000 GRS_BENCH_SECONDS=5.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text

from grs.processes.runtime import Runtime
from grs.services import organisation as org
from grs.services.case_changes import Actor
from grs.tracking import damm_digit
from tests.bench.load import Client, at_rate, saturated
from tests.bench.scale_data import autocommit, scale_runtime
from tests.bench.server import HOST, gunicorn
from tests.support import PASSWORD, do, password_hash

BUSY_CASES = int(os.environ.get("GRS_BENCH_BUSY_CASES", "5000"))
SECONDS = float(os.environ.get("GRS_BENCH_SECONDS", "20"))
RATE = float(os.environ.get("GRS_BENCH_RATE", "50"))
CLIENTS = int(os.environ.get("GRS_BENCH_CLIENTS", "16"))
BUSY_OFFICE = "UPZ-0-0-0"
NOTES = 10  # history entries on the case whose page is read, besides its lodging

# The busy GRO's post: first every open case there is moved to the next upazila, then
# BUSY_CASES open first-tier cases from all over are brought to it.
MOVE_AWAY_SQL = """
UPDATE cases SET office_id = :other_office, current_office_id = :other_office,
       current_post_id = :other_post
WHERE current_post_id = :post AND state <> 'closed'
"""
BRING_SQL = """
UPDATE cases SET office_id = :office, current_office_id = :office, current_post_id = :post
WHERE id IN (SELECT id FROM cases WHERE tier = 1 AND state <> 'closed'
             ORDER BY md5(id::text) LIMIT :n)
"""


@dataclass(frozen=True)
class Site:
    port: int
    cookies: dict[str, str]
    paths: dict[str, str]


def _busy_gro(rt: Runtime) -> tuple[int, int]:
    """The busy office's GRO, held by the officer the benchmark logs in as; its post's id."""
    with rt.db.write() as s:
        post = org.post_by_code(s, BUSY_OFFICE, "gro")
        officer = org.add_officer(s, "bench_gro", "বেঞ্চ", PASSWORD, password_hash=password_hash())
        org.assign_post(s, officer, post)
        other = org.post_by_code(s, "UPZ-0-0-1", "gro")
        s.execute(
            text(MOVE_AWAY_SQL),
            {"post": post.id, "other_post": other.id, "other_office": other.office_id},
        )
        s.execute(text(BRING_SQL), {"post": post.id, "office": post.office_id, "n": BUSY_CASES})
        _real_tracking_numbers(s, post.id)
        return post.id, officer.id


def _real_tracking_numbers(session: Any, post_id: int) -> None:
    """The filled rows' numbers lack the check digit a page asks for: the busy post's cases get
    numbers as lodging gives them (year, nine digits, check digit), unique by the row's id."""
    ids = session.scalars(text("SELECT id FROM cases WHERE current_post_id = :p"), {"p": post_id})
    numbers = []
    for case_id in ids:
        body = f"26{case_id:09d}"
        numbers.append({"id": case_id, "number": body + str(damm_digit(body))})
    session.execute(text("UPDATE cases SET tracking_number = :number WHERE id = :id"), numbers)


def _paths(rt: Runtime, post_id: int, officer_id: int) -> dict[str, str]:
    with rt.db.read_session() as s:
        tracking = s.scalar(
            text(
                "SELECT tracking_number FROM cases WHERE current_post_id = :p"
                " AND state = 'accepted' ORDER BY id LIMIT 1"
            ),
            {"p": post_id},
        )
        officer = org.officer_by_username(s, "bench_gro")
        actor = Actor("officer", officer)
    for i in range(NOTES):
        do(rt, str(tracking), "add_note", actor, note=f"নোট {i}")
    return {
        "queue": "/officer/",
        "filtered": "/officer/?state=accepted&tier=1&sort=received",
        "search": f"/officer/?q={str(tracking)[5:10]}",
        "case": f"/officer/cases/{tracking}",
        "public": "/",
    }


def _login(port: int) -> dict[str, str]:
    client = Client(HOST, port)
    token = client.token("/officer/login")
    status, _ = client.post(
        "/officer/login", {"csrf_token": token, "username": "bench_gro", "password": PASSWORD}
    )
    assert status == 302, status
    return client.cookies


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with scale_runtime("grs_pages", keep_copy=False) as rt:
        post_id, officer_id = _busy_gro(rt)
        paths = _paths(rt, post_id, officer_id)
        autocommit(rt.db.engine, "VACUUM ANALYZE cases", "VACUUM ANALYZE events")
        with gunicorn(rt.settings.database_url) as port:
            yield Site(port, _login(port), paths)


def _clients(site: Site, n: int) -> list[Client]:
    clients = [Client(HOST, site.port) for _ in range(n)]
    for client in clients:
        client.cookies = dict(site.cookies)
    return clients


def _page(path: str) -> Any:
    def work(client: Client) -> bool:
        status, html = client.get(path)
        return status == 200 and "</html>" in html

    return work


def _measure(site: Site, page: str) -> dict[str, Any]:
    work = _page(site.paths[page])
    saturated(_clients(site, CLIENTS), work, 2)  # every process has built its calendar
    steady = at_rate(_clients(site, CLIENTS), work, RATE, SECONDS).summary()
    flat_out = saturated(_clients(site, CLIENTS), work, SECONDS).summary()
    load = os.getloadavg()
    return {"at_rate": steady, "saturated": flat_out, "load_average": [round(x, 2) for x in load]}


@pytest.mark.parametrize("page", ["queue", "filtered", "search", "case", "public"])
def test_officer_pages_under_load(benchmark, site: Site, page: str) -> None:
    figures = benchmark.pedantic(_measure, args=(site, page), rounds=1, iterations=1)
    benchmark.extra_info.update(figures)
    steady, flat_out = figures["at_rate"], figures["saturated"]
    print(
        f"\n{page:9} at {RATE:g}/s: p50 {steady['p50_ms']} p95 {steady['p95_ms']}"
        f" p99 {steady['p99_ms']} ms, errors {steady['errors']}; saturated"
        f" ({CLIENTS} clients): {flat_out['per_second']}/s p95 {flat_out['p95_ms']} ms,"
        f" errors {flat_out['errors']}; load average {figures['load_average']}"
    )
    assert steady["errors"] == 0 and flat_out["errors"] == 0
