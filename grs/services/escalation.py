"""The escalation sweep: every running case past its deadline climbs one tier, by itself.

Safe with any number of sweeps at once: rows are claimed with FOR UPDATE SKIP LOCKED on
PostgreSQL (SQLite's BEGIN IMMEDIATE lets one writer in at a time), every UPDATE is guarded by
state and version, and each escalation's event has a unique key, so a case climbs once per tier.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Row, insert, select, text
from sqlalchemy.orm import Session

from grs.bangla import bn_digits
from grs.calendar.working_days import WorkingCalendar
from grs.db.models import RUNNING_PREDICATE, Case, Notification, Office, Post, Service
from grs.errors import Conflict
from grs.processes.runtime import Runtime
from grs.services.bulk import bulk_apply
from grs.services.case_changes import Change, fresh_tier_values
from grs.workflow.deadlines import tier_days
from grs.workflow.ladder import office_overrides, post_for_tier

BATCH = 500
MAX_CONFLICTS = 5
log = logging.getLogger("grs.sweep")


@dataclass
class SweepReport:
    as_of: date
    escalated: Counter[int] = field(default_factory=Counter)  # by the tier the case left
    marked_overdue: int = 0
    batches: int = 0
    conflicts: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "escalated": sum(self.escalated.values()),
            "escalated_by_tier": {str(t): n for t, n in sorted(self.escalated.items())},
            "marked_overdue": self.marked_overdue,
            "conflicts": self.conflicts,
        }


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
    while True:
        try:
            with rt.db.write() as session:
                rows = claim_due(session, report.as_of, batch_size)
                if not rows:
                    return report
                _escalate_batch(rt, session, rows, report)
                report.batches += 1
        except Conflict:
            # A batch raced another writer and was rolled back whole; its rows are claimed
            # again on the next round. Give up after a few in a row rather than spin.
            report.conflicts += 1
            if report.conflicts >= MAX_CONFLICTS:
                log.warning("sweep stopped after %d conflicting batches", report.conflicts)
                return report


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
    rt: Runtime, session: Session, rows: list[Row[Any]], report: SweepReport
) -> None:
    top = rt.workflow.top_tier
    climbing = [row for row in rows if row.tier < top]
    stuck = [row for row in rows if row.tier >= top]  # the top tier has nowhere further
    at = rt.now()
    planner = _NextTier(rt, session, report.as_of)
    moves = [(row, planner.values(row), _escalation(row, report.as_of)) for row in climbing]
    event_ids = bulk_apply(session, moves, at)
    _queue_notifications(rt, session, moves, event_ids)
    overdue = [(row, {"overdue": True}, _overdue(row)) for row in stuck]
    bulk_apply(session, overdue, at)
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
    """The post and deadline at the next tier, cached per office, service and tier."""

    def __init__(self, rt: Runtime, session: Session, start: date) -> None:
        self.rt, self.session, self.start = rt, session, start
        self.calendar: WorkingCalendar = rt.calendar(session)
        self._cache: dict[tuple[int, int | None, int], tuple[Post, int]] = {}

    def post_and_days(self, office_id: int, service_id: int | None, tier: int) -> tuple[Post, int]:
        key = (office_id, service_id, tier)
        if key not in self._cache:
            office = self.session.get_one(Office, office_id)
            service = self.session.get(Service, service_id) if service_id else None
            post = post_for_tier(self.session, self.rt.workflow, office, tier, service)
            overrides = office_overrides(self.session, office_id)
            days = tier_days(self.rt.workflow, tier, service, overrides) or 0
            self._cache[key] = (post, days)
        return self._cache[key]

    def values(self, row: Row[Any]) -> dict[str, Any]:
        post, days = self.post_and_days(row.office_id, row.service_id, row.tier + 1)
        fresh = fresh_tier_values(self.calendar, post, days, self.start)
        arrives_in = self.rt.workflow.triggers["escalate"].dest or row.state
        return {"tier": row.tier + 1, **self.rt.workflow.state_values(arrives_in), **fresh}


def _queue_notifications(
    rt: Runtime,
    session: Session,
    moves: list[tuple[Row[Any], dict[str, Any], Change]],
    event_ids: list[int],
) -> None:
    rows = []
    for (row, values, _), event_id in zip(moves, event_ids, strict=True):
        rows.append(_officer_note(row, values, event_id))
        if row.complainant_mobile:
            rows.append(_sms(rt, row, values, event_id))
    if rows:
        session.execute(insert(Notification), rows)


def _officer_note(row: Row[Any], values: dict[str, Any], event_id: int) -> dict[str, Any]:
    body = f"case {row.tracking_number} escalated to you; due {values['due_on'].isoformat()}"
    return _notification(row, event_id, "officer", f"post:{values['current_post_id']}", body)


def _sms(rt: Runtime, row: Row[Any], values: dict[str, Any], event_id: int) -> dict[str, Any]:
    to = rt.workflow.tiers[values["tier"]].phrase.bn
    body = (
        f"অভিযোগ {bn_digits(row.tracking_number)} এখন {to}-এর কাছে; "
        f"নিষ্পত্তির শেষ তারিখ {bn_digits(values['due_on'].isoformat())}"
    )
    return _notification(row, event_id, "sms", row.complainant_mobile, body)


def _notification(
    row: Row[Any], event_id: int, channel: str, recipient: str, body: str
) -> dict[str, Any]:
    return {
        "case_id": row.id,
        "event_id": event_id,
        "channel": channel,
        "recipient": recipient,
        "body": body,
        "status": "pending",
        "attempts": 0,
        "once_key": f"event:{event_id}:{channel}",
    }
