"""After a holiday change the worker tells every complainant whose deadline moved, once, with
the new date in their language: a second run, a crash mid-way or two changes lose or double
nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, update

from grs.db.models import Case, HolidayChange, Notification
from grs.processes.worker import run_once
from grs.services import deadline_notices
from grs.services.deadline_notices import tell_moved_deadlines
from grs.services.holiday_changes import HolidayRequest, change_holiday
from tests.support import build_ladder, lodge_case

D = date.fromisoformat


@pytest.fixture
def cases(rt):
    build_ladder(rt)
    lodged = [lodge_case(rt) for _ in range(5)]
    with rt.db.write() as s:
        s.execute(update(Case).where(Case.id == lodged[1].id).values(language="en"))
        s.execute(update(Case).where(Case.id == lodged[2].id).values(state="closed"))
    return lodged


def _add(rt, on: str) -> int:
    with rt.db.write() as s:
        return change_holiday(rt, s, HolidayRequest(D(on), "add", "বন্যা", "test", "বন্যা")).change_id


def _moved_messages(rt) -> list[tuple[int, str, str]]:
    with rt.db.read_session() as s:
        rows = s.scalars(select(Notification).where(Notification.kind == "deadline_moved"))
        return sorted((r.case_id, r.language, r.body) for r in rows)


def _due(rt) -> dict[int, date]:
    with rt.db.read_session() as s:
        return {c.id: c.due_on for c in s.scalars(select(Case))}


def test_every_moved_case_is_told_once_with_its_new_date(rt, cases):
    _add(rt, "2026-12-01")
    assert _moved_messages(rt) == []
    assert run_once(rt, ("notifications",))["deadlines_moved_told"] == 4
    due = _due(rt)
    messages = _moved_messages(rt)
    assert [case_id for case_id, *_ in messages] == sorted(c.id for c in cases if c != cases[2])
    for case_id, language, body in messages:
        assert language == ("en" if case_id == cases[1].id else "bn")
        shown = due[case_id].strftime("%d/%m/%Y")
        assert (
            shown
            if language == "en"
            else shown.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
        ) in body
    assert tell_moved_deadlines(rt) == 0
    assert _moved_messages(rt) == messages


def test_a_later_move_does_not_change_what_the_first_message_says(rt, cases):
    _add(rt, "2026-12-01")
    first = _due(rt)
    _add(rt, "2026-12-02")
    assert tell_moved_deadlines(rt) == 8
    with rt.db.read_session() as s:
        rows = s.scalars(select(Notification).where(Notification.case_id == cases[1].id)).all()
    bodies = [r.body for r in rows if r.kind == "deadline_moved"]
    assert len(bodies) == 2 and any(first[cases[1].id].strftime("%d/%m/%Y") in b for b in bodies)


def test_a_worker_that_dies_mid_way_loses_nothing(rt, cases, monkeypatch):
    _add(rt, "2026-12-01")
    calls = {"n": 0}
    real = deadline_notices._notify

    def dies_on_the_second_batch(*args):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("killed")
        real(*args)

    monkeypatch.setattr(deadline_notices, "_notify", dies_on_the_second_batch)
    with pytest.raises(RuntimeError):
        tell_moved_deadlines(rt, batch=2)
    assert len(_moved_messages(rt)) == 2  # the first batch stands, the second rolled back
    monkeypatch.setattr(deadline_notices, "_notify", real)
    assert tell_moved_deadlines(rt, batch=2) == 2
    assert len(_moved_messages(rt)) == 4
    with rt.db.read_session() as s:
        change = s.scalars(select(HolidayChange)).one()
        assert change.notice_after_event_id == change.notice_through_event_id > 0


def test_a_batch_written_twice_is_written_once(rt, cases):
    _add(rt, "2026-12-01")
    tell_moved_deadlines(rt)
    with rt.db.write() as s:  # as if a second worker had read the note before the first moved it
        s.execute(update(HolidayChange).values(notice_after_event_id=0))
    assert tell_moved_deadlines(rt) == 4
    with rt.db.read_session() as s:
        count = s.scalar(select(func.count()).where(Notification.kind == "deadline_moved"))
    assert count == len(_moved_messages(rt)) == 4


def test_a_run_tells_at_most_its_share_and_the_next_run_goes_on(rt, cases):
    _add(rt, "2026-12-01")
    assert tell_moved_deadlines(rt, batch=1, batches=3) == 3
    assert len(_moved_messages(rt)) == 3
    assert tell_moved_deadlines(rt, batch=1, batches=3) == 1
    assert len(_moved_messages(rt)) == 4
