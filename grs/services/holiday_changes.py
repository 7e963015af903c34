"""An administrator adds or removes a holiday: every open deadline it touches is recomputed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from grs.calendar.working_days import HolidayKind, WorkingCalendar
from grs.db.models import Case, HolidayChange
from grs.errors import InvalidInput
from grs.processes.runtime import Runtime
from grs.services.audit import Author, record_change
from grs.services.bulk import bulk_apply
from grs.services.case_changes import Change
from grs.workflow.deadlines import due_on

BATCH = 1_000


@dataclass(frozen=True)
class HolidayRequest:
    on: date
    action: str  # add | remove
    reason: str
    made_by: str
    name_bn: str = ""
    name_en: str = ""
    kind: str = HolidayKind.EXECUTIVE_ORDER.value
    source: str = ""


@dataclass(frozen=True)
class HolidayOutcome:
    change_id: int
    deadlines_moved: int


def make_holiday_change(rt: Runtime, author: Author, request: HolidayRequest) -> HolidayOutcome:
    """Add or remove the holiday: the change, the moved deadlines and its audit entry are
    committed together or not at all."""
    verb = "holiday_added" if request.action == "add" else "holiday_removed"
    with rt.db.write() as session:
        outcome = change_holiday(rt, session, request)
        record_change(
            rt,
            session,
            author,
            verb,
            f"holiday:{request.on.isoformat()}",
            moved=outcome.deadlines_moved,
            reason=request.reason,
        )
    return outcome


def check_holiday_change(rt: Runtime, session: Session, request: HolidayRequest) -> None:
    """Refuse a change that is malformed or would change nothing, before it is confirmed."""
    _validate(rt, request)
    _check_against_calendar(rt.calendar(session), request)


def change_holiday(rt: Runtime, session: Session, request: HolidayRequest) -> HolidayOutcome:
    """Store the change and move every affected open deadline, in the caller's transaction."""
    check_holiday_change(rt, session, request)
    change = HolidayChange(
        holiday_on=request.on,
        action=request.action,
        name_bn=request.name_bn.strip(),
        name_en=request.name_en.strip(),
        kind=request.kind,
        reason=request.reason.strip(),
        source=request.source.strip(),
        made_by=request.made_by,
        made_at=rt.now(),
    )
    session.add(change)
    session.flush()
    calendar = rt.calendar(session)
    moved = 0
    for rows in _touched(session, rt, request.on):
        items = []
        for row in rows:
            new_due = due_on(
                calendar, row.tier_started_on, row.tier_days, row.extension_days, row.paused_days
            )
            if new_due != row.due_on:
                items.append((row, {"due_on": new_due}, _recompute(row, change)))
        bulk_apply(session, items, rt.now())
        moved += len(items)
    return HolidayOutcome(change.id, moved)


def _validate(rt: Runtime, request: HolidayRequest) -> None:
    if request.action not in ("add", "remove"):
        raise InvalidInput("action is add or remove", "invalid_choice", field="action")
    if not request.reason.strip():
        raise InvalidInput("a reason is required", "required", field="reason")
    if request.action == "add" and not (request.name_bn.strip() or request.name_en.strip()):
        raise InvalidInput("a holiday needs a name", "required", field="name")
    if request.kind not in {kind.value for kind in HolidayKind}:
        raise InvalidInput(
            "kind is general, executive_order or special", "invalid_choice", field="kind"
        )
    first, last = rt.settings.first_year, rt.settings.last_year
    if not first <= request.on.year <= last:
        raise InvalidInput(
            "that year is outside the supported calendar",
            "year_out_of_range",
            field="date",
            first=first,
            last=last,
        )


def _check_against_calendar(calendar: WorkingCalendar, request: HolidayRequest) -> None:
    """A change that would change nothing is refused, so the page never reports a success
    that did not happen: adding a holiday the calendar has, removing a day that is not one."""
    if request.action == "add" and calendar.holidays_on(request.on):
        raise InvalidInput("that date is already a holiday", "already_holiday", field="date")
    if request.action == "remove" and calendar.is_working_day(request.on):
        raise InvalidInput("that date is not a holiday", "not_a_holiday", field="date")


def _touched(session: Any, rt: Runtime, on: date) -> Any:
    """Open cases whose counting window (start, due] contains the date, in batches by id."""
    last_id = 0
    while True:
        rows = session.execute(
            select(
                Case.id,
                Case.state,
                Case.tier,
                Case.version,
                Case.due_on,
                Case.tier_started_on,
                Case.tier_days,
                Case.extension_days,
                Case.paused_days,
            )
            .where(
                Case.state.in_(rt.workflow.open_states),
                Case.tier_started_on < on,
                Case.due_on >= on,
                Case.id > last_id,
            )
            .order_by(Case.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        yield rows
        last_id = rows[-1].id


def _recompute(row: Row[Any], change: HolidayChange) -> Change:
    what = "added" if change.action == "add" else "removed"
    note = f"holiday {what} on {change.holiday_on.isoformat()}: {change.reason}"
    data = {"holiday_change_id": change.id, "holiday_on": change.holiday_on.isoformat()}
    return Change("recompute_deadline", note=note, data=data)
