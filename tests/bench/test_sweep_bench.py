"""Escalation sweep speed on PostgreSQL with a million cases: 10,000 due must sweep in under 10 s,
and a sweep with nothing due must finish in under 0.1 s because it reads only the partial index
ix_cases_clock_due_on.

Run with `make bench`. The million rows are written once per run, in SQL, into a database of
their own that is dropped at the end.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, make_url, select, text

from grs.db.migrate import upgrade
from grs.db.models import RUNNING_PREDICATE, Service
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from grs.services import organisation as org
from grs.services.escalation import BATCH, SweepReport, claim_due, sweep
from tests.support import FakeClock, build_ladder, lodge_case

ROOT = Path(__file__).resolve().parents[2]
SKIP_HINT = (
    "sweep benchmark skipped: it needs PostgreSQL; set GRS_TEST_DATABASE_URL, e.g. "
    "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
CASES = 1_000_000
DUE = 10_000
EVERY = CASES // DUE  # one case in EVERY is due
# Cases are lodged on 23 Nov 2026; their tier deadlines fall in January 2027.
AS_OF = date(2027, 3, 1)
DUE_SQL = f"{RUNNING_PREDICATE} AND due_on < :as_of"

# The lodged case is the template; every other case copies its text and differs in where it
# stands: which of four ladder positions (`kinds`), and whether it is due, running or closed.
FILL_SQL = """
WITH kinds (k, tier, office_id, service_id, current_office_id, current_post_id, tier_days) AS (
    VALUES (0, 0, :upz, :service, :upz, :ict_post, 15),
           (1, 1, :upz, NULL::int, :upz, :upz_gro, 30),
           (2, 1, :upz2, NULL::int, :upz2, :upz2_gro, 30),
           (3, 2, :upz, NULL::int, :dist, :dist_gro, 20)
)
INSERT INTO cases (
    tracking_number, complaint_type, against, channel, on_behalf_of, anonymous,
    complainant_name, complainant_mobile, complainant_email, complainant_address,
    office_id, service_id, service_applied_on, service_decided, subject, details, remedy_sought,
    lodged_at, lodged_on, tier, state, current_office_id, current_post_id, tier_started_on,
    tier_days, extension_days, paused_days, due_on, overdue, decided_on, appealed_to_cell,
    closure_reason, version, clock_runs, language, sms_opt_out
)
SELECT
    lpad(g::text, 12, '0'), t.complaint_type, t.against, t.channel, '', false,
    t.complainant_name, t.complainant_mobile, '', '',
    k.office_id, k.service_id, CASE WHEN k.service_id IS NULL THEN NULL ELSE t.lodged_on END,
    false, t.subject, t.details, '',
    t.lodged_at, t.lodged_on, k.tier, s.state, k.current_office_id, k.current_post_id,
    t.tier_started_on, k.tier_days, 0, 0, s.due_on, false,
    CASE WHEN s.state = 'closed' THEN t.lodged_on + 20 END, false,
    CASE WHEN s.state = 'closed' THEN 'other' END, 1, s.state <> 'closed', 'bn', false
FROM generate_series(1, CAST(:copies AS integer)) AS g
JOIN cases AS t ON t.id = :template
JOIN kinds AS k ON k.k = (g / 7) % 4
CROSS JOIN LATERAL (
    SELECT CASE
               WHEN g % :every = 0 THEN 'new'
               WHEN g % 10 < 4 THEN (ARRAY['new', 'accepted', 'investigating'])[g % 3 + 1]
               ELSE 'closed'
           END AS state,
           CASE
               WHEN g % :every = 0 THEN t.due_on
               WHEN g % 10 < 4 THEN CAST(:as_of AS date) + (1 + g % 120)
               ELSE t.due_on - g % 300
           END AS due_on
) AS s
"""

LODGE_EVENTS_SQL = """
INSERT INTO events (
    case_id, seq, at, occurred_on, actor_kind, officer_id, action, from_state, to_state,
    from_tier, to_tier, due_before, due_after, note, data, citizen_visible, once_key
)
SELECT c.id, 1, e.at, e.occurred_on, e.actor_kind, NULL, 'lodge', NULL, 'new',
       NULL, c.tier, NULL, c.due_on, '', e.data, true, NULL
