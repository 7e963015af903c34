"""A tier's deadline: its start date, its length in working days, extensions and pauses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from grs.calendar.working_days import CalendarError, DeadlineExplanation, WorkingCalendar
from grs.db.models import Case, Service
from grs.workflow.definition import Workflow


def tier_days(
    workflow: Workflow, tier: int, service: Service | None, overrides: dict[int, int]
) -> int | None:
    """Working days allowed at `tier`: the office's override, else the workflow's; at a tier whose
    duration is the service's, its charter time limit (None when the charter says "as needed")."""
    if tier in overrides:
        return overrides[tier]
    spec = workflow.tiers[tier]
    if spec.working_days is not None:
        return spec.working_days
    return service.time_limit_days if service is not None else None


def due_on(
    calendar: WorkingCalendar, start: date, days: int, extension: int = 0, paused: int = 0
) -> date:
    """The (days + extension + paused)-th working day after `start`: pauses are working days."""
    return calendar.add_working_days(start, days + extension + paused)


@dataclass(frozen=True)
class DeadlineStatus:
    working_days_left: int | None  # negative once late; counted from the pause while paused
    explanation: DeadlineExplanation | None  # None beyond the supported years: the date alone


def deadline_status(calendar: WorkingCalendar, case: Case, today: date) -> DeadlineStatus:
    """What every page shows of a case's deadline: days left and how the date was reached."""
    total = case.tier_days + case.extension_days + case.paused_days
    try:
        left = calendar.working_days_between(case.paused_since or today, case.due_on)
        return DeadlineStatus(left, calendar.explain(case.tier_started_on, total))
    except CalendarError:
        return DeadlineStatus(None, None)
