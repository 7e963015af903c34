"""Report speed on PostgreSQL: a district's quarterly grievance report, read from the history of
CASES cases (target: a million, under 2 s), and the appeal officer's dashboard (under 0.3 s).
The dashboard keeps the figures of ended months: measured warm, and as a process's first reading.

Run with `make bench`; GRS_BENCH_REPORT_CASES sets another number of cases (the rows are written
in SQL, once per run, into a database of their own that is dropped at the end).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from grs.db.migrate import upgrade
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from grs.reports.grievance import grievance_report
from grs.reports.offices import OfficeTree
from grs.reports.periods import parse_period
from grs.reports.reading import officer_dashboard
from grs.services import organisation as org
from tests.support import FakeClock, build_ladder, lodge_case

ROOT = Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("GRS_BENCH_REPORT_CASES", "1000000"))
SKIP_HINT = "report benchmark skipped: it needs PostgreSQL (GRS_TEST_DATABASE_URL)"

# Cases lodged one a minute or so over two years at two upazilas; a third decided in 20 days,
# a third escalated to the district after 43, a third still open; half the decisions record
# their cause.
CASES_SQL = """
INSERT INTO cases (
    tracking_number, complaint_type, against, channel, on_behalf_of, anonymous,
    complainant_name, complainant_mobile, complainant_email, complainant_address,
    office_id, service_id, service_decided, subject, details, remedy_sought,
    lodged_at, lodged_on, tier, state, clock_runs, current_office_id, current_post_id,
    tier_started_on, tier_days, extension_days, paused_days, due_on, overdue, appealed_to_cell,
    version, language, sms_opt_out
)
SELECT lpad(g::text, 12, '0'), (ARRAY['citizen', 'office', 'staff'])[g % 3 + 1], 'service',
       (ARRAY['web', 'paper', 'phone', 'in_person'])[g % 4 + 1], '', false, '', '', '', '',
       CASE WHEN g % 2 = 0 THEN :upz ELSE :upz2 END, NULL, false, t.subject, t.details, '',
       t.lodged_at, d.lodged_on, 1, 'new', true,
       CASE WHEN g % 2 = 0 THEN :upz ELSE :upz2 END, :upz_gro, d.lodged_on, 30, 0, 0,
       d.lodged_on + 42, false, false, 1, 'bn', false
