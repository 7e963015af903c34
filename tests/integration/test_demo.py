"""The demo a newcomer gets from `make run`, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from grs.db.models import Case, CaseAssignment, Office, Officer
from grs.passwords import verify_password
from grs.processes.demo import load_demo
from grs.services.escalation import sweep


def test_demo_has_the_ladder_officers_and_cases_at_different_tiers(rt, clock):
    load_demo(rt)
    with rt.db.read_session() as s:
        offices = {o.code: o for o in s.scalars(select(Office))}
        upazila = offices["doict.sadar.manikganj.gov.bd"]
        assert upazila.parent.code == "doict.manikganj.gov.bd"
        assert upazila.parent.parent.kind == "cell"
        officer = s.scalar(select(Officer).where(Officer.username == "gro.upazila"))
        assert verify_password(officer.password_hash, "demo-password")
        cases = list(s.scalars(select(Case)))
    tiers = Counter(case.tier for case in cases)
    states = Counter(case.state for case in cases)
    assert tiers[0] >= 1 and tiers[1] >= 1 and tiers[2] >= 1
    assert states["info_requested"] == 1 and states["resolved"] == 1
    assert states["opinion_requested"] == 1  # asked of the service officer, in their queue
    with rt.db.read_session() as s:
        (asked,) = s.scalars(select(CaseAssignment))
        assert asked.post.holder.username == "service.upazila"
    assert any(case.anonymous for case in cases)
    # The newcomer's "grs sweep --as-of a later date" moves cases up.
    later = sweep(rt, clock.day.replace(year=clock.day.year + 1))
    assert sum(later.escalated.values()) >= 2


def test_an_escalated_demo_case_has_the_clock_its_history_says(rt, clock):
    from grs.db.models import Event

    load_demo(rt)
    with rt.db.read_session() as s:
        escalated = [case for case in s.scalars(select(Case)) if case.tier >= 2]
        assert escalated
        for case in escalated:
            events = list(s.scalars(select(Event).where(Event.case_id == case.id)))
            last = [e for e in events if e.to_tier == case.tier and e.from_tier != case.tier][-1]
            assert last.occurred_on == case.tier_started_on  # the event and the clock agree
            assert last.due_after == case.due_on
            due = rt.calendar(s).add_working_days(case.tier_started_on, 20 + case.paused_days)
            assert case.due_on == due
