"""Scale on PostgreSQL with data shaped like production: 200 offices (a cell, a directorate,
8 divisions, 64 districts, 126 upazilas), a million cases at every tier, running, paused and
closed, each with its lodging in the history.

- `grs sweep` end to end (a process of its own, as cron or the worker runs it) with 10,000 and
  with 100,000 cases due; an in-process sweep with none due.
- A holiday change touching every open deadline, and one touching about 1 % of them.

Run with `make bench`. The rows are written once per run, in SQL, into a database of their own
that is dropped at the end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from grs.db.migrate import upgrade
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from grs.services import organisation as org
from grs.services.escalation import sweep
from grs.services.holiday_changes import HolidayRequest, change_holiday
from tests.support import FakeClock, lodge_case

ROOT = Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("GRS_BENCH_CASES", "1000000"))
DIVISIONS, DISTRICTS_PER, UPAZILAS = 8, 8, 126
TODAY = "2026-11-23"
AS_OF = date(2026, 11, 23)

# Every case copies the lodged template's text; where it stands comes from its number g:
# its upazila (g % 126), its tier (1 at the upazila's GRO or 2 at the district's), its state
# (running, paused or closed) and its clock: every tier started in the four weeks before AS_OF,
# so none is due yet and a holiday just after AS_OF falls inside every open deadline. The
# deadlines themselves are worked out from the calendar after the rows are in.
FILL_SQL = """
WITH places AS (
    SELECT row_number() OVER (ORDER BY u.id) - 1 AS i, u.id AS upazila, ug.id AS upazila_gro,
           u.parent_id AS district, dg.id AS district_gro
    FROM offices AS u
    JOIN posts AS ug ON ug.office_id = u.id AND ug.kind = 'gro'
    JOIN posts AS dg ON dg.office_id = u.parent_id AND dg.kind = 'gro'
    WHERE u.code LIKE 'UPZ-%'
)
INSERT INTO cases (
    tracking_number, complaint_type, against, channel, on_behalf_of, anonymous,
    complainant_name, complainant_mobile, complainant_email, complainant_address,
    office_id, service_id, service_applied_on, service_decided, subject, details, remedy_sought,
    lodged_at, lodged_on, tier, state, current_office_id, current_post_id, tier_started_on,
    tier_days, extension_days, paused_days, paused_since, clock_runs, due_on, overdue,
    decided_on, appealed_to_cell, closure_reason, version
)
SELECT
    lpad(g::text, 12, '0'), t.complaint_type, t.against, t.channel, '', false,
    t.complainant_name, t.complainant_mobile, '', '',
    p.upazila, NULL, NULL, false, t.subject, t.details, '',
    t.lodged_at, c.started, c.tier, c.state,
    CASE WHEN c.tier = 1 THEN p.upazila ELSE p.district END,
    CASE WHEN c.tier = 1 THEN p.upazila_gro ELSE p.district_gro END,
    c.started, c.days, 0, 0, CASE WHEN c.state = 'info_requested' THEN c.started + 3 END,
    c.state IN ('new', 'accepted', 'investigating'), c.due, false,
    CASE WHEN c.state = 'closed' THEN c.started + 20 END, false,
    CASE WHEN c.state = 'closed' THEN 'other' END, 1
FROM generate_series(1, CAST(:copies AS integer)) AS g
JOIN cases AS t ON t.id = :template
JOIN places AS p ON p.i = g % 126
CROSS JOIN LATERAL (
    SELECT 1 + (g / 126) % 2 AS tier,
           CASE WHEN g % 10 = 9 THEN 'closed'
                WHEN g % 10 = 8 THEN 'info_requested'
                ELSE (ARRAY['new', 'accepted', 'investigating'])[g % 3 + 1] END AS state,
           CAST(:as_of AS date) - (1 + g % 28) AS started,
           CASE WHEN (g / 126) % 2 = 0 THEN 30 ELSE 20 END AS days
) AS c0
CROSS JOIN LATERAL (SELECT c0.*, CAST(:as_of AS date) AS due) AS c
"""

LODGE_EVENTS_SQL = """
INSERT INTO events (
    case_id, seq, at, occurred_on, actor_kind, officer_id, action, from_state, to_state,
    from_tier, to_tier, held_by_office_id, due_before, due_after, note, data, citizen_visible,
    once_key
)
SELECT c.id, 1, e.at, c.lodged_on, e.actor_kind, NULL, 'lodge', NULL, 'new',
       NULL, c.tier, c.current_office_id, NULL, c.due_on, '', e.data, true, NULL
