"""Who may fire which action, at which tier, from which state, on SQLite and PostgreSQL.

The expectation table below is written out by hand from the intended ladder rules instead of
being read from the workflow file, so a wrong edit of that file shows up here as a mismatch.
Every combination either succeeds with the expected next state, or is refused and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select, update

from grs.db.models import Case, CaseAssignment, Event, Officer, Post
from grs.errors import ActionRefused, InvalidInput
from grs.processes.runtime import Runtime
from grs.services import organisation as org
from grs.services.action_effects import ActionInput
from grs.services.actions import act
from grs.services.blacklist import roles as blacklist_roles
from grs.services.case_changes import CITIZEN, SYSTEM, Actor
from grs.services.case_lookup import find_case
from grs.workflow.reading import load_workflow
from tests.support import PASSWORD, Ladder, build_ladder, load, lodge_case, password_hash

RUNNING = ("new", "accepted", "opinion_requested", "investigating", "service_ordered")
PAUSED = ("info_requested",)
DECIDED = ("resolved", "filed")
OPEN = RUNNING + PAUSED
STATES = OPEN + DECIDED + ("closed",)
TIERS = (0, 1, 2, 3)


@dataclass(frozen=True)
class Rule:
    by: str  # officer | citizen | system
    tiers: frozenset[int]
    sources: frozenset[str]
    dest: str | None  # None: the state stays as it is


def _rule(by: str, tiers: tuple[int, ...], sources: tuple[str, ...], dest: str | None) -> Rule:
    return Rule(by, frozenset(tiers), frozenset(sources), dest)


# The intended ladder, one line per action.
RULES: dict[str, Rule] = {
    "accept": _rule("officer", (1, 2, 3), ("new",), "accepted"),
    "forward": _rule("officer", (1, 2), ("new", "accepted"), "new"),
    "file_away": _rule(
        "officer",
        (1, 2, 3),
        ("new", "accepted", "info_requested", "opinion_requested", "investigating"),
        "filed",
    ),
    "request_info": _rule("officer", (1, 2, 3), RUNNING, "info_requested"),
    "request_opinion": _rule(
        "officer", (1, 2, 3), ("accepted", "investigating"), "opinion_requested"
    ),
    "record_opinion": _rule("officer", (1, 2, 3), ("opinion_requested",), "accepted"),
    "give_opinion": _rule("opinion_giver", (1, 2, 3), ("opinion_requested",), "accepted"),
    "withdraw_opinion_request": _rule("officer", (1, 2, 3), ("opinion_requested",), "accepted"),
    "resend_opinion_request": _rule("officer", (1, 2, 3), ("opinion_requested",), None),
    "start_investigation": _rule(
        "officer", (1, 2, 3), ("accepted", "opinion_requested"), "investigating"
    ),
    "submit_investigation_report": _rule("investigator", (1, 2, 3), ("investigating",), "accepted"),
    "order_service": _rule(
        "officer",
        (1, 2, 3),
        ("accepted", "opinion_requested", "investigating"),
        "service_ordered",
    ),
    "resolve": _rule("officer", (0, 1, 2, 3), RUNNING, "resolved"),
    "recommend_disciplinary": _rule(
        "officer",
        (1, 2, 3),
        ("accepted", "opinion_requested", "investigating", "service_ordered", "resolved"),
        None,
    ),
    "add_note": _rule("officer", (0, 1, 2, 3), STATES, None),
    "answer_info": _rule("citizen", (1, 2, 3), ("info_requested",), "accepted"),
    "accept_outcome": _rule("citizen", (0, 1, 2, 3), DECIDED, "closed"),
    # From a running state an appeal also needs the deadline to have passed; the table's cases
    # are all inside their deadline, so there it is refused (see the separate test below).
    "appeal": _rule("citizen", (0, 1, 2), DECIDED + RUNNING, "new"),
    # A rating is possible from the decision on, once per tier that decided (below).
    "rate": _rule("citizen", (0, 1, 2, 3), (*DECIDED, "closed"), None),
    "escalate": _rule("system", (0, 1, 2), RUNNING, "new"),
    "info_unanswered": _rule("system", (0, 1, 2, 3), ("info_requested",), "accepted"),
    "close_unappealed": _rule("system", (0, 1, 2, 3), DECIDED, "closed"),
    "mark_overdue": _rule("system", (3,), RUNNING, None),
    "recompute_deadline": _rule("system", (0, 1, 2, 3), OPEN, None),
}
OFFICER_TRIGGERS = [name for name, rule in RULES.items() if rule.by == "officer"]

# Roles of the table: the officer acting for the case's post, an officer of an unrelated office,
# the complainant, the system, the officer asked for an opinion and the one named to
# investigate (both of posts outside the case's own, asked in the states that await them).
ROLES = ("post_officer", "other_office", "citizen", "system", "opinion_giver", "investigator")
ROLE_KIND = {
    "post_officer": "officer",
    "other_office": "officer",
    "citizen": "citizen",
    "system": "system",
    "opinion_giver": "officer",
    "investigator": "officer",
}
# Which role a rule's `by` names: an officer's action is for the officer of the case's post.
FIRED_BY = {
    "officer": "post_officer",
    "citizen": "citizen",
    "opinion_giver": "opinion_giver",
    "investigator": "investigator",
}
ASKED_POSTS = {"opinion_giver": ("UPZ", "engineer"), "investigator": ("DIST", "inspector")}
ASKED_OFFICER = {"opinion_giver": "engineer_upz", "investigator": "inspector_dist"}
POST_OFFICER = {0: "ict_upz", 1: "gro_upz", 2: "ao_dist", 3: "cell"}
POST_OF_TIER = {
    0: ("UPZ", "ict_officer"),
    1: ("UPZ", "gro"),
    2: ("DIST", "gro"),
    3: ("CELL", "cell"),
}
OTHER_OFFICE_OFFICER = "gro_upz2"  # UPZ2 holds no case of the table at any tier

ARGS = {
    "note": "নোট", "closure_reason": "other", "target_office": "UPZ2", "rating": "4",
    "asked_post": "UPZ/engineer", "investigators": ("DIST/inspector",),
}  # fmt: skip


def expected_next(role: str, tier: int, state: str, trigger: str) -> str | None:
    """The state after the action, or None when it must be refused."""
    rule = RULES[trigger]
    # System actions run only in the sweep and the recomputation, never by hand.
    if FIRED_BY.get(rule.by) != role:
        return None
    if tier not in rule.tiers or state not in rule.sources:
        return None
    if trigger == "appeal" and state in RUNNING:
        return None  # the table's deadlines have not passed yet
    return rule.dest or state


@pytest.fixture
def ladder(rt: Runtime) -> Ladder:
    ladder = build_ladder(rt)
    with rt.db.write() as s:
        for role, (office, code) in ASKED_POSTS.items():
            post = org.ensure_post(s, org.office_by_code(s, office), code, "service_officer", code)
            officer = org.add_officer(
                s, ASKED_OFFICER[role], ASKED_OFFICER[role], PASSWORD, password_hash=password_hash()
            )
            org.assign_post(s, officer, post)
            ladder.officers[ASKED_OFFICER[role]] = officer
    return ladder


# --- case setup and observation ------------------------------------------------------------


def _post_id(rt: Runtime, tier: int) -> int:
    office, code = POST_OF_TIER[tier]
    with rt.db.read_session() as s:
        return org.post_by_code(s, office, code).id


def lodge_at_tier(rt: Runtime, ladder: Ladder, tier: int) -> Case:
    """A freshly lodged case that reached `tier` the way a real one does."""
    if tier == 0:
        today = rt.today().isoformat()
        case = lodge_case(rt, service_id=ladder.services["long"].id, service_applied_on=today)
    elif tier == 1:
        case = lodge_case(rt)
    else:
        case = lodge_case(rt, against="gro" if tier == 2 else "appeal_officer")
    assert case.tier == tier
    assert case.current_post_id == _post_id(rt, tier)
    return case


def put_in_state(rt: Runtime, case_id: int, tier: int, state: str) -> None:
    """Set the columns a case in `state` carries (setup only; the code under test never does)."""
    today = rt.today()
    values: dict[str, Any] = {"tier": tier, "state": state, "current_post_id": _post_id(rt, tier)}
    if state == "info_requested":
        values["paused_since"] = today
    if state == "opinion_requested":
        values["opinion_due_on"] = today + timedelta(days=9)
    if state in DECIDED or state == "closed":
        values.update(decided_on=today, appeal_until=today + relativedelta(months=1))
    if state in ("resolved", "closed"):
        values["closure_reason"] = "other"
    with rt.db.write() as s:
        s.execute(update(Case).where(Case.id == case_id).values(**values))
        asked = {"opinion_requested": "opinion_giver", "investigating": "investigator"}.get(state)
        if asked is not None:
            _ask(s, case_id, asked, today)


def _ask(session: Any, case_id: int, role: str, today: date) -> None:
    """The open request a case in the waiting state carries, to the role's post."""
    post = org.post_by_code(session, *ASKED_POSTS[role])
    kind = "opinion" if role == "opinion_giver" else "investigation"
    requester = org.officer_by_username(session, "gro_upz")
    session.add(CaseAssignment(
        case_id=case_id, kind=kind, post_id=post.id, office_id=post.office_id,
        requested_by=requester.id, requested_on=today, due_on=today + timedelta(days=9),
        status="open", answer="",
    ))  # fmt: skip


