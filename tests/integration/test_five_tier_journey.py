"""A workflow the code has never seen: five tiers (a divisional step between the appeal officer
and the cell, two offices up) and one more citizen action. Nothing in grs/ names its tiers or
its action; the journeys below run on it unchanged, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from grs.db.schema_check import schema_drift
from grs.errors import ActionRefused
from grs.services.case_view import history
from grs.services.escalation import sweep
from tests.support import build_ladder, do, load, lodge_case

D = date.fromisoformat


@pytest.fixture
def workflow_file() -> str:
    return "tests/workflows/five_tiers.toml"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def climb(rt, tracking: str, on: date) -> tuple[int, str]:
    """Sweep on the day after the case's deadline; where it is then."""
    due = load(rt, tracking).due_on
    sweep(rt, max(on, due.fromordinal(due.toordinal() + 1)))
    case = load(rt, tracking)
    return case.tier, case.current_post.office.code


def actions(rt, case, citizen: bool = False) -> list[str]:
    with rt.db.read_session() as s:
        return [e.action for e in history(s, case, citizen=citizen)]


def test_missed_deadlines_climb_through_all_five_tiers(rt, ladder):
    assert rt.workflow.top_tier == 4
    case = lodge_case(rt, service_id=ladder.services["long"].id, service_applied_on="2026-11-22")
    assert (case.tier, case.current_post.code) == (0, "ict_officer")
    reached = [climb(rt, case.tracking_number, D("2026-11-24")) for _ in range(4)]
    assert reached == [(1, "UPZ"), (2, "DIST"), (3, "DIR"), (4, "CELL")]
    case = load(rt, case.tracking_number)
    assert case.tier_days == 60 and case.clock_runs and not case.overdue
    report = sweep(rt, case.due_on.fromordinal(case.due_on.toordinal() + 1))
    assert report.marked_overdue == 1 and not report.escalated
    case = load(rt, case.tracking_number)
    assert case.tier == 4 and case.overdue  # the top has nowhere further
    assert actions(rt, case) == ["lodge", *["escalate"] * 4, "mark_overdue"]
    assert schema_drift(rt.db.engine, rt.workflow) == []


def test_the_new_tier_has_its_own_time_limit(rt, ladder):
    case = lodge_case(rt, against="appeal_officer")  # a complaint about the appeal officer
    assert (case.tier, case.current_post.office.code, case.tier_days) == (3, "DIR", 15)


def test_decide_at_the_new_tier_then_appeal_to_the_cell_once(rt, clock, ladder):
    case = lodge_case(rt)
    for _ in range(2):
        climb(rt, case.tracking_number, D("2026-11-24"))
    case = load(rt, case.tracking_number)
    assert (case.tier, case.current_post.office.code) == (3, "DIR")
    clock.set(case.tier_started_on)
    director = ladder.officer("gro_dir")
    do(rt, case.tracking_number, "accept", director)
    do(rt, case.tracking_number, "resolve", director, closure_reason="other", note="নিষ্পত্তি")
    do(rt, case.tracking_number, "appeal", note="সন্তুষ্ট নই")
    case = load(rt, case.tracking_number)
    assert (case.tier, case.state, case.current_post.code) == (4, "new", "cell")
    assert case.appealed_to_cell and case.tier_days == 60
    cell = ladder.officer("cell")
    do(rt, case.tracking_number, "accept", cell)
    do(rt, case.tracking_number, "resolve", cell, closure_reason="service_given")
    with pytest.raises(ActionRefused):  # the top tier cannot be appealed
        do(rt, case.tracking_number, "appeal")
    do(rt, case.tracking_number, "accept_outcome")
    assert load(rt, case.tracking_number).state == "closed"


def test_the_extra_citizen_action_is_fired_and_recorded(rt, ladder):
    case = lodge_case(rt)
    do(rt, case.tracking_number, "send_reminder", note="এখনো কিছু হয়নি")
    case = load(rt, case.tracking_number)
    assert case.state == "new" and case.version == 2
    assert actions(rt, case, citizen=True) == ["lodge", "send_reminder"]
    with pytest.raises(ActionRefused):  # a citizen's action, not an officer's
        do(rt, case.tracking_number, "send_reminder", ladder.officer("gro_upz"))
