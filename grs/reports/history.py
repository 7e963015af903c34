"""Where every case stood, and what happened to it, as the history read at a period's end.

One set-based query over the events, read by index ranges: each event carries the office that
held the case before it, the day its stint at the tier began and the day it was superseded
(filled when written, see `Event.prev_office_id`). From that: the state at the end of the day
before the period and at the period's end, and the period's arrivals, decisions, forwards,
escalations and appeals, counted per tier and holding office.
Nothing reads the cases' current columns except what never changes (channel, service,
complaint type, the rating given once).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, null, or_, select, text
from sqlalchemy.orm import Session

from grs.db.models import Case, Event
from grs.workflow.definition import Workflow

# The history's words for the moves the report counts: trigger names of the workflow.
FORWARD, ESCALATE, APPEAL, INVESTIGATE, RATE, FILE_AWAY = (
    "forward", "escalate", "appeal", "start_investigation", "rate", "file_away",
)  # fmt: skip

AFTER_MEASURES = (
    "carried_over", "running", "overdue", "received", "settled", "settled_in_time", "filed",
    "extended", "ratings", "settled_with_cause", "settled_with_prevention",
)  # fmt: skip
BEFORE_MEASURES = ("forwarded", "escalated", "appealed")


@dataclass(frozen=True)
class FactRow:
    """Counts for one tier at one holding office, for one channel, service and complaint type."""

    tier: int
    office_id: int
    channel: str | None
    service_id: int | None
    complaint_type: str | None
    counts: dict[str, int]
    rating_sum: float


@dataclass(frozen=True)
class SettledStint:
    tier: int
    office_id: int
    started_on: date
    decided_on: date
    n: int


def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _standing_conditions(wf: Workflow, start: date, end: date) -> dict[str, ColumnElement[bool]]:
    """For an open case's event not superseded before the period began (see `_standing`)."""
    ev = Event.__table__.c
    at_end = or_(ev.next_on.is_(None), ev.next_on > end)
    return {
        "carried_over": ev.occurred_on < start,
        "running": at_end,
        "overdue": and_(at_end, ev.to_state.in_(list(wf.running)), ev.due_after < end),
    }


def _period_conditions(wf: Workflow) -> dict[str, ColumnElement[bool]]:
    """For an event in the period (see `_in_period`)."""
    ev = Event.__table__.c
    arrival = or_(
        ev.prev_office_id.is_(None),
        ev.held_by_office_id != ev.prev_office_id,
        ev.from_tier != ev.to_tier,
    )
    return {
        "received": arrival,
        "settled": _settles(wf),
        "settled_in_time": and_(_settles(wf), ev.occurred_on <= ev.due_before),
        "filed": and_(_settles(wf), ev.to_state == wf.triggers[FILE_AWAY].dest),
        "extended": and_(ev.action == INVESTIGATE, ev.due_after > ev.due_before),
        "ratings": ev.action == RATE,
        "settled_with_cause": and_(_settles(wf), recorded(ev.data, "decision_cause")),
        "settled_with_prevention": and_(_settles(wf), recorded(ev.data, "decision_prevention")),
    }


def recorded(data: Any, name: str) -> ColumnElement[bool]:
    """The decision's history entry holds this part of the decision record (not blank)."""
    return func.coalesce(data[name].as_string(), "") != ""


def _settles(wf: Workflow) -> ColumnElement[bool]:
    """The event decides the case (a case already decided is not decided again)."""
    ev = Event.__table__.c
    decided = list(wf.decided)
    return and_(
        ev.to_state.in_(decided), or_(ev.from_state.is_(None), ev.from_state.not_in(decided))
    )


def period_history(
    session: Session, wf: Workflow, office_ids: Collection[int], start: date, end: date
) -> tuple[list[FactRow], list[SettledStint]]:
    """The period's counts per tier and holding office (only offices in `office_ids`), and its
    decisions with the day their stint at the tier began (for durations)."""
    if session.get_bind().dialect.name == "postgresql":
        # Compiling these wide aggregates to machine code costs more than running them.
        session.execute(text("SET LOCAL jit = off"))
    rows = [*session.execute(_standing(wf, office_ids, start, end))]
    rows += session.execute(_in_period(wf, office_ids, start, end))
    rows += session.execute(_moves_out(office_ids, start, end))
    facts = [_fact(row) for row in rows if row[0] is not None]
    return facts, _settled_stints(session, wf, office_ids, start, end)