def snapshot(rt: Runtime, case_id: int) -> tuple[dict[str, Any], int]:
    """Every column of the case and the length of its history."""
    table = Case.__table__
    with rt.db.read_session() as s:
        row = dict(s.execute(select(table).where(table.c.id == case_id)).mappings().one())
        events = s.scalar(select(func.count()).select_from(Event).where(Event.case_id == case_id))
    return row, int(events or 0)


def actor_for(session: Any, role: str, tier: int) -> Actor:
    """The role's actor, its officer read in the action's own session as the CLI and web do."""
    if role == "citizen":
        return CITIZEN
    if role == "system":
        return SYSTEM
    if role in ASKED_OFFICER:
        return Actor("officer", org.officer_by_username(session, ASKED_OFFICER[role]))
    username = POST_OFFICER[tier] if role == "post_officer" else OTHER_OFFICE_OFFICER
    return Actor("officer", org.officer_by_username(session, username))


def attempt(
    rt: Runtime, tracking: str, trigger: str, role: str, tier: int, **args: Any
) -> Exception | None:
    """Fire the action; the expected refusal is returned, anything unexpected propagates."""
    try:
        with rt.db.write() as s:
            act(
                rt,
                s,
                find_case(s, tracking),
                trigger,
                actor_for(s, role, tier),
                ActionInput(**args),
            )
    except (ActionRefused, InvalidInput) as exc:
        return exc
    return None