FROM generate_series(1, CAST(:copies AS integer)) AS g
JOIN cases AS t ON t.id = :template
CROSS JOIN LATERAL (SELECT DATE '2025-01-01' + (g % 690) AS lodged_on) AS d
"""
# The events as the database's trigger fills them (office before, stint start, the case's
# channel, service and type, the day superseded), written at once so that the fill is quick.
_EVENT_COLUMNS = """(case_id, seq, at, occurred_on, actor_kind, action, from_state, to_state,
    from_tier, to_tier, due_before, due_after, held_by_office_id, note, data, citizen_visible,
    prev_office_id, stint_started_on, next_on, case_channel, case_service_id,
    case_complaint_type)"""
EVENTS_SQL = [
    f"""INSERT INTO events {_EVENT_COLUMNS}
       SELECT id, 1, lodged_at, lodged_on, 'citizen', 'lodge', NULL, 'new', NULL, 1, NULL,
              due_on, office_id, '', '{{}}', true, NULL, lodged_on,
              CASE id % 3 WHEN 0 THEN lodged_on + 20 WHEN 1 THEN lodged_on + 43 END,
              channel, service_id, complaint_type
       FROM cases WHERE id <> :template""",
    f"""INSERT INTO events {_EVENT_COLUMNS}
       SELECT id, 2, lodged_at, lodged_on + 20, 'officer', 'resolve', 'new', 'resolved', 1, 1,
              due_on, due_on, office_id, '',
              CASE WHEN id % 2 = 0 THEN '{{"decision_cause": "c", "decision_text": "t"}}'
                   ELSE '{{}}' END::json,
              true, office_id, lodged_on, NULL,
              channel, service_id, complaint_type
       FROM cases WHERE id % 3 = 0 AND id <> :template""",
    f"""INSERT INTO events {_EVENT_COLUMNS}
       SELECT id, 2, lodged_at, lodged_on + 43, 'system', 'escalate', 'new', 'new', 1, 2,
              due_on, lodged_on + 71, :dist, '', '{{}}', true, office_id, lodged_on + 43, NULL,
              channel, service_id, complaint_type
       FROM cases WHERE id % 3 = 1 AND id <> :template""",
    """UPDATE cases SET state = 'resolved', clock_runs = false, decided_on = lodged_on + 20
       WHERE id % 3 = 0 AND id <> :template""",
    """UPDATE cases SET tier = 2, current_office_id = :dist, current_post_id = :dist_gro,
           tier_started_on = lodged_on + 43, due_on = lodged_on + 71
       WHERE id % 3 = 1 AND id <> :template""",
]


def _autocommit(engine: Engine, *statements: str) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for statement in statements:
            conn.execute(text(statement))


def _fill(rt: Runtime) -> None:
    build_ladder(rt)
    template = lodge_case(rt)
    with rt.db.write() as s:
        params = {
            "upz": org.office_by_code(s, "UPZ").id,
            "upz2": org.office_by_code(s, "UPZ2").id,
            "dist": org.office_by_code(s, "DIST").id,
            "upz_gro": org.post_by_code(s, "UPZ", "gro").id,
            "dist_gro": org.post_by_code(s, "DIST", "gro").id,
            "template": template.id,
            "copies": CASES - 1,
        }
        s.execute(text("SET LOCAL session_replication_role = replica"))
        s.execute(text(CASES_SQL), params)
        for statement in EVENTS_SQL:
            s.execute(text(statement), params)
    _autocommit(rt.db.engine, "VACUUM ANALYZE")


@pytest.fixture(scope="module")
def bench_rt() -> Iterator[Runtime]:
    url_text = os.environ.get("GRS_TEST_DATABASE_URL")
    if not url_text:
        pytest.skip(SKIP_HINT)
    admin_url = make_url(url_text)
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
            rt.calendar(s)
        yield rt
    finally:
        if rt is not None:
            rt.db.dispose()
        _autocommit(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_quarterly_district_report(benchmark, bench_rt):
    def run():
        with bench_rt.db.read_session() as s:
            tree = OfficeTree.load(s)
            return grievance_report(
                bench_rt, s, tree, tree.by_code("DIST"), parse_period("2026-Q2")
            )

    report = benchmark.pedantic(run, rounds=3, iterations=1, warmup_rounds=1)
    gro = next(b for b in report.blocks if b.key == "gro")
    assert gro.total.values["received"] > CASES // 10  # a quarter of two years' cases, roughly
    assert 0 < gro.total.values["settled_with_cause"] < gro.total.values["settled"]
    assert benchmark.stats.stats.median < 2.0


def test_appeal_officers_dashboard(benchmark, bench_rt):
    with bench_rt.db.read_session() as s:
        officer = org.officer_by_username(s, "ao_dist")
        s.expunge(officer)

    def run():
        with bench_rt.db.read_session() as s:
            return officer_dashboard(bench_rt, s, s.merge(officer, load=False))

    board = benchmark.pedantic(run, rounds=5, iterations=1, warmup_rounds=1)
    assert board.overdue > 0
    assert benchmark.stats.stats.median < 0.3


def test_appeal_officers_first_dashboard(benchmark, bench_rt):
    """The same, as a process's first reading: no month's figures kept yet."""
    with bench_rt.db.read_session() as s:
        officer = org.officer_by_username(s, "ao_dist")
        s.expunge(officer)

    def run():
        with bench_rt.db.read_session() as s:
            return officer_dashboard(bench_rt, s, s.merge(officer, load=False))

    board = benchmark.pedantic(run, setup=bench_rt.ended_months.clear, rounds=5, iterations=1)
    assert board.overdue > 0
