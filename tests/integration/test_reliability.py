"""What must hold when writers meet, on SQLite and PostgreSQL: sweeps running side by side, a
sweep killed half-way, two officers acting on one case at once, and the escalation's unique key.

The sweeps run in separate OS processes (the worker and the CLI are separate processes in
production); SQLite then serialises them on BEGIN IMMEDIATE, PostgreSQL on row locks.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from grs.db.models import Case, Event, Notification
from grs.errors import Conflict
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from grs.services import organisation as org
from grs.services.action_effects import ActionInput
from grs.services.actions import act
from grs.services.bulk import bulk_apply
from grs.services.case_changes import Change
from grs.services.case_lookup import find_case
from grs.services.case_view import history
from grs.services.escalation import sweep
from grs.services.permissions import allowed_actions
from grs.tracking import damm_digit
from tests.support import build_ladder, do, load, lodge_case

ROOT = Path(__file__).resolve().parents[2]
SPAWN = multiprocessing.get_context("spawn")
# Every case lodged on 23 Nov 2026 is due at tier 1 early in January 2027: all are late by then.
AS_OF = date(2027, 3, 1)
# Generous bounds for a stuck child, never a measure of speed.
CHILD_LIMIT_S = 300
KILLED_APP = "grs_killed_sweep"

_cases = Case.__table__
_events = Event.__table__


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


# --- due cases, made in bulk --------------------------------------------------------------


def _tracking(i: int) -> str:
    # Year "99" never collides with the lodged case's year "26"; the check digit keeps it valid.
    body = f"99{i:09d}"
    return body + str(damm_digit(body))


def lodge_due_cases(rt: Runtime, count: int) -> list[int]:
    """`count` cases at tier 1, state new, all due before AS_OF: one lodged through the service,
    the rest copies of it (row and lodge event) written with two bulk INSERTs."""
    original = lodge_case(rt)
    assert (original.tier, original.state, original.version) == (1, "new", 1)
    assert original.due_on < AS_OF
    with rt.db.write() as s:
        case_row = dict(
            s.execute(select(_cases).where(_cases.c.id == original.id)).mappings().one()
        )
        lodge_row = dict(
            s.execute(select(_events).where(_events.c.case_id == original.id)).mappings().one()
        )
        del case_row["id"], lodge_row["id"]
        copies = [{**case_row, "tracking_number": _tracking(i)} for i in range(1, count)]
        returning = insert(_cases).returning(_cases.c.id, sort_by_parameter_order=True)
        ids = list(s.scalars(returning, copies))
        s.execute(insert(_events), [{**lodge_row, "case_id": case_id} for case_id in ids])
    return [original.id, *ids]


@dataclass(repr=False)
class Audit:
    escalated: set[int]
    untouched: set[int]

    def __repr__(self) -> str:
        return f"Audit(escalated={len(self.escalated)}, untouched={len(self.untouched)})"


def audit(rt: Runtime, case_ids: list[int]) -> Audit:
    """Split the cases into those fully escalated once (tier 2, version 2, one escalate event with
    its two notifications) and those untouched (tier 1, version 1, nothing written); fail on any
    case in between or escalated twice."""
    with rt.db.read_session() as s:
        cases = {r.id: (r.tier, r.version, r.state) for r in s.execute(select(_cases))}
        escalations = Counter(
            s.scalars(select(Event.case_id).where(Event.action == "escalate")).all()
        )
        bad_events = s.execute(
            select(Event.case_id, Event.seq, Event.from_tier, Event.to_tier).where(
                Event.action == "escalate",
                (Event.seq != 2) | (Event.from_tier != 1) | (Event.to_tier != 2),
            )
        ).all()
        notes = Counter(
            s.scalars(
                select(Notification.case_id)
                .join(Event, Event.id == Notification.event_id)
                .where(Event.action == "escalate", Event.case_id == Notification.case_id)
            ).all()
        )
        # Every message but those of the one case lodged through the service.
        all_notes = s.scalar(
            select(func.count(Notification.id))
            .join(Event, Event.id == Notification.event_id)
            .where(Event.action != "lodge")
        )
    assert sorted(cases) == sorted(case_ids)
    assert bad_events == []
    escalated = {cid for cid, row in cases.items() if row == (2, 2, "new")}
    untouched = {cid for cid, row in cases.items() if row == (1, 1, "new")}
    halfway = {cid: cases[cid] for cid in set(case_ids) - escalated - untouched}
    assert halfway == {}, "cases neither escalated nor untouched"
    assert {cid: n for cid in escalated if (n := escalations[cid]) != 1} == {}, "escalate events"
    assert {cid: n for cid in escalated if (n := notes[cid]) != 2} == {}, "notifications"
    assert not any(escalations[cid] or notes[cid] for cid in untouched)
    assert sum(escalations.values()) == len(escalated)
    assert sum(notes.values()) == all_notes == 2 * len(escalated)
    return Audit(escalated, untouched)


# --- sweeps in other processes -------------------------------------------------------------


def _child_runtime(url: str, app_name: str = "grs_sweep") -> Runtime:
    settings = replace(Settings(), database_url=url, root=ROOT)
    extra: dict[str, Any] = {}
    if url.startswith("postgresql"):
        extra["connect_args"] = {"application_name": app_name}
    rt = Runtime.from_settings(settings, **extra)
    with rt.db.read_session() as s:  # imports, calendar and first connection before any start line
        rt.calendar(s)
    return rt


def _sweep_at_once(url: str, batch_size: int, start: Any, results: Any) -> None:
    try:
        rt = _child_runtime(url)
        start.wait()
        report = sweep(rt, AS_OF, batch_size)
        escalated = sum(report.escalated.values())
        results.put(("ok", escalated, report.marked_overdue, report.batches, report.closed))
        rt.db.dispose()
    except BaseException:
        start.abort()  # the others would wait at the start line until it times out
        results.put(("error", traceback.format_exc()))


def _sweep_until_held(url: str, batch_size: int, hold_at: int, held: Any) -> None:
    """Sweep, but stop inside the `hold_at`-th batch's transaction once everything is written
    and nothing committed yet: the moment a kill does the most harm."""
    rt = _child_runtime(url, KILLED_APP)
    # One loop: the moment held is one batch's, which the counts below are taken at (several
    # loops would go on committing beside it).
    rt.settings = replace(rt.settings, sweep_loops=1)
    commits = 0

    @event.listens_for(Session, "before_commit")
    def _hold(session: Session) -> None:
        nonlocal commits
        commits += 1
        if commits == hold_at:
            held.set()
            time.sleep(CHILD_LIMIT_S)

    sweep(rt, AS_OF, batch_size)


def _wait_for(flag: Any, child: Any) -> bool:
    for _ in range(CHILD_LIMIT_S * 10):
        if flag.wait(0.1):
            return True
        if not child.is_alive():
            return False
    return False


def _wait_for_killed_backend(rt: Runtime) -> None:
    """PostgreSQL rolls back a dead client's transaction once its backend notices the closed
    socket; until then that backend holds the batch's row locks and SKIP LOCKED would pass over
    them."""
    if not rt.db.is_postgresql:
        return
    query = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name")
    for _ in range(CHILD_LIMIT_S * 10):
        with rt.db.engine.connect() as conn:
            if conn.scalar(query, {"name": KILLED_APP}) == 0:
                return
        time.sleep(0.1)
    pytest.fail("the killed sweep's PostgreSQL backend never went away")


def test_eight_sweeps_at_once_escalate_every_case_exactly_once(rt, database_url, ladder):
    count, sweeps = 5_000, 8
    case_ids = lodge_due_cases(rt, count)
    assert len(audit(rt, case_ids).untouched) == count
    start, results = SPAWN.Barrier(sweeps, timeout=CHILD_LIMIT_S), SPAWN.Queue()
    children = [
        SPAWN.Process(target=_sweep_at_once, args=(database_url, 500, start, results))
        for _ in range(sweeps)
    ]
    for child in children:
        child.start()
    try:
        reports = [results.get(timeout=CHILD_LIMIT_S) for _ in children]
    finally:
        for child in children:
            child.join(timeout=CHILD_LIMIT_S)
            if child.is_alive():
                child.kill()
    failures = [r[1] for r in reports if r[0] != "ok"]
    assert failures == []
    assert [child.exitcode for child in children] == [0] * sweeps
    assert sum(r[1] for r in reports) == count
    assert sum(r[2] for r in reports) == 0
    result = audit(rt, case_ids)
    assert len(result.escalated) == count and not result.untouched
    with rt.db.read_session() as s:
        assert s.scalar(select(Case.id).where(Case.version != 2).limit(1)) is None
    assert sweep(rt, AS_OF).escalated == {}


def _decide_all(rt: Runtime, case_ids: list[int]) -> None:
    """Make every case a decision whose appeal window ended before AS_OF."""
    values = {
        **rt.workflow.state_values("resolved"),
        "decided_on": date(2027, 1, 4),
        "appeal_until": date(2027, 2, 4),
        "closure_reason": "service_given",
    }
    with rt.db.write() as s:
        s.execute(_cases.update().where(_cases.c.id.in_(case_ids)).values(**values))


def _run_sweeps_at_once(database_url: str, sweeps: int) -> list[Any]:
    start, results = SPAWN.Barrier(sweeps, timeout=CHILD_LIMIT_S), SPAWN.Queue()
    children = [
        SPAWN.Process(target=_sweep_at_once, args=(database_url, 500, start, results))
        for _ in range(sweeps)
    ]
    for child in children:
        child.start()
    try:
        reports = [results.get(timeout=CHILD_LIMIT_S) for _ in children]
    finally:
        for child in children:
            child.join(timeout=CHILD_LIMIT_S)
            if child.is_alive():
                child.kill()
    assert [r[1] for r in reports if r[0] != "ok"] == []
    assert [child.exitcode for child in children] == [0] * sweeps
    return reports


def test_eight_sweeps_at_once_close_every_unappealed_decision_exactly_once(
    rt, database_url, ladder
):
    count, sweeps = 3_000, 8
    case_ids = lodge_due_cases(rt, count)
    _decide_all(rt, case_ids)
    reports = _run_sweeps_at_once(database_url, sweeps)
    assert sum(r[4] for r in reports) == count  # none missed, none closed twice
    assert sum(r[1] for r in reports) == 0
    with rt.db.read_session() as s:
        closings = Counter(
            s.scalars(select(Event.case_id).where(Event.action == "close_unappealed")).all()
        )
        states = Counter(s.execute(select(Case.state, Case.version)).all())
    assert set(closings) == set(case_ids)
    assert {cid: n for cid, n in closings.items() if n != 1} == {}  # 0 doubled
    assert states == Counter({("closed", 2): count})  # 0 missed
    assert sweep(rt, AS_OF).closed == 0


class _Transactions:
    """The sweep's transactions: the threads that committed them, and the most open at once."""

    def __init__(self) -> None:
        self.lock, self.open, self.most = threading.Lock(), 0, 0
        self.committers: Counter[str] = Counter()

    def began(self, connection: Any) -> None:
        with self.lock:
            self.open += 1
            self.most = max(self.most, self.open)

    def committed(self, connection: Any) -> None:
        with self.lock:
            self.committers[threading.current_thread().name] += 1
        self.ended(connection)

    def ended(self, connection: Any) -> None:
        with self.lock:
            self.open -= 1


