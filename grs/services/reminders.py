"""What the worker tells people each day, without any change of a case: officers' deadline
reminders and digests, and complainants' reminders to rate a decided case.

Each message has a key of its day (or its case), so a second run on the same day, or a second
worker, writes nothing new.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import Case, Officer
from grs.processes.runtime import Runtime
from grs.services.notify import Notifier

RATE_AFTER_DAYS = 2  # calendar days after the decision, when the outcome has sunk in


@dataclass
class ReminderReport:
    reminders: int = 0
    digests: int = 0
    rate_reminders: int = 0


@dataclass
class _Load:
    """One officer's open cases, for the digest or the reminders."""

    officer: Officer
    cases: list[Case] = field(default_factory=list)


def send_reminders(rt: Runtime, today: date | None = None) -> ReminderReport:
    today = today or rt.today()
    report = ReminderReport()
    with rt.db.write() as session:
        notifier = Notifier(rt, session)
        soon = rt.calendar(session).add_working_days(today, rt.settings.notify.reminder_days)
        for load in _loads(rt, session, notifier).values():
            if len(load.cases) >= rt.settings.notify.digest_min_cases:
                _digest(notifier, load, today, soon)
                report.digests += 1
            else:
                report.reminders += _reminders(notifier, load, soon, rt)
        report.rate_reminders = _rate_reminders(rt, session, notifier, today)
        notifier.flush()
    return report


def _loads(rt: Runtime, session: Session, notifier: Notifier) -> dict[int, _Load]:
    loads: dict[int, _Load] = {}
    query = select(Case).where(Case.state.in_(rt.workflow.open_states)).order_by(Case.id)
    for case in session.scalars(query):
        for officer in notifier.holders(case.current_post_id):
            loads.setdefault(officer.id, _Load(officer)).cases.append(case)
    return loads


def _digest(notifier: Notifier, load: _Load, today: date, soon: date) -> None:
    counts: dict[str, int] = defaultdict(int)
    for case in load.cases:
        counts["late"] += case.overdue or case.due_on < today
        counts["soon"] += today <= case.due_on <= soon
    values = {"count": len(load.cases), **counts, "link": notifier.link()}
    once = f"digest:{today.isoformat()}"
    notifier.to_officer(load.officer, "digest", values, once, None)


def _reminders(notifier: Notifier, load: _Load, soon: date, rt: Runtime) -> int:
    sent = 0
    for case in load.cases:
        if case.clock_runs and case.due_on == soon:
            values = {**notifier.values(case), "days": rt.settings.notify.reminder_days}
            once = f"reminder:{case.id}:{case.due_on.isoformat()}"
            notifier.to_officer(load.officer, "reminder", values, once, case.id)
            sent += 1
    return sent


def _rate_reminders(rt: Runtime, session: Session, notifier: Notifier, today: date) -> int:
    done = rt.workflow.decided | rt.workflow.final
    query = select(Case).where(
        Case.state.in_(done),
        Case.rating.is_(None),
        Case.anonymous.is_(False),
        Case.decided_on <= today - timedelta(days=RATE_AFTER_DAYS),
    )
    cases = list(session.scalars(query))
    for case in cases:
        notifier.to_citizen(case, "rate_reminder", notifier.values(case), once=f"rate:{case.id}")
    return len(cases)
