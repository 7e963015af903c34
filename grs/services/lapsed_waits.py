"""The sweep's other two jobs: waits that end by themselves when their date passes.

A request for information unanswered by its answer-by date: the clock runs again from that date
(the wait counts as paused only up to it), so a case can no longer wait forever. A decision
nobody appealed within the appeal window: the case is closed. Each is one system event with a
unique key, claimed and guarded like an escalation, so any number of sweeps write it once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from grs.db.models import Case
from grs.processes.runtime import Runtime
from grs.services.bulk import bulk_apply, written_events
from grs.services.case_changes import Change, paused_working_days
from grs.services.notify import notify_bulk
from grs.workflow.deadlines import due_on

UNANSWERED = "info_unanswered"
UNAPPEALED = "close_unappealed"

_COLUMNS = (
    Case.id,
    Case.state,
    Case.tier,
    Case.version,
    Case.current_office_id,  # the office holding the case, for its event
    Case.due_on,
    Case.tier_started_on,
    Case.tier_days,
    Case.extension_days,
    Case.paused_days,
    Case.paused_since,
    Case.info_answer_by,
    Case.decided_on,
)


def restart_unanswered(rt: Runtime, session: Session, as_of: date, limit: int) -> int:
    """Start the clock again on up to `limit` cases whose answer-by date passed; how many."""
    spec = rt.workflow.triggers.get(UNANSWERED)
    if spec is None:
        return 0
    rows = _claim(session, Case.info_answer_by, rt.workflow.paused, as_of, limit)
    calendar = rt.calendar(session)
    arrives = rt.workflow.state_values(spec.dest or "")
    moves = []
    for row in rows:
        paused = row.paused_days + paused_working_days(
            calendar, row.paused_since, row.info_answer_by
        )
        new_due = due_on(calendar, row.tier_started_on, row.tier_days, row.extension_days, paused)
        values = {**arrives, "paused_days": paused, "paused_since": None, "due_on": new_due}
        values["info_answer_by"] = None
        key = f"unanswered:{row.id}:{row.info_answer_by.isoformat()}"
        data = {"answer_by": row.info_answer_by.isoformat(), "as_of": as_of.isoformat()}
        moves.append((row, values, Change(UNANSWERED, once_key=key, data=data)))
    event_ids = bulk_apply(session, moves, rt.now())
    notify_bulk(rt, session, [row.id for row in rows], written_events(moves, event_ids))
    return len(rows)


def close_unappealed(rt: Runtime, session: Session, as_of: date, limit: int) -> int:
    """Close up to `limit` decided cases whose appeal window ended before `as_of`; how many."""
    spec = rt.workflow.triggers.get(UNAPPEALED)
    if spec is None or spec.dest is None:
        return 0
    rows = _claim(session, Case.appeal_until, rt.workflow.decided, as_of, limit)
    values = rt.workflow.state_values(spec.dest)
    moves = [(row, values, _closing(row, as_of)) for row in rows]
    event_ids = bulk_apply(session, moves, rt.now())
    notify_bulk(rt, session, [row.id for row in rows], written_events(moves, event_ids))
    return len(rows)


def _closing(row: Row[Any], as_of: date) -> Change:
    key = f"unappealed:{row.id}:{row.tier}:{row.decided_on.isoformat()}"
    return Change(UNAPPEALED, once_key=key, data={"as_of": as_of.isoformat()})


def _claim(
    session: Session, column: Any, states: frozenset[str], as_of: date, limit: int
) -> list[Row[Any]]:
    query = (
        select(*_COLUMNS)
        .where(column < as_of, Case.state.in_(sorted(states)))
        .order_by(column, Case.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(session.execute(query))
