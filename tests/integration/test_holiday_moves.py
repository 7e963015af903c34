"""A holiday change moves many deadlines set-wise: each moved case gets the deadline worked out
independently here, one history row at its next version, and nothing outside the window moves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from grs.db.models import Case, Event
from grs.services.holiday_changes import HolidayRequest, change_holiday
from tests.support import build_ladder, lodge_case

D = date.fromisoformat
HOLIDAY = D("2026-12-10")


def _day_by_day(calendar, start: date, n: int) -> date:
    day, counted = start, 0
    while counted < n:
        day = date.fromordinal(day.toordinal() + 1)
        counted += calendar.is_working_day(day)
    return day


def test_every_case_in_the_window_moves_once_and_the_rest_stay(rt):
    build_ladder(rt)
    cases = [lodge_case(rt) for _ in range(6)]
    # Different clocks: paused days, an extension, a start after the holiday, a closed case.
    shapes = [
        {"paused_days": 3},
        {"extension_days": 10},
        {"tier_started_on": D("2026-12-15"), "due_on": D("2027-01-30")},
        {"state": "closed"},
        {},
        {"tier_days": 5, "tier_started_on": D("2026-11-01"), "due_on": D("2026-11-08")},
    ]
    with rt.db.write() as s:
        for case, shape in zip(cases, shapes, strict=True):
            if shape:
                s.execute(update(Case).where(Case.id == case.id).values(**shape))
    with rt.db.read_session() as s:
        before = {c.id: c for c in s.scalars(select(Case)).all()}
        s.expunge_all()

    with rt.db.write() as s:
        outcome = change_holiday(rt, s, HolidayRequest(HOLIDAY, "add", "বন্যা", "test", "বন্যা"))

    calendar = rt.calendar(rt.db.read_session())
    with rt.db.read_session() as s:
        after = {c.id: c for c in s.scalars(select(Case)).all()}
        events = s.scalars(select(Event).where(Event.action == "recompute_deadline")).all()
    in_window = [
        c.id
        for c in before.values()
        if c.state != "closed" and c.tier_started_on < HOLIDAY <= c.due_on
    ]
    assert outcome.deadlines_moved == len(in_window) == 3
    for case_id, old in before.items():
        new = after[case_id]
        if case_id in in_window:
            n = old.tier_days + old.extension_days + old.paused_days
            assert new.due_on == _day_by_day(calendar, old.tier_started_on, n) != old.due_on
            assert new.version == old.version + 1
        else:
            assert (new.due_on, new.version) == (old.due_on, old.version)
    assert sorted(e.case_id for e in events) == sorted(in_window)
    for event in events:
        old, new = before[event.case_id], after[event.case_id]
        assert (event.seq, event.due_before, event.due_after) == (
            new.version,
            old.due_on,
            new.due_on,
        )
        assert event.data == {"holiday_change_id": outcome.change_id, "holiday_on": "2026-12-10"}
        assert (event.actor_kind, event.from_state, event.to_state) == (
            "system",
            old.state,
            old.state,
        )
        assert event.at.tzinfo is not None and "বন্যা" in event.note
        assert event.held_by_office_id == old.current_office_id  # reports place it by this