def _changed(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(key for key in before if before[key] != after[key])


@dataclass
class Prototype:
    """A case set up in one (tier, state), and how it looked then."""

    tracking: str
    row: dict[str, Any]
    events: int


def prototype(rt: Runtime, ladder: Ladder, tier: int, state: str) -> Prototype:
    case = lodge_at_tier(rt, ladder, tier)
    put_in_state(rt, case.id, tier, state)
    row, events = snapshot(rt, case.id)
    return Prototype(case.tracking_number, row, events)


def check_combination(
    rt: Runtime, proto: Prototype, role: str, tier: int, state: str, trigger: str
) -> tuple[str | None, bool]:
    """A readable mismatch or None, and whether the case changed (then it cannot be reused)."""
    label = f"{role:<12} tier {tier} {state:<17} {trigger:<22}"
    want = expected_next(role, tier, state, trigger)
    try:
        refusal = attempt(rt, proto.tracking, trigger, role, tier, **ARGS)
    except Exception as exc:  # any other failure is itself a finding to report
        return f"{label} raised {type(exc).__name__}: {exc}", True
    row, events = snapshot(rt, proto.row["id"])
    changed = _changed(proto.row, row)
    touched = bool(changed) or events != proto.events
    if want is None:
        if refusal is None:
            return f"{label} expected refusal, got {row['state']} (tier {row['tier']})", True
        problems = []
        if not isinstance(refusal, ActionRefused):
            problems.append(f"refused with {type(refusal).__name__} ({refusal.code})")
        if touched:
            problems.append(f"but changed {changed}, history {proto.events}->{events}")
        return (f"{label} refused {'; '.join(problems)}" if problems else None), touched
    if refusal is not None:
        return f"{label} expected -> {want}, refused: {refusal.code} {refusal}", touched
    problems = []
    if row["state"] != want:
        problems.append(f"state {row['state']} instead of {want}")
    if row["version"] != proto.row["version"] + 1 or events != proto.events + 1:
        problems.append(f"version {row['version']}, history {proto.events}->{events}")
    want_tier = tier + 1 if trigger == "appeal" else tier
    if row["tier"] != want_tier:
        problems.append(f"tier {row['tier']} instead of {want_tier}")
    return (f"{label} succeeded but {'; '.join(problems)}" if problems else None), True


@pytest.mark.parametrize("tier", TIERS)
def test_permission_table(rt: Runtime, ladder: Ladder, tier: int) -> None:
    mismatches: list[str] = []
    checked = 0
    for state in STATES:
        proto = prototype(rt, ladder, tier, state)
        for trigger in RULES:
            for role in ROLES:
                problem, touched = check_combination(rt, proto, role, tier, state, trigger)
                checked += 1
                if problem:
                    mismatches.append(problem)
                if touched:  # the next combination starts from an untouched case again
                    proto = prototype(rt, ladder, tier, state)
    assert checked == len(STATES) * len(RULES) * len(ROLES)
    assert not mismatches, f"{len(mismatches)} of {checked} differ:\n" + "\n".join(mismatches)


def test_table_covers_every_action_the_engine_knows() -> None:
    # The table lists actions independently; an action added to the workflow without a rule
    # here would otherwise go untested.
    workflow = load_workflow(Path(__file__).resolve().parents[2] / "workflows/grs_ladder.toml")
    assert set(workflow.triggers) == set(RULES)
    assert set(workflow.states) == set(STATES)


# --- what the table cannot show ------------------------------------------------------------


def _refused_unchanged(rt: Runtime, case: Case, trigger: str, actor: Actor, **args: Any) -> str:
    """Fire and expect a refusal that leaves the case exactly as it was; returns its code."""
    before = snapshot(rt, case.id)
    with pytest.raises(ActionRefused) as refused, rt.db.write() as s:
        act(
            rt, s, find_case(s, case.tracking_number), trigger, fresh(s, actor), ActionInput(**args)
        )
    assert snapshot(rt, case.id) == before
    return refused.value.code


def fresh(session: Any, actor: Actor) -> Actor:
    """The actor with its officer re-read, so a change made by the test (active) is seen."""
    if actor.officer is None:
        return actor
    return Actor("officer", session.get(Officer, actor.officer.id))


def _fire(rt: Runtime, case: Case, trigger: str, actor: Actor, **args: Any) -> Case:
    with rt.db.write() as s:
        return act(
            rt, s, find_case(s, case.tracking_number), trigger, fresh(s, actor), ActionInput(**args)
        )


@pytest.mark.parametrize("tier", (0, 1, 2))
def test_appeal_from_a_running_state_once_the_deadline_has_passed(
    rt: Runtime, clock: Any, ladder: Ladder, tier: int
) -> None:
    cases = {}
    for state in (*RUNNING, "info_requested"):
        cases[state] = lodge_at_tier(rt, ladder, tier)
        put_in_state(rt, cases[state].id, tier, state)
    due = cases["new"].due_on
    clock.set(due)  # the deadline day itself is still inside the deadline
    assert _refused_unchanged(rt, cases["accepted"], "appeal", CITIZEN) == "appeal_too_early"
    clock.set(due + timedelta(days=1))
    for state in RUNNING:
        case = _fire(rt, cases[state], "appeal", CITIZEN)
        assert (case.tier, case.state) == (tier + 1, "new"), state
    # A paused case waits for the citizen's answer: its clock is stopped, so no appeal.
    assert _refused_unchanged(rt, cases["info_requested"], "appeal", CITIZEN) == "wrong_state"


def test_no_appeal_beyond_the_cell_even_after_the_deadline(
    rt: Runtime, clock: Any, ladder: Ladder
) -> None:
    case = lodge_at_tier(rt, ladder, 3)
    clock.set(case.due_on + timedelta(days=1))
    assert _refused_unchanged(rt, case, "appeal", CITIZEN) == "wrong_tier"


@pytest.mark.parametrize("state", DECIDED)
def test_appeal_of_a_decision_only_within_the_window(
    rt: Runtime, clock: Any, ladder: Ladder, state: str
) -> None:
    late, in_time = lodge_at_tier(rt, ladder, 1), lodge_at_tier(rt, ladder, 1)
    for case in (late, in_time):
        put_in_state(rt, case.id, 1, state)
    with rt.db.write() as s:  # one decision's window ended yesterday
        s.execute(
            update(Case)
            .where(Case.id == late.id)
            .values(appeal_until=rt.today() - timedelta(days=1))
        )
    assert _refused_unchanged(rt, late, "appeal", CITIZEN) == "appeal_closed"
    assert _fire(rt, in_time, "appeal", CITIZEN).tier == 2


def test_a_closed_case_is_rated_once(rt: Runtime, ladder: Ladder) -> None:
    case = lodge_at_tier(rt, ladder, 1)
    put_in_state(rt, case.id, 1, "closed")
    _fire(rt, case, "rate", CITIZEN, rating="4")
    assert load(rt, case.tracking_number).rating == Decimal("4")
    assert _refused_unchanged(rt, case, "rate", CITIZEN, rating="5") == "already_rated"


def test_missing_note_or_closure_reason_is_invalid_input_and_changes_nothing(
    rt: Runtime, ladder: Ladder
) -> None:
    gro = ladder.officer("gro_upz")
    needs = {  # an action that needs a note, and a state it is allowed from
        "file_away": "new",
        "request_info": "accepted",
        "record_opinion": "opinion_requested",
        "recommend_disciplinary": "investigating",
        "add_note": "closed",
        "answer_info": "info_requested",
    }
    for trigger, state in needs.items():
        case = lodge_at_tier(rt, ladder, 1)
        put_in_state(rt, case.id, 1, state)
        actor = CITIZEN if RULES[trigger].by == "citizen" else gro
        for note in ("", "   \n"):
            before = snapshot(rt, case.id)
            with pytest.raises(InvalidInput) as invalid:
                _fire(rt, case, trigger, actor, note=note)
            assert invalid.value.code == "note_required", trigger
            assert snapshot(rt, case.id) == before, trigger
    case = lodge_at_tier(rt, ladder, 1)
    for reason in (None, "", "because"):
        before = snapshot(rt, case.id)
        with pytest.raises(InvalidInput) as invalid:
            _fire(rt, case, "resolve", gro, closure_reason=reason)
        assert invalid.value.code == "closure_reason_required"
        assert snapshot(rt, case.id) == before


def test_unknown_action_is_refused(rt: Runtime, ladder: Ladder) -> None:
    case = lodge_at_tier(rt, ladder, 1)
    for actor in (ladder.officer("gro_upz"), CITIZEN, SYSTEM):
        assert _refused_unchanged(rt, case, "approve", actor) == "unknown_action"


# --- officers who do not act for the case's post -------------------------------------------

# A state at each tier from which every officer action of that tier, or nearly, is allowed.
WIDE_STATE = {0: "new", 1: "accepted", 2: "accepted", 3: "accepted"}


@pytest.mark.parametrize(
    ("tier", "usernames"),
    [
        # Same office, other post; the GRO above; the cell; an administrator.
        (0, ("gro_upz", "alt_upz", "ao_dist", "cell", "admin")),
        (1, ("ict_upz", "alt_upz", "gro_upz2", "ao_dist", "gro_dir", "cell", "admin")),
        (2, ("gro_upz", "alt_upz", "ict_upz", "gro_dir", "cell", "admin")),
        (3, ("gro_upz", "ao_dist", "gro_dir", "admin")),
    ],
)
def test_officers_not_acting_for_the_post_are_refused_everything(
    rt: Runtime, ladder: Ladder, tier: int, usernames: tuple[str, ...]
) -> None:
    case = lodge_at_tier(rt, ladder, tier)
    put_in_state(rt, case.id, tier, WIDE_STATE[tier])
    mismatches = []
    for username in usernames:
        for trigger in OFFICER_TRIGGERS:
            try:
                code = _refused_unchanged(rt, case, trigger, ladder.officer(username), **ARGS)
            except BaseException as exc:  # collected and reported below
                mismatches.append(f"{username} {trigger}: {type(exc).__name__} {exc}")
                continue
            if code not in ("not_your_case", "wrong_tier"):
                mismatches.append(f"{username} {trigger}: refused as {code}")
    assert not mismatches, "\n".join(mismatches)


def _absent(rt: Runtime, ladder: Ladder, username: str, starts: date, ends: date) -> None:
    with rt.db.write() as s:
        officer = org.officer_by_username(s, username)
        org.add_absence(s, officer, starts, ends, "ছুটি")


def test_alternate_gro_acts_only_while_the_gro_is_absent(
    rt: Runtime, clock: Any, ladder: Ladder
) -> None:
    alt, gro = ladder.officer("alt_upz"), ladder.officer("gro_upz")
    case = lodge_at_tier(rt, ladder, 1)
    assert _refused_unchanged(rt, case, "accept", alt) == "not_your_case"
    _absent(rt, ladder, "gro_upz", date(2026, 11, 24), date(2026, 11, 26))
    assert _refused_unchanged(rt, case, "accept", alt) == "not_your_case"  # the day before
    clock.set("2026-11-24")
    assert _fire(rt, case, "accept", alt).state == "accepted"
    clock.set("2026-11-26")
    assert _fire(rt, case, "start_investigation", alt).state == "investigating"
    clock.set("2026-11-29")  # back at work: the alternate stands aside again
    assert _refused_unchanged(rt, case, "add_note", alt, note="x") == "not_your_case"
    assert _fire(rt, case, "add_note", gro, note="ফিরে এসেছি").state == "investigating"


def test_while_the_gro_is_absent_both_the_alternate_and_the_gro_may_act(
    rt: Runtime, clock: Any, ladder: Ladder
) -> None:
    """The rule the README gives: the alternate acts for the post during a recorded absence,
    and a GRO who works through it is not shut out of their own post."""
    alt, gro = ladder.officer("alt_upz"), ladder.officer("gro_upz")
    case = lodge_at_tier(rt, ladder, 1)
    _absent(rt, ladder, "gro_upz", date(2026, 11, 24), date(2026, 11, 26))
    clock.set("2026-11-25")
    assert _fire(rt, case, "accept", alt).state == "accepted"
    assert _fire(rt, case, "start_investigation", gro).state == "investigating"
    assert _fire(rt, case, "add_note", alt, note="তদন্ত চলছে").state == "investigating"


def test_alternate_does_not_cover_other_posts_or_tiers(
    rt: Runtime, clock: Any, ladder: Ladder
) -> None:
    # Everyone else is away: the UPZ alternate covers the UPZ GRO post and nothing more.
    for username in ("gro_upz", "ict_upz", "ao_dist", "gro_upz2", "cell"):
        _absent(rt, ladder, username, date(2026, 11, 1), date(2026, 12, 31))
    alt = ladder.officer("alt_upz")
    for tier in (0, 2, 3):
        case = lodge_at_tier(rt, ladder, tier)
        assert _refused_unchanged(rt, case, "resolve", alt, closure_reason="other") == (
            "not_your_case"
        )
    case = lodge_case(rt, office_code="UPZ2")
    assert _refused_unchanged(rt, case, "accept", alt) == "not_your_case"


def _deactivate(rt: Runtime, username: str) -> None:
    with rt.db.write() as s:
        s.execute(update(Officer).where(Officer.username == username).values(active=False))


@pytest.mark.parametrize("tier", TIERS)
def test_a_disabled_officer_is_refused(rt: Runtime, ladder: Ladder, tier: int) -> None:
    case = lodge_at_tier(rt, ladder, tier)
    put_in_state(rt, case.id, tier, WIDE_STATE[tier])
    username = POST_OFFICER[tier]
    _deactivate(rt, username)
    officer = ladder.officer(username)
    for trigger in OFFICER_TRIGGERS:
        if tier in RULES[trigger].tiers:
            assert _refused_unchanged(rt, case, trigger, officer, **ARGS) == "not_your_case", (
                trigger
            )


def test_a_disabled_alternate_does_not_cover(rt: Runtime, clock: Any, ladder: Ladder) -> None:
    _absent(rt, ladder, "gro_upz", date(2026, 11, 1), date(2026, 12, 31))
    _deactivate(rt, "alt_upz")
    case = lodge_at_tier(rt, ladder, 1)
    assert _refused_unchanged(rt, case, "accept", ladder.officer("alt_upz")) == "not_your_case"


def test_a_vacated_post_moves_the_right_to_act(rt: Runtime, ladder: Ladder) -> None:
    # Reassigning the GRO post: the old holder loses the case, the new one gains it.
    case = lodge_at_tier(rt, ladder, 1)
    with rt.db.write() as s:
        post = s.get(Post, case.current_post_id)
        org.assign_post(s, org.officer_by_username(s, "gro_upz2"), post)
    assert _refused_unchanged(rt, case, "accept", ladder.officer("gro_upz")) == "not_your_case"
    assert _fire(rt, case, "accept", ladder.officer("gro_upz2")).state == "accepted"


# Who works on UPZ's blacklist, written out by hand: (proposes, decides).
BLACKLIST_ROLES = {
    "gro_upz": (True, False),  # the office's GRO proposes
    "alt_upz": (False, False),  # the alternate only while the GRO is away
    "ao_dist": (False, True),  # the GRO of the office above is the default appeal officer
    "gro_upz2": (False, False),
    "gro_dir": (False, False),
    "cell": (False, False),
    "ict_upz": (False, False),
    "admin": (False, False),  # administration is not a post of the office
}


def _blacklist_roles(rt: Runtime, username: str) -> tuple[bool, bool]:
    with rt.db.read_session() as s:
        office = org.office_by_code(s, "UPZ")
        found = blacklist_roles(s, org.officer_by_username(s, username), office, rt.today())
    return found.proposes, found.decides


def test_blacklist_roles(rt: Runtime, clock: Any, ladder: Ladder) -> None:
    assert {name: _blacklist_roles(rt, name) for name in BLACKLIST_ROLES} == BLACKLIST_ROLES
    _absent(rt, ladder, "gro_upz", date(2026, 11, 1), date(2026, 12, 31))
    assert _blacklist_roles(rt, "alt_upz") == (True, False)
    assert _blacklist_roles(rt, "gro_upz") == (True, False)  # away, still the GRO
    _deactivate(rt, "ao_dist")
    assert _blacklist_roles(rt, "ao_dist") == (False, False)
