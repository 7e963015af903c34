"""Every event knows the office before it, the day its stint began and the day it was
superseded, whoever wrote it: lodging, an officer's action, the citizen's appeal, the sweep and
a holiday change. The columns are worked out again here from the ordered history."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from grs.db.migrate import alembic_config, upgrade
from grs.db.models import Case, Event
from grs.services.escalation import sweep
from grs.services.holiday_changes import HolidayRequest, make_holiday_change
from tests.integration.report_support import generate
from tests.support import build_ladder, do, lodge_case

D = date.fromisoformat


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def chain_columns(rt):
    """Per event id: the columns the database fills, as stored, and as the history in order
    and the case say they must be."""
    with rt.db.read_session() as s:
        events = list(s.scalars(select(Event).order_by(Event.case_id, Event.seq)))
        cases = {c.id: (c.channel, c.service_id, c.complaint_type) for c in s.scalars(select(Case))}
    stored, expected = {}, {}
    stint = None
    for i, e in enumerate(events):
        prev = events[i - 1] if i and events[i - 1].case_id == e.case_id else None
        following = events[i + 1] if i + 1 < len(events) else None
        nxt = following if following is not None and following.case_id == e.case_id else None
        prev_office = prev.held_by_office_id if prev else None
        if prev_office is None or e.held_by_office_id != prev_office or e.from_tier != e.to_tier:
            stint = e.occurred_on
        expected[e.id] = (prev_office, stint, nxt.occurred_on if nxt else None, cases[e.case_id])
        stored[e.id] = (e.prev_office_id, e.stint_started_on, e.next_on,
                        (e.case_channel, e.case_service_id, e.case_complaint_type))  # fmt: skip
    return stored, expected, events


def test_every_writer_keeps_the_chain(rt, clock, ladder):
    clock.set("2026-03-02")
    forwarded, appealed, late = lodge_case(rt), lodge_case(rt), lodge_case(rt)
    gro = ladder.officer("gro_upz")
    clock.set("2026-03-03")
    do(rt, forwarded.tracking_number, "forward", gro, target_office="UPZ2")
    do(rt, appealed.tracking_number, "accept", gro)
    clock.set("2026-03-05")
    do(rt, appealed.tracking_number, "resolve", gro, closure_reason="service_given")
    clock.set("2026-03-08")
    do(rt, appealed.tracking_number, "appeal")
    admin = ladder.officers["admin"]
    make_holiday_change(rt, admin, HolidayRequest(D("2026-03-10"), "add", "বন্যা", "admin", "বন্যা"))
    after_due = late.due_on + timedelta(days=5)
    clock.set(after_due)
    sweep(rt, after_due)
    stored, expected, events = chain_columns(rt)
    assert stored == expected
    actions = {e.action for e in events}
    assert {"lodge", "forward", "resolve", "appeal", "recompute_deadline", "escalate"} <= actions
    moved = next(e for e in events if e.action == "forward")
    assert (moved.prev_office_id, moved.stint_started_on) == (forwarded.office_id, D("2026-03-03"))
    resolved = next(e for e in events if e.action == "resolve")
    assert resolved.stint_started_on == D("2026-03-02")  # accepted on the 3rd: the same stint
    assert all(e.next_on is not None for e in events if e.action == "lodge")


def test_generated_histories_keep_the_chain(rt, clock, ladder):
    generate(rt, clock, ladder, D("2026-01-04"), 60, seed=11)
    stored, expected, events = chain_columns(rt)
    assert len(events) > 100
    assert len({e.case_service_id for e in events}) > 1  # some cases name a service
    assert stored == expected


def test_the_migration_fills_the_columns_of_older_events(rt, clock, ladder, database_url):
    generate(rt, clock, ladder, D("2026-01-04"), 40, seed=5)
    rt.db.dispose()
    config = alembic_config(database_url)
    before = ScriptDirectory.from_config(config).get_revision("1720").down_revision
    command.downgrade(config, str(before))  # the columns and the trigger go
    with rt.db.write() as s:  # an event written without the trigger, as before the revision
        s.execute(
            text(
                "INSERT INTO events (case_id, seq, at, occurred_on, actor_kind, action, "
                "from_state, to_state, from_tier, to_tier, held_by_office_id, note, data, "
                "citizen_visible) SELECT case_id, seq + 1, at, occurred_on, 'system', 'note', "
                "to_state, to_state, to_tier, to_tier, held_by_office_id, '', '{}', false "
                "FROM events WHERE seq = (SELECT max(seq) FROM events AS e "
                "WHERE e.case_id = events.case_id)"
            )
        )
    rt.db.dispose()
    upgrade(database_url)
    stored, expected, events = chain_columns(rt)
    assert len(events) > 50
    assert stored == expected


@contextmanager
def chaining_row_by_row_refused(rt):
    """The trigger's function fails if reached: rows that arrive chained never reach it."""
    with rt.db.write() as s:
        original = s.scalar(text("SELECT pg_get_functiondef('events_chain'::regproc)"))
        s.execute(text(_REFUSING))
    try:
        yield
    finally:
        with rt.db.write() as s:
            s.execute(text(original))


_REFUSING = """CREATE OR REPLACE FUNCTION events_chain() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'a bulk history row was chained row by row'; END $$ LANGUAGE plpgsql"""


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_sweep_and_a_holiday_chain_their_rows_set_wise(rt, clock, ladder):
    clock.set("2026-03-02")
    cases = [lodge_case(rt, office_code=code) for code in ("UPZ", "UPZ2", "UPZ")]
    do(rt, cases[2].tracking_number, "forward", ladder.officer("gro_upz"), target_office="UPZ2")
    admin = ladder.officers["admin"]
    after_due = max(case.due_on for case in cases) + timedelta(days=5)
    with chaining_row_by_row_refused(rt):
        outcome = make_holiday_change(
            rt, admin, HolidayRequest(D("2026-03-10"), "add", "বন্যা", "admin", "বন্যা")
        )
        clock.set(after_due)
        report = sweep(rt, after_due)
    assert outcome.deadlines_moved == 3
    assert sum(report.escalated.values()) == 3
    stored, expected, events = chain_columns(rt)
    assert stored == expected
    assert [e.action for e in events].count("recompute_deadline") == 3
