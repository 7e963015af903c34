"""Scale on PostgreSQL with data shaped like production: 200 offices (a cell, a directorate,
8 divisions, 64 districts, 126 upazilas), a million cases at every tier, running, paused and
closed, each with its lodging in the history.

- `grs sweep` end to end (a process of its own, as cron or the worker runs it) with 10,000 and
  with 100,000 cases due; an in-process sweep with none due.
- A holiday change touching every open deadline, and one touching about 1 % of them.

Run with `make bench`. The data: tests/bench/scale_data.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from grs.processes.runtime import Runtime
from grs.services.escalation import sweep
from grs.services.holiday_changes import HolidayRequest, change_holiday
from tests.bench.scale_data import AS_OF, CASES, ROOT, autocommit, scale_runtime

DUE_SQL = "SELECT count(*) FROM cases WHERE clock_runs AND NOT overdue AND due_on < :as_of"


@pytest.fixture(scope="module")
def scale_rt() -> Iterator[Runtime]:
    with scale_runtime("grs_scale") as rt:
        yield rt


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
    autocommit(rt.db.engine, "VACUUM ANALYZE cases", "VACUUM ANALYZE events")


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
