"""The figures that matter today for an officer's offices: due this week, overdue, paused,
received this month against last, settlement in time month by month over a year, the state
of the open cases and the offices with most overdue.

Today's figures read the cases as they stand (the history at today is the case itself); the
monthly settlement reads the decisions in the history.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from grs.db.models import Case, Event
from grs.processes.runtime import Runtime
from grs.reports.offices import OfficeRef, OfficeTree
from grs.reports.periods import Period, month_of

WEEK = 7
MONTHS = 12
TOP_OFFICES = 10


@dataclass(frozen=True)
class MonthFigures:
    month: Period
    received: int
    settled_in_time: int
    settled_late: int

    @property
    def in_time_rate(self) -> float | None:
        settled = self.settled_in_time + self.settled_late
        return round(100 * self.settled_in_time / settled, 1) if settled else None


@dataclass(frozen=True)
class Dashboard:
    today: date
    offices: list[OfficeRef]  # the offices the figures cover, at their top
    due_this_week: int
    overdue: int
    paused: int
    received_this_month: int
    received_last_month: int
    months: list[MonthFigures]  # oldest first
    by_state: list[tuple[str, int]]  # open cases per state, in the workflow's order
    most_overdue: list[tuple[OfficeRef, int]]


def dashboard(rt: Runtime, session: Session, tree: OfficeTree, tops: list[int]) -> Dashboard:
    today = rt.today()
    scope = sorted({o for top in tops for o in tree.subtree(top)})
    held = Case.current_office_id.in_(scope)
    wf = rt.workflow
    late = or_(Case.overdue, and_(Case.due_on < today, Case.state.in_(list(wf.running))))
    running = Case.state.in_(list(wf.running))
    counts = session.execute(
        select(
            func.count().filter(running, Case.due_on >= today,
                                Case.due_on < today + timedelta(days=WEEK)),
            func.count().filter(running, late),
            func.count().filter(Case.state.in_(list(wf.paused))),
        ).where(held)
    ).one()  # fmt: skip
    months = _months(rt, session, scope, today)
    return Dashboard(
        today, [tree.offices[t] for t in tops], int(counts[0]), int(counts[1]), int(counts[2]),
        months[-1].received, months[-2].received, months,
        _by_state(rt, session, scope), _most_overdue(session, tree, scope, late),
    )  # fmt: skip


def _last_months(today: date) -> list[Period]:
    months = [month_of(today)]
    while len(months) < MONTHS:
        months.insert(0, months[0].previous())
    return months


def _months(rt: Runtime, session: Session, scope: list[int], today: date) -> list[MonthFigures]:
    months = _last_months(today)
    first = months[0].start
    decided = list(rt.workflow.decided)
    e = Event.__table__.c
    settled = and_(
        e.to_state.in_(decided), or_(e.from_state.is_(None), e.from_state.not_in(decided))
    )
    in_time = func.count().filter(e.occurred_on <= e.due_before)
    rows = session.execute(
        select(e.occurred_on, func.count(), in_time)
        .where(e.held_by_office_id.in_(scope), e.occurred_on >= first, settled)
        .group_by(e.occurred_on)
    ).all()
    lodged = session.execute(
        select(Case.lodged_on, func.count())
        .where(Case.office_id.in_(scope), Case.lodged_on >= first)
        .group_by(Case.lodged_on)
    ).all()
    got: dict[str, Counter[str]] = {m.code: Counter() for m in months}
    for day, n, on_time in rows:
        bucket = got.get(month_of(day).code)
        if bucket is not None:
            bucket.update(in_time=int(on_time), late=int(n) - int(on_time))
    for day, n in lodged:
        if (bucket := got.get(month_of(day).code)) is not None:
            bucket["received"] += int(n)
    return [
        MonthFigures(m, got[m.code]["received"], got[m.code]["in_time"], got[m.code]["late"])
        for m in months
    ]


def _by_state(rt: Runtime, session: Session, scope: list[int]) -> list[tuple[str, int]]:
    rows = dict(
        session.execute(
            select(Case.state, func.count())
            .where(Case.current_office_id.in_(scope), Case.state.in_(list(rt.workflow.open_states)))
            .group_by(Case.state)
        ).all()
    )
    return [(state, int(rows[state])) for state in rt.workflow.states if rows.get(state)]


def _most_overdue(
    session: Session, tree: OfficeTree, scope: list[int], late: ColumnElement[bool]
) -> list[tuple[OfficeRef, int]]:
    n = func.count().label("n")
    rows = session.execute(
        select(Case.current_office_id, n)
        .where(Case.current_office_id.in_(scope), late)
        .group_by(Case.current_office_id)
        .order_by(n.desc(), Case.current_office_id)
        .limit(TOP_OFFICES)
    ).all()
    return [(tree.offices[office], int(count)) for office, count in rows]
