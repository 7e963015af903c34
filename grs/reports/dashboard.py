"""The figures that matter today for an officer's offices: due this week, overdue, paused,
received this month against last, settlement in time month by month over a year, the state
of the open cases and the offices with most overdue.

Today's figures read the cases as they stand (the history at today is the case itself); the
monthly settlement reads the decisions in the history.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from grs.db.models import Case, Event
from grs.processes.runtime import Runtime
from grs.reports.offices import OfficeRef, OfficeTree
from grs.reports.periods import Period, month_of

WEEK = 7
MONTHS = 12
TOP_OFFICES = 10
ENDED_MONTHS_KEPT = 50_000  # figures of (scope, ended month); beyond, the runtime starts afresh


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
    now = _standing(rt, session, scope, today)
    months = _months(rt, session, scope, today)
    most = sorted(((n, office) for office, n in now.late_by_office.items() if n),
                  key=lambda item: (-item[0], item[1]))[:TOP_OFFICES]  # fmt: skip
    return Dashboard(
        today, [tree.offices[t] for t in tops], now.due_this_week, sum(now.late_by_office.values()),
        now.paused, months[-1].received, months[-2].received, months,
        [(state, now.by_state[state]) for state in rt.workflow.states if now.by_state[state]],
        [(tree.offices[office], n) for n, office in most],
    )  # fmt: skip


@dataclass
class _Standing:
    due_this_week: int = 0
    paused: int = 0
    by_state: Counter[str] = field(default_factory=Counter)  # open cases only
    late_by_office: Counter[int] = field(default_factory=Counter)


def _standing(rt: Runtime, session: Session, scope: list[int], today: date) -> _Standing:
    """The cases as they stand, in one read of an index that holds every column it needs:
    per office, state and overdue flag, those due this week and those past their deadline."""
    wf = rt.workflow
    week = and_(Case.due_on >= today, Case.due_on < today + timedelta(days=WEEK))
    rows = session.execute(
        select(Case.current_office_id, Case.state, Case.overdue, func.count(),
               func.count().filter(week), func.count().filter(Case.due_on < today))
        .where(Case.current_office_id.in_(scope),
               or_(Case.state.in_(list(wf.open_states)), Case.overdue))
        .group_by(Case.current_office_id, Case.state, Case.overdue)
    )  # fmt: skip
    found = _Standing()
    for office, state, overdue, n, this_week, past_due in rows:
        running = state in wf.running
        if state in wf.open_states:
            found.by_state[state] += n
        found.paused += n if state in wf.paused else 0
        found.due_this_week += this_week if running else 0
        # Late: marked overdue by the sweep, or a running clock past its deadline already.
        found.late_by_office[office] += n if overdue else (past_due if running else 0)
    return found


def _last_months(today: date) -> list[Period]:
    months = [month_of(today)]
    while len(months) < MONTHS:
        months.insert(0, months[0].previous())
    return months


def _months(rt: Runtime, session: Session, scope: list[int], today: date) -> list[MonthFigures]:
    """The year's months, oldest first. A month that has ended never changes (its lodgings and
    decisions are history), so the runtime keeps its figures per scope and only the months not
    yet kept, the running one always among them, are read."""
    months = _last_months(today)
    kept = rt.ended_months
    key = tuple(scope)
    missing = [m for m in months if (key, m.code) not in kept]
    read = _read_months(rt, session, scope, missing) if missing else {}
    if len(kept) > ENDED_MONTHS_KEPT:
        kept.clear()
    for month, figures in read.items():
        if month.end < today:
            kept[key, month.code] = figures
    return [read[m] if m in read else kept[key, m.code] for m in months]


def _read_months(
    rt: Runtime, session: Session, scope: list[int], months: list[Period]
) -> dict[Period, MonthFigures]:
    first, last = months[0].start, months[-1].end
    decided = list(rt.workflow.decided)
    e = Event.__table__.c
    settled = and_(
        e.to_state.in_(decided), or_(e.from_state.is_(None), e.from_state.not_in(decided))
    )
    in_time = func.count().filter(e.occurred_on <= e.due_before)
    rows = session.execute(
        select(e.occurred_on, func.count(), in_time)
        .where(e.held_by_office_id.in_(scope), e.occurred_on >= first, e.occurred_on <= last,
               settled)
        .group_by(e.occurred_on)
    ).all()  # fmt: skip
    lodged = session.execute(
        select(Case.lodged_on, func.count())
        .where(Case.office_id.in_(scope), Case.lodged_on >= first, Case.lodged_on <= last)
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
    return {
        m: MonthFigures(m, got[m.code]["received"], got[m.code]["in_time"], got[m.code]["late"])
        for m in months
    }
