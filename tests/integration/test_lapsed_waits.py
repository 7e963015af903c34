"""Waits that end by themselves, on SQLite and PostgreSQL: a request for information unanswered
by its date (the clock runs again), a decision nobody appealed in time (the case closes), and
the ratings and decision record that come with a decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from grs.db.models import CaseRating, Event
from grs.errors import ActionRefused, InvalidInput
from grs.processes.runtime import Runtime
from grs.services.escalation import sweep
from tests.support import build_ladder, do, load, lodge_case

D = date.fromisoformat


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _events(rt: Runtime, case_id: int, action: str) -> list[Event]:
    with rt.db.read_session() as s:
        query = select(Event).where(Event.case_id == case_id, Event.action == action)
        return list(s.scalars(query))


def _calendar(rt: Runtime):
    with rt.db.read_session() as s:
        return rt.calendar(s)


def test_an_information_request_has_an_answer_by_date_ten_working_days_on(rt, clock, ladder):
    case = lodge_case(rt)  # Monday 23 Nov 2026
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "request_info", gro, note="দলিল দিন")
    case = load(rt, case.tracking_number)
    assert case.info_answer_by == _calendar(rt).add_working_days(D("2026-11-23"), 10)
    (asked,) = _events(rt, case.id, "request_info")
    assert asked.data == {"answer_by": case.info_answer_by.isoformat()}
    do(rt, case.tracking_number, "answer_info", note="দিলাম")
    assert load(rt, case.tracking_number).info_answer_by is None


def test_an_unanswered_request_starts_the_clock_again_once(rt, clock, ladder):
    case = lodge_case(rt)
    due = case.due_on
    do(rt, case.tracking_number, "request_info", ladder.officer("gro_upz"), note="দলিল দিন")
    answer_by = load(rt, case.tracking_number).info_answer_by
    assert sweep(rt, answer_by).restarted == 0  # the last day to answer is still the citizen's
    assert load(rt, case.tracking_number).state == "info_requested"
    report = sweep(rt, answer_by + timedelta(days=1))
    assert report.restarted == 1 and report.escalated == {}
    after = load(rt, case.tracking_number)
    assert after.state == "accepted" and after.clock_runs and after.paused_since is None
    assert after.info_answer_by is None and after.paused_days == 10
    assert after.due_on == _calendar(rt).add_working_days(due, 10)
    (event,) = _events(rt, case.id, "info_unanswered")
    assert event.actor_kind == "system" and event.from_state == "info_requested"
    assert event.data["answer_by"] == answer_by.isoformat()
    assert sweep(rt, answer_by + timedelta(days=2)).restarted == 0
    assert len(_events(rt, case.id, "info_unanswered")) == 1
    with pytest.raises(ActionRefused):  # nothing waits for an answer any more
        do(rt, case.tracking_number, "answer_info", note="দেরিতে")


def test_a_restarted_clock_already_past_its_deadline_escalates_in_the_same_sweep(rt, clock, ladder):
    case = lodge_case(rt)
    do(rt, case.tracking_number, "request_info", ladder.officer("gro_upz"), note="দলিল দিন")
    report = sweep(rt, D("2027-06-01"))
    assert report.restarted == 1 and report.escalated == {1: 1}
    after = load(rt, case.tracking_number)
    assert after.tier == 2 and after.state == "new"


def test_a_workflow_that_does_not_pause_keeps_the_clock_running(rt, clock, ladder):
    rt.workflow = replace(rt.workflow, info_request_pauses_clock=False)
    case = lodge_case(rt)
    do(rt, case.tracking_number, "request_info", ladder.officer("gro_upz"), note="দলিল দিন")
    asked = load(rt, case.tracking_number)
    assert asked.state == "info_requested" and asked.clock_runs and asked.paused_since is None
    assert asked.due_on == case.due_on and asked.info_answer_by is not None
    report = sweep(rt, case.due_on + timedelta(days=1))
    assert report.escalated == {1: 1}  # waiting on the complainant stopped nothing


def _decided(rt: Runtime, ladder, **decision: str):
    case = lodge_case(rt)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    do(rt, case.tracking_number, "resolve", gro, closure_reason="service_given", **decision)
    return load(rt, case.tracking_number)


def test_a_decision_nobody_appeals_is_closed_by_the_sweep_once(rt, clock, ladder):
    case = _decided(rt, ladder)
    assert case.appeal_until == D("2026-12-23")  # one calendar month
    assert sweep(rt, case.appeal_until).closed == 0  # the last day to appeal is still open
    report = sweep(rt, case.appeal_until + timedelta(days=1))
    assert report.closed == 1
    after = load(rt, case.tracking_number)
    assert after.state == "closed" and after.version == case.version + 1
    (event,) = _events(rt, case.id, "close_unappealed")
    assert (event.actor_kind, event.from_state, event.to_state) == ("system", "resolved", "closed")
    assert sweep(rt, case.appeal_until + timedelta(days=30)).closed == 0  # a second close: none
    assert len(_events(rt, case.id, "close_unappealed")) == 1
    clock.set(case.appeal_until + timedelta(days=2))
    with pytest.raises(ActionRefused):
        do(rt, case.tracking_number, "appeal", note="দেরিতে আপিল")


def test_a_filed_case_closes_too_and_an_appealed_one_does_not(rt, clock, ladder):
    filed = lodge_case(rt)
    do(rt, filed.tracking_number, "file_away", ladder.officer("gro_upz"), note="এখতিয়ার নেই")
    appealed = _decided(rt, ladder)
    do(rt, appealed.tracking_number, "appeal", note="সন্তুষ্ট নই")
    report = sweep(rt, D("2027-01-05"))
    assert report.closed == 1
    assert load(rt, filed.tracking_number).state == "closed"
    assert load(rt, appealed.tracking_number).state != "closed"


def test_the_citizen_rates_each_tier_that_decided_from_the_decision_on(rt, clock, ladder):
    case = _decided(rt, ladder)
    do(rt, case.tracking_number, "rate", rating="4.5", note="দ্রুত সমাধান")
    with pytest.raises(ActionRefused) as refused:
        do(rt, case.tracking_number, "rate", rating="1")
    assert refused.value.code == "already_rated"
    do(rt, case.tracking_number, "appeal", note="পুরো সেবা পাইনি")
    appeal_officer = ladder.officer("ao_dist")
    do(rt, case.tracking_number, "accept", appeal_officer)
    do(rt, case.tracking_number, "resolve", appeal_officer, closure_reason="service_given")
    do(rt, case.tracking_number, "rate", rating="3")
    with rt.db.read_session() as s:
        rows = s.execute(
            select(CaseRating.tier, CaseRating.rating, CaseRating.comment)
            .where(CaseRating.case_id == case.id)
            .order_by(CaseRating.tier)
        ).all()
    assert [tuple(r) for r in rows] == [(1, Decimal("4.5"), "দ্রুত সমাধান"), (2, Decimal("3"), "")]
    assert load(rt, case.tracking_number).rating == Decimal("3")


def test_a_rating_before_any_decision_is_refused(rt, ladder):
    case = lodge_case(rt)
    with pytest.raises(ActionRefused):
        do(rt, case.tracking_number, "rate", rating="4")


def test_a_decision_records_the_cause_the_decision_and_the_prevention(rt, ladder):
    record = {
        "decision_cause": "সার্ভার বিকল ছিল",
        "decision_text": "সনদ দেওয়া হয়েছে",
        "decision_prevention": "বিকল্প সার্ভার রাখা হবে",
    }
    case = _decided(rt, ladder, **record)
    assert {k: getattr(case, k) for k in record} == record
    (event,) = _events(rt, case.id, "resolve")
    assert event.data == record
    do(rt, case.tracking_number, "appeal", note="সন্তুষ্ট নই")
    assert load(rt, case.tracking_number).decision_cause is None  # the new tier decides afresh


def test_an_overlong_decision_record_is_refused_and_changes_nothing(rt, ladder):
    case = lodge_case(rt)
    with pytest.raises(InvalidInput):
        do(rt, case.tracking_number, "resolve", ladder.officer("gro_upz"),
           closure_reason="other", decision_cause="ক" * 5_001)  # fmt: skip
    assert load(rt, case.tracking_number).state == "new"