def _standing(wf: Workflow, office_ids: Collection[int], start: date, end: date) -> Select[Any]:
    """Where the offices' open cases stood at the end of the day before the period and at its
    end: the events not yet superseded then, read by the day they were superseded."""
    ev = Event.__table__.c
    cond = _standing_conditions(wf, start, end)
    return (
        select(*_keys(), *[_flag(condition).label(m) for m, condition in cond.items()])
        .where(
            ev.held_by_office_id.in_(list(office_ids)),
            ev.occurred_on <= end,
            or_(ev.next_on.is_(None), ev.next_on >= start),
            ev.to_state.in_(list(wf.open_states)),
        )
        .group_by(*_keys())
    )


def _in_period(wf: Workflow, office_ids: Collection[int], start: date, end: date) -> Select[Any]:
    """What happened at the offices in the period: arrivals, decisions, extensions, ratings."""
    ev = Event.__table__.c
    cond = _period_conditions(wf)
    # Ratings are few: the case's rating is looked up for those events alone.
    rated = select(Case.rating).where(Case.id == ev.case_id).scalar_subquery()
    return (
        select(
            *_keys(),
            *[_flag(condition).label(m) for m, condition in cond.items()],
            func.sum(case((cond["ratings"], rated), else_=0)).label("rating_sum"),
        )
        .where(
            ev.held_by_office_id.in_(list(office_ids)),
            ev.occurred_on >= start,
            ev.occurred_on <= end,
        )
        .group_by(*_keys())
    )


def _keys() -> tuple[ColumnElement[Any], ...]:
    """What the figures are broken down by: tier, holding office, channel, service, type."""
    ev = Event.__table__.c
    return (ev.to_tier, ev.held_by_office_id, ev.case_channel, ev.case_service_id,
            ev.case_complaint_type)  # fmt: skip


def _moves_out(office_ids: Collection[int], start: date, end: date) -> Select[Any]:
    """The period's events that took a case away from an office in `office_ids`, counted for
    the tier and office left."""
    ev = Event.__table__.c
    moves = {"forwarded": FORWARD, "escalated": ESCALATE, "appealed": APPEAL}
    return (
        select(
            ev.from_tier,
            ev.prev_office_id,
            *[null() for _ in range(3)],
            *[_flag(ev.action == moves[m]).label(m) for m in BEFORE_MEASURES],
        )
        .where(
            ev.prev_office_id.in_(list(office_ids)),
            ev.occurred_on >= start,
            ev.occurred_on <= end,
            ev.from_tier.is_not(None),
            ev.action.in_(list(moves.values())),
        )
        .group_by(ev.from_tier, ev.prev_office_id)
    )


def _settled_stints(
    session: Session, wf: Workflow, office_ids: Collection[int], start: date, end: date
) -> list[SettledStint]:
    """The period's decisions, by tier and office and the days their stint began and ended."""
    ev = Event.__table__.c
    n = func.count().label("n")
    query = (
        select(ev.to_tier, ev.held_by_office_id, ev.stint_started_on, ev.occurred_on, n)
        .where(
            ev.to_state.in_(list(wf.decided)),
            ev.held_by_office_id.in_(list(office_ids)),
            ev.occurred_on >= start,
            ev.occurred_on <= end,
            _settles(wf),
        )
        .group_by(ev.to_tier, ev.held_by_office_id, ev.stint_started_on, ev.occurred_on)
    )
    return [
        SettledStint(int(tier), int(office), began, decided, int(count))
        for tier, office, began, decided, count in session.execute(query)
        if tier is not None and began is not None
    ]


def _fact(row: Any) -> FactRow:
    values = row._mapping
    counts = {m: int(values.get(m) or 0) for m in (*AFTER_MEASURES, *BEFORE_MEASURES)}
    return FactRow(
        int(row[0]), int(row[1]), row[2], row[3], row[4], counts,
        float(values.get("rating_sum") or 0),
    )  # fmt: skip