FROM cases AS c JOIN events AS e ON e.case_id = :template
WHERE c.id <> :template
"""

# Puts the due cases back as they were before a sweep, so that every round sweeps the same 10,000.
RESET_SQL = [
    "DELETE FROM notifications",
    "DELETE FROM events WHERE action = 'escalate'",
    # The lodge events stand again (the events trigger marked them superseded by the sweep).
    "UPDATE events SET next_on = NULL WHERE action = 'lodge' AND next_on IS NOT NULL",
    """UPDATE cases AS c
       SET tier = b.tier, state = b.state, current_office_id = b.current_office_id,
           current_post_id = b.current_post_id, tier_started_on = b.tier_started_on,
           tier_days = b.tier_days, extension_days = b.extension_days,
           paused_days = b.paused_days, opinion_due_on = b.opinion_due_on, due_on = b.due_on,
           overdue = b.overdue, version = b.version
       FROM bench_due AS b WHERE c.id = b.id""",
]


def _admin_url() -> str:
    url = os.environ.get("GRS_TEST_DATABASE_URL")
    if not url:
        pytest.skip(SKIP_HINT)
    return url


def _autocommit(engine: Engine, *statements: str) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for statement in statements:
            conn.execute(text(statement))


def _fill(rt: Runtime) -> None:
    build_ladder(rt)
    template = lodge_case(rt)
    with rt.db.write() as s:
        upz, upz2, dist = (org.office_by_code(s, code).id for code in ("UPZ", "UPZ2", "DIST"))
        params = {
            "upz": upz,
            "upz2": upz2,
            "dist": dist,
            "upz_gro": org.post_by_code(s, "UPZ", "gro").id,
            "upz2_gro": org.post_by_code(s, "UPZ2", "gro").id,
            "dist_gro": org.post_by_code(s, "DIST", "gro").id,
            "ict_post": org.post_by_code(s, "UPZ", "ict_officer").id,
            "service": s.scalar(
                select(Service.id).where(Service.office_id == upz, Service.number == 2)
            ),
            "template": template.id,
            "copies": CASES - 1,
            "every": EVERY,
            "as_of": AS_OF,
        }
        # The keys all come from the ladder just built; checking them once per row (four foreign
        # keys a case, one an event) would take longer than writing the rows.
        s.execute(text("SET LOCAL session_replication_role = replica"))
        s.execute(text(FILL_SQL), params)
        s.execute(text(LODGE_EVENTS_SQL), {"template": template.id})
        s.execute(text(f"CREATE TABLE bench_due AS SELECT * FROM cases WHERE {DUE_SQL}"), params)
    _autocommit(rt.db.engine, "VACUUM ANALYZE")


@pytest.fixture(scope="module")
def bench_rt() -> Iterator[Runtime]:
    """A fresh PostgreSQL database holding CASES cases of which DUE are due at AS_OF."""
    admin_url = make_url(_admin_url())
    name = f"grs_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url)
    _autocommit(admin, f'CREATE DATABASE "{name}"')
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    rt: Runtime | None = None
    try:
        upgrade(url)
        rt = Runtime.from_settings(replace(Settings(), database_url=url, root=ROOT))
        rt.clock = FakeClock("2026-11-23")
        _fill(rt)
        with rt.db.read_session() as s:
            rt.calendar(s)  # a running worker has its calendar built already
        assert _count(rt, "SELECT count(*) FROM cases") == CASES
        assert _due(rt) == DUE
        yield rt
    finally:
        if rt is not None:
            rt.db.dispose()
        _autocommit(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _scalar(rt: Runtime, query: str, **params: Any) -> Any:
    with rt.db.engine.connect() as conn:
        return conn.execute(text(query), params).scalar_one()


def _count(rt: Runtime, query: str, **params: Any) -> int:
    return int(_scalar(rt, query, **params))


def _due(rt: Runtime) -> int:
    return _count(rt, f"SELECT count(*) FROM cases WHERE {DUE_SQL}", as_of=AS_OF)


def _reset(rt: Runtime) -> None:
    with rt.db.engine.begin() as conn:
        for statement in RESET_SQL:
            conn.execute(text(statement))
    _autocommit(rt.db.engine, "VACUUM ANALYZE cases", "VACUUM ANALYZE events")
    assert _due(rt) == DUE


def claim_plan(rt: Runtime, as_of: date) -> str:
    """EXPLAIN ANALYZE of the sweep's own claim query, as the sweep sends it, rolled back."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "SKIP LOCKED" in statement:
            seen.append((statement, parameters))

    event.listen(rt.db.engine, "before_cursor_execute", capture)
    try:
        with rt.db.read_session() as s:
            claim_due(s, as_of, BATCH)
    finally:
        event.remove(rt.db.engine, "before_cursor_execute", capture)
    assert len(seen) == 1
    statement, parameters = seen[0]
    with rt.db.engine.connect() as conn:
        lines = conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters)
        plan = "\n".join(lines.scalars())
        conn.rollback()
    return plan


def _assert_reads_the_partial_index(plan: str) -> None:
    assert "ix_cases_clock_due_on" in plan, plan
    assert "Seq Scan" not in plan, plan


def test_sweep_of_10000_due_among_a_million(benchmark, bench_rt: Runtime) -> None:
    _reset(bench_rt)
    plan = claim_plan(bench_rt, AS_OF)
    benchmark.extra_info["claim_plan"] = plan
    print(f"\nclaim query, {DUE} due:\n{plan}")
    with bench_rt.db.engine.connect() as conn:
        rows = conn.execute(text("SELECT tier, count(*) FROM bench_due GROUP BY tier"))
        by_tier = {tier: count for tier, count in rows}
    assert set(by_tier) == {0, 1, 2}

    report: SweepReport = benchmark.pedantic(
        sweep, args=(bench_rt, AS_OF), setup=lambda: _reset(bench_rt), rounds=3, iterations=1
    )
    assert report.escalated == by_tier
    assert report.batches == DUE // BATCH
    assert _due(bench_rt) == 0
    assert _count(bench_rt, "SELECT count(*) FROM events WHERE action = 'escalate'") == DUE
    _assert_reads_the_partial_index(plan)
    assert benchmark.stats.stats.max < 10.0


def test_sweep_with_nothing_due_among_a_million(benchmark, bench_rt: Runtime) -> None:
    # The day the due cases reach their deadline: running cases abound, none is late yet.
    as_of = _scalar(bench_rt, "SELECT min(due_on) FROM bench_due")
    plan = claim_plan(bench_rt, as_of)
    benchmark.extra_info["claim_plan"] = plan
    print(f"\nclaim query, nothing due:\n{plan}")

    report: SweepReport = benchmark.pedantic(sweep, args=(bench_rt, as_of), rounds=50)
    assert not report.escalated and report.marked_overdue == 0 and report.batches == 0
    _assert_reads_the_partial_index(plan)
    assert benchmark.stats.stats.max < 0.1
