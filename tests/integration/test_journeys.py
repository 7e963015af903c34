"""Whole journeys up the ladder, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from grs.errors import ActionRefused
from grs.services.case_view import history
from grs.services.escalation import sweep
from grs.services.holiday_changes import HolidayRequest, change_holiday
from tests.support import build_ladder, do, load, lodge_case

D = date.fromisoformat


def holiday(rt, request):
    with rt.db.write() as session:
        return change_holiday(rt, session, request)


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def test_missed_deadlines_climb_from_tier_0_to_the_cell(rt, clock, ladder):
    # Applied on Sunday 22 Nov for a 15-working-day service: the charter deadline still runs.
    case = lodge_case(rt, service_id=ladder.services["long"].id, service_applied_on="2026-11-22")
    assert (case.tier, case.current_post.code, case.due_on) == (0, "ict_officer", D("2026-12-13"))
    # 16 Dec (Victory Day) and weekends are skipped: tier 1 starts 14 Dec, 30 working days.
    assert sweep(rt, D("2026-12-13")).to_json()["escalated"] == 0
    report = sweep(rt, D("2026-12-14"))
    assert report.escalated == {0: 1}
    case = load(rt, case.tracking_number)
    assert (case.tier, case.state, case.tier_started_on) == (1, "new", D("2026-12-14"))
    assert case.due_on == rt.calendar(rt.db.read_session()).add_working_days(D("2026-12-14"), 30)
    sweep(rt, case.due_on)  # due_on itself is not yet late
    assert load(rt, case.tracking_number).tier == 1
    sweep(rt, D("2027-02-01"))
    case = load(rt, case.tracking_number)
    assert (case.tier, case.tier_started_on) == (2, D("2027-02-01"))
    sweep(rt, D("2027-03-15"))
    case = load(rt, case.tracking_number)
    assert case.tier == 3 and not case.overdue
    report = sweep(rt, D("2027-07-01"))
    assert report.marked_overdue == 1 and not report.escalated
    case = load(rt, case.tracking_number)
    assert case.tier == 3 and case.overdue and case.state == "new"
    assert sweep(rt, D("2027-08-01")).marked_overdue == 0  # reported once, stays at the top
    with rt.db.read_session() as s:
        actions = [e.action for e in history(s, case, citizen=False)]
    assert actions == ["lodge", "escalate", "escalate", "escalate", "mark_overdue"]


def test_sweeping_twice_changes_nothing_more(rt, ladder):
    case = lodge_case(rt)
    sweep(rt, D("2027-03-01"))
    again = sweep(rt, D("2027-03-01"))
    assert not again.escalated and again.marked_overdue == 0
    assert load(rt, case.tracking_number).tier == 2


def test_resolution_then_appeal_then_accept(rt, clock, ladder):
    case = lodge_case(rt)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    do(rt, case.tracking_number, "resolve", gro, closure_reason="answer_accepted", note="উত্তর")
    case = load(rt, case.tracking_number)
    assert case.state == "resolved" and case.appeal_until == D("2026-12-23")
    clock.set("2026-11-30")
    do(rt, case.tracking_number, "appeal")
    case = load(rt, case.tracking_number)
    assert (case.tier, case.state, case.tier_started_on) == (2, "new", D("2026-11-30"))
    ao = ladder.officer("ao_dist")
    do(rt, case.tracking_number, "accept", ao)
    do(rt, case.tracking_number, "resolve", ao, closure_reason="service_given")
    do(rt, case.tracking_number, "accept_outcome")
    do(rt, case.tracking_number, "rate", rating="4.5")
    case = load(rt, case.tracking_number)
    assert case.state == "closed" and str(case.rating) == "4.5"


def test_appeal_window_closes(rt, clock, ladder):
    case = lodge_case(rt)
    do(rt, case.tracking_number, "resolve", ladder.officer("gro_upz"), closure_reason="other")
    clock.set("2026-12-24")
    with pytest.raises(ActionRefused) as refused:
        do(rt, case.tracking_number, "appeal")
    assert refused.value.code == "appeal_closed"
    assert load(rt, case.tracking_number).state == "resolved"


def test_filed_away_then_appealed(rt, clock, ladder):
    case = lodge_case(rt)
    do(rt, case.tracking_number, "file_away", ladder.officer("gro_upz"), note="তথ্য অপর্যাপ্ত")
    assert load(rt, case.tracking_number).state == "filed"
    do(rt, case.tracking_number, "appeal")
    assert load(rt, case.tracking_number).tier == 2


def test_appeal_once_the_deadline_has_passed(rt, clock, ladder):
    case = lodge_case(rt)
    with pytest.raises(ActionRefused) as refused:
        do(rt, case.tracking_number, "appeal")
    assert refused.value.code == "appeal_too_early"
    clock.set(case.due_on)
    clock.advance(1)
    do(rt, case.tracking_number, "appeal")
    assert load(rt, case.tracking_number).tier == 2


def test_appeal_to_the_cell_only_once(rt, clock, ladder):
    case = lodge_case(rt, against="gro")  # about the GRO: straight to the appeal officer
    assert case.tier == 2
    do(rt, case.tracking_number, "resolve", ladder.officer("ao_dist"), closure_reason="other")
    do(rt, case.tracking_number, "appeal")
    case = load(rt, case.tracking_number)
    assert case.tier == 3 and case.appealed_to_cell
    do(rt, case.tracking_number, "resolve", ladder.officer("cell"), closure_reason="other")
    with pytest.raises(ActionRefused):
        do(rt, case.tracking_number, "appeal")


def test_complaint_about_an_appeal_officer_goes_to_the_cell(rt, ladder):
    case = lodge_case(rt, against="appeal_officer")
    assert case.tier == 3 and case.current_post.code == "cell"


def test_forward_restarts_the_clock_at_the_other_office(rt, clock, ladder):
    case = lodge_case(rt)
    clock.set("2026-11-26")
    do(rt, case.tracking_number, "forward", ladder.officer("gro_upz"), target_office="UPZ2")
    case = load(rt, case.tracking_number)
    assert case.tier_started_on == D("2026-11-26") and case.state == "new"
    assert (case.office.code, case.current_post.code) == ("UPZ2", "gro")
    do(rt, case.tracking_number, "accept", ladder.officer("gro_upz2"))
    with pytest.raises(ActionRefused):
        do(rt, case.tracking_number, "add_note", ladder.officer("gro_upz"), note="x")


def test_pause_and_resume_count_working_days(rt, clock, ladder):
    case = lodge_case(rt)  # Monday 23 Nov 2026, due 30 working days later
    due = case.due_on
    do(rt, case.tracking_number, "request_info", ladder.officer("gro_upz"), note="দলিল দিন")
    clock.set("2026-11-30")  # a week later: Tue..Thu + Sun..Mon = 5 working days paused
    answer_by = load(rt, case.tracking_number).info_answer_by
    assert answer_by is not None
    report = sweep(rt, answer_by)  # paused cases never escalate, nor restart before their date
    assert report.escalated == {} and report.restarted == 0
    do(rt, case.tracking_number, "answer_info", note="দিলাম")
    case = load(rt, case.tracking_number)
    assert case.paused_days == 5 and case.state == "accepted"
    assert case.due_on == rt.calendar(rt.db.read_session()).add_working_days(due, 5)


def test_investigation_adds_ten_working_days_once(rt, ladder):
    case = lodge_case(rt)
    gro = ladder.officer("gro_upz")
    due = case.due_on
    do(rt, case.tracking_number, "accept", gro)
    do(rt, case.tracking_number, "start_investigation", gro)
    case = load(rt, case.tracking_number)
    assert case.extension_days == 10
    assert case.due_on == rt.calendar(rt.db.read_session()).add_working_days(due, 10)
    do(rt, case.tracking_number, "request_opinion", gro)
    do(rt, case.tracking_number, "start_investigation", gro)
    assert load(rt, case.tracking_number).extension_days == 10


def test_holiday_added_and_removed_moves_deadlines(rt, ladder):
    case = lodge_case(rt)
    untouched = lodge_case(rt, against="appeal_officer")  # due far later, still touched
    due = case.due_on
    request = HolidayRequest(D("2026-12-01"), "add", "cyclone", "test", "ঘূর্ণিঝড়")
    outcome = holiday(rt, request)
    assert outcome.deadlines_moved == 2
    moved = load(rt, case.tracking_number)
    calendar = rt.calendar(rt.db.read_session())
    assert moved.due_on == calendar.add_working_days(due, 1)
    with rt.db.read_session() as s:
        last = history(s, moved, citizen=True)[-1]
    assert (last.action, last.due_before, last.due_after) == (
        "recompute_deadline",
        due,
        moved.due_on,
    )
    assert "cyclone" in last.note
    removal = holiday(rt, HolidayRequest(D("2026-12-01"), "remove", "wrong", "test"))
    assert removal.deadlines_moved == 2
    assert load(rt, case.tracking_number).due_on == due
    assert untouched.tracking_number != case.tracking_number
    # A holiday after every deadline moves nothing.
    later = HolidayRequest(D("2027-12-01"), "add", "far", "test", "দূরে")
    assert holiday(rt, later).deadlines_moved == 0


def test_as_needed_service_starts_with_the_gro(rt, ladder):
    case = lodge_case(
        rt, service_id=ladder.services["as_needed"].id, service_applied_on="2026-11-22"
    )
    assert case.tier == 1


def test_decided_service_goes_straight_to_the_gro(rt, ladder):
    case = lodge_case(
        rt,
        service_id=ladder.services["long"].id,
        service_applied_on="2026-11-22",
        service_decided=True,
    )
    assert case.tier == 1
