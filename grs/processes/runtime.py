"""What every command, page and worker needs: settings, database, workflow, calendar, clock."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from grs.calendar.dhaka import dhaka_date, utc_now
from grs.calendar.holiday_sources import AdminHolidayChange, build_calendar
from grs.calendar.working_days import HolidayKind, WorkingCalendar
from grs.db.models import HolidayChange
from grs.db.session import Database
from grs.processes.config import Settings, load_settings
from grs.workflow.definition import Workflow
from grs.workflow.engine import WorkflowEngine
from grs.workflow.reading import load_workflow


@dataclass
class Runtime:
    settings: Settings
    db: Database
    workflow: Workflow
    engine: WorkflowEngine
    clock: Callable[[], datetime] = utc_now
    _calendar_key: tuple[int, int] | None = field(default=None, repr=False)
    _calendar: WorkingCalendar | None = field(default=None, repr=False)
    # Threads that find the calendar stale build it once between them (a web process's threads,
    # a sweep's loops), and never see a new key with the old calendar.
    _calendar_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # The dashboard's figures of months that have ended, which no later change can alter.
    ended_months: dict[Any, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **engine_kwargs: object) -> Runtime:
        settings = settings or load_settings()
        workflow = load_workflow(settings.path(settings.workflow_file))
        db = Database(settings.database_url, **engine_kwargs)
        return cls(settings, db, workflow, WorkflowEngine(workflow))

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return dhaka_date(self.clock())

    def calendar(self, session: Session) -> WorkingCalendar:
        """The calendar with every administrator change stored so far (rebuilt after a new one)."""
        row = session.execute(_changes_stamp()).one()
        key = (int(row[0]), int(row[1]))
        with self._calendar_lock:
            if self._calendar is None or key != self._calendar_key:
                changes = session.scalars(select(HolidayChange).order_by(HolidayChange.id))
                self._calendar = self._build([_as_admin_change(c) for c in changes])
                self._calendar_key = key
            return self._calendar

    def _build(self, changes: list[AdminHolidayChange]) -> WorkingCalendar:
        if not changes:
            return _base_calendar(
                self.settings.first_year, self.settings.last_year, self.settings.weekly_holidays
            )
        return build_calendar(
            self.settings.first_year,
            self.settings.last_year,
            self.settings.weekly_holidays,
            changes,
        )


@cache
def _changes_stamp() -> Select[int, int]:
    """How many holiday changes are stored, and the last: read on every request that counts
    days, so built once."""
    return select(func.count(HolidayChange.id), func.coalesce(func.max(HolidayChange.id), 0))


@lru_cache(maxsize=4)
def _base_calendar(first_year: int, last_year: int, weekend: tuple[int, ...]) -> WorkingCalendar:
    return build_calendar(first_year, last_year, weekend)


def _as_admin_change(change: HolidayChange) -> AdminHolidayChange:
    return AdminHolidayChange(
        on=change.holiday_on,
        action=change.action,
        name_bn=change.name_bn,
        name_en=change.name_en,
        kind=HolidayKind(change.kind),
        reason=change.reason,
        source=change.source,
    )
