"""The escalation sweep: every running case past its deadline climbs one tier, by itself; then
the waits that end by themselves (see `lapsed_waits`).

Safe with any number of sweeps at once: rows are claimed with FOR UPDATE SKIP LOCKED on
PostgreSQL (SQLite's BEGIN IMMEDIATE lets one writer in at a time), every UPDATE is guarded by
state and version, and each escalation's event has a unique key, so a case climbs once per tier.
A sweep on PostgreSQL itself runs a few batch loops at once (`worker.sweep_loops`), on that
same footing: while the server writes one batch, the next is worked out in Python.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Row, select, text
from sqlalchemy.orm import Session, joinedload

from grs.calendar.working_days import WorkingCalendar
from grs.db.models import RUNNING_PREDICATE, Case, Office, Service
from grs.errors import Conflict
from grs.processes.runtime import Runtime
from grs.services.bulk import bulk_apply, written_events
from grs.services.case_changes import Change, fresh_tier_values
from grs.services.lapsed_waits import close_unappealed, restart_unanswered
from grs.services.notify import notify_bulk
from grs.workflow.deadlines import tier_days
from grs.workflow.ladder import office_overrides, post_for_tier, preload_organisation

BATCH = 2000  # cases a transaction; each batch costs a few statements whatever its size
MAX_CONFLICTS = 5
log = logging.getLogger("grs.sweep")


@dataclass
class SweepReport:
    as_of: date
    escalated: Counter[int] = field(default_factory=Counter)  # by the tier the case left
    marked_overdue: int = 0
    restarted: int = 0  # unanswered requests for information whose clock runs again
    closed: int = 0  # decisions nobody appealed in time
    batches: int = 0
    conflicts: int = 0

    def add(self, other: SweepReport) -> None:
        """Count in what another loop of the same sweep did."""
        self.escalated.update(other.escalated)
        self.marked_overdue += other.marked_overdue
        self.batches += other.batches
        self.conflicts += other.conflicts

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "escalated": sum(self.escalated.values()),
            "escalated_by_tier": {str(t): n for t, n in sorted(self.escalated.items())},
            "marked_overdue": self.marked_overdue,
            "restarted": self.restarted,
            "closed": self.closed,
            "conflicts": self.conflicts,
        }


_Step = Callable[[Runtime, Session, "SweepReport", int], int]

_COLUMNS = (
    Case.id,
    Case.state,
    Case.tier,
    Case.version,
    Case.due_on,
    Case.office_id,
    Case.current_office_id,
    Case.service_id,
    Case.tier_started_on,
    Case.complainant_mobile,
    Case.tracking_number,
)


def sweep(rt: Runtime, as_of: date | None = None, batch_size: int = BATCH) -> SweepReport:
    report = SweepReport(as_of or rt.today())
    loops = _loops(rt)
    _together(rt, report, batch_size, loops, _EscalateDue)
    report.restarted = _together(rt, report, batch_size, loops, lambda: _restart_unanswered)
    if report.restarted:  # a clock running again may already be past its deadline
        _together(rt, report, batch_size, loops, _EscalateDue)
    report.closed = _together(rt, report, batch_size, loops, lambda: _close_unappealed)
    return report


def _loops(rt: Runtime) -> int:
    # SQLite lets one writer in at a time: a second loop would only wait for its turn.
    return rt.settings.sweep_loops if rt.db.engine.dialect.name == "postgresql" else 1


def _together(
    rt: Runtime, report: SweepReport, batch_size: int, loops: int, step: Callable[[], _Step]
) -> int:
    """`_in_batches` of a new `step()` in each of `loops` threads, each batch its own transaction
    on its own connection: claims skip the rows another loop holds, so no case is handled twice,
    and each loop ends when it finds nothing left. The rows handled, all loops together. The
    first batch runs alone: a sweep with nothing or little due starts no thread."""
    first = step()
    handled = _in_batches(rt, report, batch_size, first, most=None if loops == 1 else 1)
    if loops == 1 or handled < batch_size:
        return handled
    parts = [SweepReport(report.as_of) for _ in range(loops)]
    steps = [first] + [step() for _ in range(loops - 1)]
    with ThreadPoolExecutor(loops, thread_name_prefix="sweep") as pool:
        runs = [
            pool.submit(_in_batches, rt, part, batch_size, loop_step)
            for part, loop_step in zip(parts, steps, strict=True)
        ]
        handled += sum(run.result() for run in runs)  # a loop's error is raised here
    for part in parts:
        report.add(part)
    return handled


def _in_batches(
    rt: Runtime, report: SweepReport, batch_size: int, step: _Step, most: int | None = None
) -> int:
    """Run `step` one transaction per batch until it finds nothing (or has done `most`
    batches); the rows it handled."""
    handled = conflicts = done_batches = 0
    while most is None or done_batches < most:
        try:
            with rt.db.write() as session:
                done = step(rt, session, report, batch_size)
                if not done:
                    return handled
                report.batches += 1
            handled += done
            done_batches += 1
        except Conflict:
            # A batch raced another writer and was rolled back whole; its rows are claimed
            # again on the next round. Give up after a few in a row rather than spin.
            report.conflicts += 1
            conflicts += 1
            if conflicts >= MAX_CONFLICTS:
                log.warning("sweep step stopped after %d conflicting batches", conflicts)
                return handled
    return handled


class _EscalateDue:
    """The escalation step; it keeps its next-tier lookups from one batch to the next (one per
    loop: a loop's planner is never shared with another thread)."""

    def __init__(self) -> None:
        self.planner: _NextTier | None = None

    def __call__(self, rt: Runtime, session: Session, report: SweepReport, limit: int) -> int:
        rows = claim_due(session, report.as_of, limit)
        if rows:
            self.planner = self.planner or _NextTier(rt, session, report.as_of)
            _escalate_batch(rt, session, rows, report, self.planner)
        return len(rows)


def _restart_unanswered(rt: Runtime, session: Session, report: SweepReport, limit: int) -> int:
    return restart_unanswered(rt, session, report.as_of, limit)


def _close_unappealed(rt: Runtime, session: Session, report: SweepReport, limit: int) -> int:
    return close_unappealed(rt, session, report.as_of, limit)


def claim_due(session: Session, as_of: date, limit: int) -> list[Row[Any]]:
    """Running cases due before `as_of` that no other sweep holds; the query matches the partial
    index on due_on, so a sweep with nothing due reads nothing."""
    # The predicate is the partial index's own text, with the states as literals: a bound list
    # would let PostgreSQL cache a generic plan that cannot use a partial index. Ordering by
    # due_on makes the index the cheap way to the first rows (and the oldest cases go first).
    query = (
        select(*_COLUMNS)
        .where(text(RUNNING_PREDICATE), Case.due_on < as_of)
        .order_by(Case.due_on)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(session.execute(query))


def _escalate_batch(
    rt: Runtime, session: Session, rows: list[Row[Any]], report: SweepReport, planner: _NextTier
) -> None:
    as_of = report.as_of
    top = rt.workflow.top_tier
    climbing = [row for row in rows if row.tier < top]
    stuck = [row for row in rows if row.tier >= top]  # the top tier has nowhere further
    at = rt.now()
    planner.plan(session, climbing)
    moves = [(row, planner.values(row), _escalation(row, as_of)) for row in climbing]
    overdue = [(row, {"overdue": True}, _overdue(row)) for row in stuck]
    event_ids = bulk_apply(session, moves, at) + bulk_apply(session, overdue, at)
    # Their messages, in the same transaction: a rolled-back batch leaves none behind.
    events = written_events(moves + overdue, event_ids)
    notify_bulk(rt, session, [row.id for row in climbing + stuck], events)
    report.escalated.update(row.tier for row in climbing)
    report.marked_overdue += len(stuck)


def _escalation(row: Row[Any], as_of: date) -> Change:
    key = f"escalate:{row.id}:{row.tier}:{row.tier_started_on.isoformat()}"
    data = {"missed_due_on": row.due_on.isoformat(), "as_of": as_of.isoformat()}
    return Change("escalate", once_key=key, data=data)


def _overdue(row: Row[Any]) -> Change:
    key = f"overdue:{row.id}:{row.tier}:{row.tier_started_on.isoformat()}"
    return Change("mark_overdue", once_key=key, data={"missed_due_on": row.due_on.isoformat()})


class _NextTier:
    """The post and deadline at the next tier, worked out once per (office, service, tier) for
    the whole sweep: every case escalating from the same place lands in the same place with the
    same clock (all tiers start on the sweep's date). A batch with places not seen yet reads the
    organisation and their services once (`plan`), so a sweep's statements grow with batches,
    never with offices or cases."""

    def __init__(self, rt: Runtime, session: Session, start: date) -> None:
        self.rt, self.start = rt, start
        self.calendar: WorkingCalendar = rt.calendar(session)
        # (office, service, tier) -> the post's and the new clock's column values
        self._cache: dict[tuple[int, int | None, int], dict[str, Any]] = {}
        arrives_in = rt.workflow.triggers["escalate"].dest
        self._state = rt.workflow.state_values(arrives_in) if arrives_in else None

    def plan(self, session: Session, rows: list[Row[Any]]) -> None:
        """Work out the arrivals of `rows` not known yet, from the organisation read whole."""
        wanted = {(row.office_id, row.service_id, row.tier + 1) for row in rows}
        missing = wanted - self._cache.keys()
        if not missing:
            return
        preload_organisation(session)
        service_ids = {service_id for _, service_id, _ in missing if service_id is not None}
        query = (
            select(Service)
            .where(Service.id.in_(service_ids))
            .options(joinedload(Service.responsible_post))
        )
        services = {service.id: service for service in session.scalars(query)}
        for office_id, service_id, tier in missing:
            service = services.get(service_id) if service_id is not None else None
            self._cache[office_id, service_id, tier] = self._arrival(
                session, office_id, service, tier
            )

    def _arrival(
        self, session: Session, office_id: int, service: Service | None, tier: int
    ) -> dict[str, Any]:
        office = session.get_one(Office, office_id)
        post = post_for_tier(session, self.rt.workflow, office, tier, service)
        days = tier_days(self.rt.workflow, tier, service, office_overrides(session, office_id))
        return fresh_tier_values(self.calendar, post, days or 0, self.start)

    def values(self, row: Row[Any]) -> dict[str, Any]:
        arrival = self._cache[row.office_id, row.service_id, row.tier + 1]
        state = self._state or self.rt.workflow.state_values(row.state)
        return {"tier": row.tier + 1, **state, **arrival}
