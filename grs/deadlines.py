"""A tier's deadline: its start date, its length in working days, extensions and pauses."""

from __future__ import annotations

from datetime import date

from grs.calendar import WorkingCalendar
from grs.models import Case, Service
from grs.workflow import Workflow


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


def case_due_on(calendar: WorkingCalendar, case: Case) -> date:
    return due_on(
        calendar, case.tier_started_on, case.tier_days, case.extension_days, case.paused_days
    )
