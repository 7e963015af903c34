"""One change of a case: a guarded UPDATE and its history event, in the caller's transaction.

The UPDATE matches the state and version the caller read; if anyone changed the case since, it
matches nothing and the change is refused as a conflict instead of overwriting theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from grs.calendar.dhaka import dhaka_date
from grs.calendar.working_days import WorkingCalendar
from grs.db.models import Case, Event, Officer, Post
from grs.errors import Conflict
from grs.workflow.deadlines import due_on


@dataclass(frozen=True)
class Actor:
    kind: str  # citizen | officer | system
    officer: Officer | None = None

    @property
    def officer_id(self) -> int | None:
        return self.officer.id if self.officer else None


SYSTEM = Actor("system")
CITIZEN = Actor("citizen")


@dataclass
class Change:
    """What an action does to a case, and how its history entry reads."""

    action: str
    values: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    citizen_visible: bool = True
    once_key: str | None = None
    # Rows that must point at the change's history entry, written once it exists.
    after: list[Callable[[Event], None]] = field(default_factory=list)


def check_state_values(values: dict[str, Any]) -> None:
    """A new state must come with its clock flag (`Workflow.state_values`): the sweep's index
    reads the flag, and a state written without it would run or stop no clock."""
    if "state" in values and "clock_runs" not in values:
        raise ValueError("a change of state needs Workflow.state_values, not a bare state")


def apply_change(session: Session, case: Case, change: Change, actor: Actor, at: datetime) -> Event:
    check_state_values(change.values)
    values = {**change.values, "version": case.version + 1}
    result = session.execute(
        update(Case)
        .where(Case.id == case.id, Case.state == case.state, Case.version == case.version)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(
            "someone else changed this case first; reload it and look again",
            tracking_number=case.tracking_number,
        )
    event = Event(**event_row(case, values, change, actor, at))
    for key, value in values.items():
        set_committed_value(case, key, value)
    session.add(event)
    session.flush()
    return event


def event_row(
    case: Any, values: dict[str, Any], change: Change, actor: Actor, at: datetime
) -> dict[str, Any]:
    """The history row for moving `case` (a model or a plain row, read before the change) to
    `values`; the sweep inserts these in bulk."""
    return {
        "case_id": case.id,
        "seq": values["version"],
        "at": at,
        "occurred_on": dhaka_date(at),
        "actor_kind": actor.kind,
        "officer_id": actor.officer_id,
        "action": change.action,
        "from_state": case.state,
        "to_state": values.get("state", case.state),
        "from_tier": case.tier,
        "to_tier": values.get("tier", case.tier),
        "due_before": case.due_on,
        "due_after": values.get("due_on", case.due_on),
        # A caller that read the case without its office leaves the event without one.
        "held_by_office_id": values.get(
            "current_office_id", getattr(case, "current_office_id", None)
        ),
        "note": change.note,
        "data": change.data,
        "citizen_visible": change.citizen_visible,
        "once_key": change.once_key,
    }


def fresh_tier_values(
    calendar: WorkingCalendar, post: Post, days: int, start: date
) -> dict[str, Any]:
    """A case arriving at a post with a new clock: escalation, appeal and forwarding alike."""
    return {
        "current_office_id": post.office_id,
        "current_post_id": post.id,
        "tier_started_on": start,
        "tier_days": days,
        "extension_days": 0,
        "paused_days": 0,
        "paused_since": None,
        "overdue": False,
        "decided_on": None,
        "appeal_until": None,
        "closure_reason": None,
        "decision_cause": None,
        "decision_text": None,
        "decision_prevention": None,
        "opinion_due_on": None,
        "info_answer_by": None,
        "due_on": due_on(calendar, start, days),
    }


def paused_working_days(calendar: Any, since: date | None, until: date) -> int:
    if since is None:
        return 0
    return max(0, int(calendar.working_days_between(since, until)))
