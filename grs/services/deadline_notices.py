"""The complainants whose deadlines a holiday change moved are told by the worker, after it.

A change touching a million deadlines cannot render a million messages inside the
administrator's request, so it commits, with the moves, the range of the history rows it wrote
(`HolidayChange.notice_after_event_id` up to `notice_through_event_id`): a durable note that
cannot be lost without the moves being lost too. The worker then writes the messages a batch at
a time, each batch in one transaction with the advance of the note: a worker that dies loses at
most its open batch, which the next run writes again. Two workers never expand one change at
once (its row is locked, `SKIP LOCKED`, on PostgreSQL; SQLite's write transactions are
exclusive), and a batch written twice anyway is written once: each message has its event's key.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import Case, Event, HolidayChange
from grs.processes.runtime import Runtime
from grs.services.notify import Notifier

BATCH = 2_000
BATCHES_PER_RUN = 25  # a worker run tells at most 50,000 cases, then sends


class _AsMoved(Notifier):
    """The message gives the deadline the change set, as its history row says: the case may
    have moved on (escalated, moved by a later change) before the worker came to it."""

    def values(self, case: Case, event: Event | None = None) -> dict[str, Any]:
        values = super().values(case, event)
        if event is not None and event.due_after is not None:
            values["due"] = event.due_after
        return values


def tell_moved_deadlines(rt: Runtime, batch: int = BATCH, batches: int = BATCHES_PER_RUN) -> int:
    """Write the messages of holiday changes not yet told, at most `batches` batches (the rest
    waits for the next run, so the messages already queued are not held up behind a million);
    returns how many cases were told."""
    told = 0
    for _ in range(batches):
        done = _tell_next_batch(rt, batch)
        if done is None:
            break
        told += done
    return told


def _tell_next_batch(rt: Runtime, batch: int) -> int | None:
    """One batch of one change still to be told, in one transaction; None when none is left."""
    with rt.db.write() as session:
        change = session.scalars(
            select(HolidayChange)
            .where(HolidayChange.notice_after_event_id < HolidayChange.notice_through_event_id)
            .order_by(HolidayChange.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).first()
        if change is None:
            return None
        events = _next_events(session, change, batch)
        # Two changes at once may interleave their rows in the range: each tells its own.
        own = [e for e in events if e.data.get("holiday_change_id") == change.id]
        _notify(rt, session, own)
        if len(events) < batch:
            change.notice_after_event_id = change.notice_through_event_id
        else:
            change.notice_after_event_id = events[-1].id
        return len(own)


def _next_events(session: Session, change: HolidayChange, batch: int) -> list[Event]:
    return list(
        session.scalars(
            select(Event)
            .where(
                Event.id > change.notice_after_event_id,
                Event.id <= change.notice_through_event_id,
                Event.action == "recompute_deadline",
            )
            .order_by(Event.id)
            .limit(batch)
        )
    )


def _notify(rt: Runtime, session: Session, events: list[Event]) -> None:
    if not events:
        return
    notifier = _AsMoved(rt, session)
    cases = notifier.read_cases({e.case_id for e in events})
    for event in events:
        notifier.changed(cases[event.case_id], event)
    notifier.flush()