def _watched_sweep(rt: Runtime, batch: int) -> tuple[Any, _Transactions]:
    seen = _Transactions()
    hooks = [("begin", seen.began), ("commit", seen.committed), ("rollback", seen.ended)]
    for name, hook in hooks:
        event.listen(rt.db.engine, name, hook)
    try:
        return sweep(rt, AS_OF, batch), seen
    finally:
        for name, hook in hooks:
            event.remove(rt.db.engine, name, hook)


def test_a_sweep_runs_two_batch_loops_at_once_and_each_case_climbs_once(rt, ladder):
    count, batch = 1_000, 50
    case_ids = lodge_due_cases(rt, count)
    report, seen = _watched_sweep(rt, batch)
    assert report.escalated == {1: count} and report.batches >= count // batch
    assert len(audit(rt, case_ids).escalated) == count  # each once, with its messages
    if rt.db.is_postgresql:  # two loops (worker.sweep_loops), each on its own connection
        assert seen.most == rt.settings.sweep_loops == 2
        assert len(seen.committers) > 1
    else:  # SQLite writes one at a time: one loop
        assert seen.most == 1 and list(seen.committers) == ["MainThread"]


def test_a_sweep_with_less_than_a_batch_due_starts_no_second_loop(rt, ladder):
    case_ids = lodge_due_cases(rt, 20)
    report, seen = _watched_sweep(rt, 50)
    assert report.escalated == {1: 20}
    assert len(audit(rt, case_ids).escalated) == 20
    assert seen.most == 1 and list(seen.committers) == ["MainThread"]


