"""Where every case stood, and what happened to it, as the history read at a period's end.

One set-based query over the events (window functions that SQLite and PostgreSQL both run):
each event with the office that held the case before it and the day its stint at the tier
began. From that: the state at the end of the day before the period and at the period's end,
and the period's arrivals, decisions, forwards, escalations and appeals, counted per tier and
holding office. Nothing reads the cases' current columns except what never changes (channel,
service, complaint type, the rating given once).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import CTE

from grs.db.models import Case, Event
from grs.workflow.definition import Workflow

# The history's words for the moves the report counts: trigger names of the workflow.
FORWARD, ESCALATE, APPEAL, INVESTIGATE, RATE, FILE_AWAY = (
    "forward", "escalate", "appeal", "start_investigation", "rate", "file_away",
)  # fmt: skip

AFTER_MEASURES = (
    "carried_over", "running", "overdue", "received", "settled", "settled_in_time", "filed",
    "extended", "ratings",
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


def history_cte(office_ids: Collection[int], start: date, end: date) -> CTE:
    """Every event up to `end` of every case some office in `office_ids` held by then."""
    ev = Event.__table__.c
    touched = select(ev.case_id).where(
        ev.held_by_office_id.in_(list(office_ids)), ev.occurred_on <= end
    )
    by_case: dict[str, Any] = {"partition_by": ev.case_id, "order_by": ev.seq}
    base = (
        select(
            ev.case_id,
            ev.seq,
            ev.occurred_on,
            ev.action,
            ev.from_state,
            ev.to_state,
            ev.from_tier,
            ev.to_tier,
            ev.due_before,
            ev.due_after,
            ev.held_by_office_id.label("office"),
            func.lag(ev.held_by_office_id).over(**by_case).label("prev_office"),
        )  # fmt: skip
        .where(ev.occurred_on <= end, ev.case_id.in_(touched))
        .subquery("b")
    )
    b = base.c
    arrival = or_(b.prev_office.is_(None), b.office != b.prev_office, b.from_tier != b.to_tier)
    before_start = case((b.occurred_on < start, b.seq), else_=-1)
    window: dict[str, Any] = {"partition_by": b.case_id, "order_by": b.seq}
    stint_start = func.max(case((arrival, b.occurred_on))).over(**window, rows=(None, 0))
    return select(
        *base.c,
        case((arrival, 1), else_=0).label("arrival"),
        type_coerce(stint_start, Date).label("stint_start"),
        func.row_number().over(partition_by=b.case_id, order_by=b.seq.desc()).label("rn_end"),
        func.row_number()
        .over(partition_by=b.case_id, order_by=before_start.desc())
        .label("rn_start"),
    ).cte("h")


def _conditions(wf: Workflow, h: Any, start: date, end: date) -> dict[str, ColumnElement[bool]]:
    in_period = h.occurred_on >= start
    open_states = list(wf.open_states)
    decided = list(wf.decided)
    settled = and_(
        in_period,
        h.to_state.in_(decided),
        or_(h.from_state.is_(None), h.from_state.not_in(decided)),
    )
    return {
        "carried_over": and_(h.rn_start == 1, h.occurred_on < start, h.to_state.in_(open_states)),
        "running": and_(h.rn_end == 1, h.to_state.in_(open_states)),
        "overdue": and_(h.rn_end == 1, h.to_state.in_(list(wf.running)), h.due_after < end),
        "received": and_(in_period, h.arrival == 1),
        "settled": settled,
        "settled_in_time": and_(settled, h.occurred_on <= h.due_before),
        "filed": and_(settled, h.to_state == wf.triggers[FILE_AWAY].dest),
        "extended": and_(in_period, h.action == INVESTIGATE, h.due_after > h.due_before),
        "ratings": and_(in_period, h.action == RATE),
        "forwarded": and_(in_period, h.action == FORWARD),
        "escalated": and_(in_period, h.action == ESCALATE),
        "appealed": and_(in_period, h.action == APPEAL),
    }


def period_history(
    session: Session, wf: Workflow, office_ids: Collection[int], start: date, end: date
) -> tuple[list[FactRow], list[SettledStint]]:
    """The period's counts per tier and holding office (only offices in `office_ids`), and its
    decisions with the day their stint at the tier began (for durations), in one query."""
    h = history_cte(office_ids, start, end)
    c = h.c
    cond = _conditions(wf, c, start, end)
    ids = list(office_ids)
    # Decisions are grouped by the days their stint began and ended; other events by neither.
    began = type_coerce(case((cond["settled"], c.stint_start)), Date)
    decided = type_coerce(case((cond["settled"], c.occurred_on)), Date)
    keys = (Case.channel, Case.service_id, Case.complaint_type, began, decided)
    rating = func.sum(case((cond["ratings"], Case.rating), else_=0))
    after = (
        select(
            c.to_tier.label("tier"),
            c.office.label("office"),
            Case.channel,
            Case.service_id,
            Case.complaint_type,
            began.label("began"),
            decided.label("decided"),
            *[_flag(cond[m]).label(m) for m in AFTER_MEASURES],
            *[literal(0, Integer).label(m) for m in BEFORE_MEASURES],
            rating.label("rating_sum"),
        )  # fmt: skip
        .join_from(h, Case, Case.id == c.case_id)
        .where(c.office.in_(ids))
        .group_by(c.to_tier, c.office, *keys)
    )
    before = (
        select(
            c.from_tier,
            c.prev_office,
            null(),
            null(),
            null(),
            null(),
            null(),
            *[literal(0, Integer) for _ in AFTER_MEASURES],
            *[_flag(cond[m]) for m in BEFORE_MEASURES],
            literal(0, Integer),
        )  # fmt: skip
        .where(c.prev_office.in_(ids), c.from_tier.is_not(None))
        .group_by(c.from_tier, c.prev_office)
    )
    rows = [row for row in session.execute(union_all(after, before)) if row.tier is not None]
    stints = [
        SettledStint(int(r.tier), int(r.office), r.began, r.decided, int(r.settled))
        for r in rows if r.decided is not None
    ]  # fmt: skip
    return [_fact(row) for row in rows], stints


def _fact(row: Any) -> FactRow:
    counts = {m: int(getattr(row, m) or 0) for m in (*AFTER_MEASURES, *BEFORE_MEASURES)}
    return FactRow(
        int(row.tier), int(row.office), row.channel, row.service_id, row.complaint_type,
        counts, float(row.rating_sum or 0),
    )  # fmt: skip
