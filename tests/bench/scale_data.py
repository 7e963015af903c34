"""The data of the scale benchmarks, shaped like production: 200 offices (a cell, a directorate,
8 divisions, 64 districts, 126 upazilas) and a million cases at every tier, running, paused and
closed, each with its lodging in the history. Written once per run, in SQL, into a PostgreSQL
database of its own that is dropped at the end. GRS_BENCH_CASES sets how many cases.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from grs.services import organisation as org
from tests.conftest import fresh_postgres_database
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
    decided_on, appealed_to_cell, closure_reason, version, language, sms_opt_out
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
    CASE WHEN c.state = 'closed' THEN 'other' END, 1, 'bn', false
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
    once_key, stint_started_on, case_channel, case_service_id, case_complaint_type
)
SELECT c.id, 1, e.at, c.lodged_on, e.actor_kind, NULL, 'lodge', NULL, 'new',
       NULL, c.tier, c.current_office_id, NULL, c.due_on, '', e.data, true, NULL,
       c.lodged_on, c.channel, c.service_id, c.complaint_type
FROM cases AS c JOIN events AS e ON e.case_id = :template
WHERE c.id <> :template
"""


def autocommit(engine: Engine, *statements: str) -> None:
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


def fill(rt: Runtime, keep_copy: bool = True) -> None:
    _offices(rt)
    template = lodge_case(rt, office_code="UPZ-0-0-0")
    with rt.db.write() as s:
        s.execute(text("SET LOCAL session_replication_role = replica"))
        params = {"template": template.id, "copies": CASES - 1, "as_of": AS_OF}
        s.execute(text(FILL_SQL), params)
        s.execute(text(LODGE_EVENTS_SQL), {"template": template.id})
        _true_deadlines(rt, s)
        if keep_copy:  # what the benchmarks that change cases reset them from
            s.execute(text("CREATE TABLE bench_cases AS SELECT * FROM cases"))
    autocommit(rt.db.engine, "VACUUM ANALYZE")


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


@contextmanager
def scale_runtime(prefix: str, keep_copy: bool = True) -> Iterator[Runtime]:
    """A runtime over a new database filled with the scale data, dropped afterwards."""
    if not os.environ.get("GRS_TEST_DATABASE_URL"):
        pytest.skip("scale benchmark skipped: set GRS_TEST_DATABASE_URL to a PostgreSQL server")
    with fresh_postgres_database(prefix) as url:
        rt = Runtime.from_settings(replace(Settings(), database_url=url, root=ROOT))
        rt.clock = FakeClock(TODAY)
        try:
            fill(rt, keep_copy)
            yield rt
        finally:
            rt.db.dispose()