def test_a_sweep_killed_mid_batch_leaves_whole_batches_and_a_rerun_finishes(
    rt, database_url, ladder
):
    count, batch, hold_at = 3_000, 100, 11
    case_ids = lodge_due_cases(rt, count)
    held = SPAWN.Event()
    child = SPAWN.Process(target=_sweep_until_held, args=(database_url, batch, hold_at, held))
    child.start()
    try:
        assert _wait_for(held, child), f"the sweep died before batch {hold_at}"
        # The held batch is written but not committed: no reader may see any of it.
        assert len(audit(rt, case_ids).escalated) == (hold_at - 1) * batch
        child.kill()
        child.join(CHILD_LIMIT_S)
    finally:
        if child.is_alive():
            child.kill()
    assert child.exitcode == -signal.SIGKILL, "the sweep ended before it was killed"
    _wait_for_killed_backend(rt)
    before_rerun = audit(rt, case_ids)
    assert len(before_rerun.escalated) == (hold_at - 1) * batch
    assert len(before_rerun.untouched) == count - (hold_at - 1) * batch
    report = sweep(rt, AS_OF, batch)
    assert report.escalated == {1: len(before_rerun.untouched)}
    after = audit(rt, case_ids)
    assert len(after.escalated) == count and not after.untouched
    assert after.escalated >= before_rerun.escalated