FROM cases AS c JOIN events AS e ON e.case_id = :template
WHERE c.id <> :template
"""

DUE_SQL = "SELECT count(*) FROM cases WHERE clock_runs AND NOT overdue AND due_on < :as_of"


def _admin_url() -> str:
    url = os.environ.get("GRS_TEST_DATABASE_URL")
    if not url:
        pytest.skip("scale benchmark skipped: set GRS_TEST_DATABASE_URL to a PostgreSQL server")
    return url


def _autocommit(engine: Engine, *statements: str) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for statement in statements:
            conn.execute(text(statement))


def _offices(rt: Runtime) -> None:
    with rt.db.write() as s:
        org.upsert_office(s, org.OfficeInput("CELL", "অভিযোগ ব্যবস্থাপনা সেল", "Cell", kind="cell"))
        org.upsert_office(s, org.OfficeInput("DIR", "অধিদপ্তর", "Directorate", "CELL"))
        upazilas = 0
        for d in range(DIVISIONS):
            org.upsert_office(s, org.OfficeInput(f"DIV-{d}", f"বিভাগ {d}", f"Division {d}", "DIR"))
            for k in range(DISTRICTS_PER):
                district = f"DIST-{d}-{k}"
                org.upsert_office(s, org.OfficeInput(district, district, district, f"DIV-{d}"))
                for u in range(2):
                    if upazilas < UPAZILAS:
                        code = f"UPZ-{d}-{k}-{u}"
                        org.upsert_office(s, org.OfficeInput(code, code, code, district))
                        upazilas += 1


def _fill(rt: Runtime) -> None:
    _offices(rt)
    template = lodge_case(rt, office_code="UPZ-0-0-0")
    with rt.db.write() as s:
        s.execute(text("SET LOCAL session_replication_role = replica"))
        params = {"template": template.id, "copies": CASES - 1, "as_of": AS_OF}
        s.execute(text(FILL_SQL), params)
        s.execute(text(LODGE_EVENTS_SQL), {"template": template.id})
        _true_deadlines(rt, s)
        s.execute(text("CREATE TABLE bench_cases AS SELECT * FROM cases"))
    _autocommit(rt.db.engine, "VACUUM ANALYZE")


def _true_deadlines(rt: Runtime, session: Any) -> None:
    calendar = rt.calendar(session)
    pairs = session.execute(text("SELECT DISTINCT tier_started_on, tier_days FROM cases")).all()
    for start, days in pairs:
        session.execute(
            text(
                "UPDATE cases SET due_on = :due WHERE tier_started_on = :start AND tier_days = :n"
            ),
            {"due": calendar.add_working_days(start, days), "start": start, "n": days},
        )


@pytest.fixture(scope="module")
def scale_rt() -> Iterator[Runtime]:
    admin_url = make_url(_admin_url())
    name = f"grs_scale_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url)
    _autocommit(admin, f'CREATE DATABASE "{name}"')
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    rt: Runtime | None = None
    try:
        upgrade(url)
        rt = Runtime.from_settings(replace(Settings(), database_url=url, root=ROOT))
        rt.clock = FakeClock(TODAY)
        _fill(rt)
        yield rt
    finally:
        if rt is not None:
            rt.db.dispose()
        _autocommit(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _count(rt: Runtime, query: str, **params: Any) -> int:
    with rt.db.engine.connect() as conn:
        return int(conn.execute(text(query), params).scalar_one())


def _reset(rt: Runtime, due: int) -> None:
    """The cases as filled, then `due` of the running ones made due before AS_OF."""
    with rt.db.engine.begin() as conn:
        # TRUNCATE, not DELETE: dead outbox rows would slow every FK check of the next DELETE.
        conn.execute(text("TRUNCATE notifications"))
        conn.execute(text("DELETE FROM events WHERE action <> 'lodge'"))
        # The lodge events stand again (the events trigger marked them superseded since).
        conn.execute(text("UPDATE events SET next_on = NULL WHERE next_on IS NOT NULL"))
        conn.execute(text("DELETE FROM holiday_changes"))
        conn.execute(
            text(
                """UPDATE cases AS c
                   SET tier = b.tier, state = b.state, current_office_id = b.current_office_id,
                       current_post_id = b.current_post_id, tier_started_on = b.tier_started_on,
                       tier_days = b.tier_days, extension_days = b.extension_days,
                       paused_days = b.paused_days, paused_since = b.paused_since,
                       clock_runs = b.clock_runs, due_on = b.due_on, overdue = b.overdue,
                       version = b.version
                   FROM bench_cases AS b
                   WHERE c.id = b.id AND (c.version <> b.version OR c.due_on <> b.due_on)"""
            )
        )
        # `due` running cases chosen at random over every office, due before AS_OF.
        conn.execute(
            text(
                """UPDATE cases SET due_on = CAST(:as_of AS date) - 1 - id % 5
                   WHERE id IN (SELECT id FROM cases WHERE clock_runs
                                ORDER BY md5(id::text) LIMIT :due)"""
            ),
            {"due": due, "as_of": AS_OF},
        )
    _autocommit(rt.db.engine, "VACUUM ANALYZE cases", "VACUUM ANALYZE events")


def _grs_sweep(rt: Runtime) -> dict[str, Any]:
    env = {**os.environ, "GRS_DATABASE_URL": rt.settings.database_url}
    done = subprocess.run(
        [sys.executable, "-m", "grs", "sweep", "--as-of", AS_OF.isoformat(), "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("due", [10_000, 100_000])
def test_grs_sweep_end_to_end(benchmark, scale_rt: Runtime, due: int) -> None:
    due = min(due, CASES // 2)  # a smaller run (GRS_BENCH_CASES) has fewer running cases
    _reset(scale_rt, due)
    assert _count(scale_rt, DUE_SQL, as_of=AS_OF) == due
    report = benchmark.pedantic(
        _grs_sweep, args=(scale_rt,), setup=lambda: _reset(scale_rt, due), rounds=3
    )
    assert report["escalated"] + report["marked_overdue"] == due
    assert _count(scale_rt, DUE_SQL, as_of=AS_OF) == 0


def test_sweep_with_nothing_due(benchmark, scale_rt: Runtime) -> None:
    _reset(scale_rt, 0)
    with scale_rt.db.engine.begin() as conn:
        conn.execute(
            text("UPDATE cases SET due_on = :as_of WHERE due_on < :as_of"), {"as_of": AS_OF}
        )
    with scale_rt.db.read_session() as s:
        scale_rt.calendar(s)  # a running worker has built its calendar already
    report = benchmark.pedantic(sweep, args=(scale_rt, AS_OF), rounds=30)
    assert report.batches == 0 and not report.escalated


def _holiday(rt: Runtime, on: date) -> int:
    with rt.db.write() as s:
        request = HolidayRequest(on, "add", "বন্যা", "bench", "বন্যা")
        return change_holiday(rt, s, request).deadlines_moved


def _first_working_day_after(rt: Runtime, day: date) -> date:
    with rt.db.read_session() as s:
        calendar = rt.calendar(s)
    return calendar.add_working_days(day, 1)


@pytest.mark.parametrize("share", ["all", "1%"])
def test_holiday_change(benchmark, scale_rt: Runtime, share: str) -> None:
    _reset(scale_rt, 0)
    if share == "all":
        on = _first_working_day_after(scale_rt, AS_OF)
    else:
        # The last open deadline: only the cases due that very day have it in their window.
        with scale_rt.db.engine.connect() as conn:
            on = conn.execute(text("SELECT max(due_on) FROM cases WHERE state <> 'closed'"))
            on = on.scalar_one()
    open_cases = _count(scale_rt, "SELECT count(*) FROM cases WHERE state <> 'closed'")
    # Cases due on AS_OF itself have the day after outside their window: they stay.
    in_window = _count(
        scale_rt,
        "SELECT count(*) FROM cases WHERE state <> 'closed' AND tier_started_on < :on"
        " AND due_on >= :on",
        on=on,
    )
    moved = benchmark.pedantic(
        _holiday, args=(scale_rt, on), setup=lambda: _reset(scale_rt, 0), rounds=2
    )
    benchmark.extra_info.update(open=open_cases, moved=moved, on=on.isoformat())
    assert moved == in_window
    events = _count(scale_rt, "SELECT count(*) FROM events WHERE action = 'recompute_deadline'")
    assert events == moved > 0
    if share == "all":
        assert moved >= 0.95 * open_cases
    else:
        assert moved <= 0.03 * open_cases