# --- officers racing on one case -----------------------------------------------------------


@pytest.mark.parametrize("stale", ["loaded_case", "expected_version"])
def test_two_officers_acting_at_once_one_wins_the_other_gets_a_conflict(rt, clock, ladder, stale):
    case = lodge_case(rt)
    with rt.db.write() as s:
        org.add_absence(s, ladder.officers["gro_upz"], clock.day, clock.day, "প্রশিক্ষণ")
    officers = {"gro_upz": ladder.officer("gro_upz"), "alt_upz": ladder.officer("alt_upz")}
    with rt.db.read_session() as s:
        for actor in officers.values():  # the GRO holds the post; the alternate covers it today
            assert "accept" in allowed_actions(rt, s, find_case(s, case.tracking_number), actor)
    start = threading.Barrier(len(officers), timeout=60)
    outcomes: dict[str, Any] = {}

    def attempt(username: str) -> None:
        try:
            with rt.db.read_session() as s:  # the case page each officer has open
                seen = find_case(s, case.tracking_number)
            assert seen.version == 1
            start.wait()
            with rt.db.write() as s:
                if stale == "loaded_case":
                    target, args = seen, ActionInput()
                else:
                    target = find_case(s, case.tracking_number)
                    args = ActionInput(expected_version=seen.version)
                act(rt, s, target, "accept", officers[username], args)
            outcomes[username] = "accepted"
        except BaseException as exc:
            outcomes[username] = exc

    threads = [threading.Thread(target=attempt, args=(name,)) for name in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads)
    winners = [name for name, outcome in outcomes.items() if outcome == "accepted"]
    losers = [outcome for outcome in outcomes.values() if outcome != "accepted"]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1 and isinstance(losers[0], Conflict), outcomes
    assert losers[0].code == "conflict"
    assert "someone else changed this case first" in str(losers[0])
    after = load(rt, case.tracking_number)
    assert (after.state, after.version) == ("accepted", 2)
    with rt.db.read_session() as s:
        events = history(s, after, citizen=False)
    assert [e.action for e in events] == ["lodge", "accept"]
    assert events[1].officer_id == ladder.officers[winners[0]].id


def _snapshot(rt: Runtime, case_id: int) -> tuple[dict[str, Any], list[tuple[Any, ...]]]:
    with rt.db.read_session() as s:
        row = dict(s.execute(select(_cases).where(_cases.c.id == case_id)).mappings().one())
        events = s.execute(
            select(Event.seq, Event.action, Event.once_key)
            .where(Event.case_id == case_id)
            .order_by(Event.seq)
        ).all()
    return row, [tuple(e) for e in events]


def test_a_stale_expected_version_is_refused_and_changes_nothing(rt, ladder):
    case = lodge_case(rt)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    before = _snapshot(rt, case.id)
    with pytest.raises(Conflict) as refused:
        do(rt, case.tracking_number, "start_investigation", gro, expected_version=1)
    assert refused.value.code == "conflict"
    assert "someone else changed this case first" in str(refused.value)
    assert _snapshot(rt, case.id) == before
    # The same action against the version the case is at goes through.
    do(rt, case.tracking_number, "start_investigation", gro, expected_version=2)
    after = load(rt, case.tracking_number)
    assert (after.state, after.version, after.extension_days) == ("investigating", 3, 10)


# --- the unique key under the escalation ---------------------------------------------------


def test_a_second_escalation_with_the_same_once_key_is_refused_with_its_update(rt, ladder):
    case = lodge_case(rt)
    assert sweep(rt, AS_OF).escalated == {1: 1}
    before = _snapshot(rt, case.id)
    first_key = next(key for _, action, key in before[1] if action == "escalate")
    with pytest.raises(IntegrityError) as refused, rt.db.write() as s:
        columns = (Case.id, Case.state, Case.tier, Case.version, Case.due_on)
        row = s.execute(select(*columns).where(Case.id == case.id)).one()
        # The row carries the current state and version, so the guarded UPDATE matches (a
        # mismatch would raise Conflict instead) and only the event's unique key can stop it.
        change = Change("escalate", once_key=first_key)
        bulk_apply(s, [(row, {"tier": 3}, change)], rt.now())
    assert "once_key" in str(refused.value)
    assert _snapshot(rt, case.id) == before
    assert load(rt, case.tracking_number).tier == 2
