"""An administrator adds or removes a holiday: every open deadline it touches is recomputed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    func,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from grs.calendar.dhaka import dhaka_date
from grs.calendar.working_days import HolidayKind, WorkingCalendar
from grs.db.models import Case, Event, HolidayChange
from grs.errors import Conflict, InvalidInput
from grs.processes.runtime import Runtime
from grs.services.audit import Author, record_change
from grs.services.bulk import insert_chained


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
    """Add or remove the holiday: the change, the moved deadlines, the note of whom to tell and
    its audit entry are committed together or not at all."""
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
    return HolidayOutcome(change.id, move_deadlines(rt, session, change))


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


def move_deadlines(rt: Runtime, session: Session, change: HolidayChange) -> int:
    """Recompute every open deadline whose counting window (start, due] holds the changed date.

    Cases share few (start date, working days) pairs, so each pair's new deadline is worked out
    once in Python and the rest is set-wise SQL: the moved cases are noted in a temporary table
    (with the version they were read at), updated with that version as a guard, and given their
    history rows from the same table. Memory stays flat however many cases move."""
    calendar = rt.calendar(session)
    window = and_(
        Case.state.in_(rt.workflow.open_states),
        Case.tier_started_on < change.holiday_on,
        Case.due_on >= change.holiday_on,
    )
    total = Case.tier_days + Case.extension_days + Case.paused_days
    pairs = session.execute(select(Case.tier_started_on, total).where(window).distinct()).all()
    if not pairs:
        return 0
    conn = session.connection()
    for table in (_MOVES, _TOUCHED):
        table.drop(conn, checkfirst=True)
        table.create(conn)
    try:
        conn.execute(
            insert(_MOVES),
            [
                {"start": start, "n": n, "new_due": calendar.add_working_days(start, n)}
                for start, n in pairs
            ],
        )
        moved = _note_touched(conn, window, total)
        if moved:
            _update_guarded(conn, moved)
            # The complainants are told by the worker (grs/services/deadline_notices.py), not
            # here: rendering a message per moved case took most of a large change's time. The
            # range of the history rows just written is the durable note of whom to tell.
            change.notice_after_event_id = _last_event_id(conn)
            _write_history(conn, change, rt.now())
            change.notice_through_event_id = _last_event_id(conn)
        return moved
    finally:
        for table in (_TOUCHED, _MOVES):
            table.drop(conn)


_scratch = MetaData()
_MOVES = Table(
    "grs_deadline_moves",
    _scratch,
    Column("start", Date, primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("new_due", Date, nullable=False),
    prefixes=["TEMPORARY"],
)
_TOUCHED = Table(
    "grs_moved_cases",
    _scratch,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("state", String(30), nullable=False),
    Column("tier", Integer, nullable=False),
    Column("office_id", Integer, nullable=False),
    Column("due_before", Date, nullable=False),
    Column("due_after", Date, nullable=False),
    prefixes=["TEMPORARY"],
)
_cases: Table = Case.__table__  # type: ignore[assignment]


def _note_touched(conn: Connection, window: ColumnElement[bool], total: Any) -> int:
    moves = _MOVES
    query = (
        select(
            Case.id,
            Case.version,
            Case.state,
            Case.tier,
            Case.current_office_id,
            Case.due_on,
            moves.c.new_due,
        )
        .join(moves, and_(moves.c.start == Case.tier_started_on, moves.c.n == total))
        .where(window, Case.due_on != moves.c.new_due)
    )
    columns = ["id", "version", "state", "tier", "office_id", "due_before", "due_after"]
    conn.execute(insert(_TOUCHED).from_select(columns, query))
    if conn.dialect.name == "postgresql":
        # A temporary table has no statistics until asked; without them the UPDATE that joins
        # it to cases is planned for a handful of rows.
        conn.execute(text("ANALYZE grs_moved_cases"))
    return int(conn.execute(select(func.count()).select_from(_TOUCHED)).scalar_one())


def _update_guarded(conn: Connection, moved: int) -> None:
    touched = _TOUCHED.c
    result = conn.execute(
        update(_cases)
        .where(_cases.c.id == touched.id, _cases.c.version == touched.version)
        .values(due_on=touched.due_after, version=touched.version + 1)
    )
    if result.rowcount != moved:
        raise Conflict("cases changed while their deadlines were being moved", "conflict")


def _last_event_id(conn: Connection) -> int:
    events: Table = Event.__table__  # type: ignore[assignment]
    return int(conn.execute(select(func.coalesce(func.max(events.c.id), 0))).scalar_one())


_HISTORY_COLUMNS = [
    "case_id", "seq", "at", "occurred_on", "actor_kind", "action", "from_state", "to_state",
    "from_tier", "to_tier", "held_by_office_id", "due_before", "due_after", "note", "data",
    "citizen_visible",
]  # fmt: skip

# The moved cases' history rows, for the chained insert (grs/services/bulk.py) on PostgreSQL.
_MOVED_HISTORY = """
SELECT t.id AS case_id, t.version + 1 AS seq, CAST(:at AS timestamptz) AS at,
       CAST(:occurred_on AS date) AS occurred_on, 'system' AS actor_kind,
       'recompute_deadline' AS action, t.state AS from_state, t.state AS to_state,
       t.tier AS from_tier, t.tier AS to_tier, t.office_id AS held_by_office_id,
       t.due_before, t.due_after, CAST(:note AS text) AS note, CAST(:data AS json) AS data,
       true AS citizen_visible
FROM grs_moved_cases AS t
"""


def _write_history(conn: Connection, change: HolidayChange, at: datetime) -> None:
    what = "added" if change.action == "add" else "removed"
    note = f"holiday {what} on {change.holiday_on.isoformat()}: {change.reason}"
    data = {"holiday_change_id": change.id, "holiday_on": change.holiday_on.isoformat()}
    if conn.dialect.name == "postgresql":
        # The trigger would look up and close each case's latest event one row at a time:
        # most of a large change's time.
        params = {
            "at": at.astimezone(UTC),
            "occurred_on": dhaka_date(at),
            "note": note,
            "data": json.dumps(data, ensure_ascii=False),
        }
        insert_chained(conn, _MOVED_HISTORY, _HISTORY_COLUMNS, params)
        return
    events: Table = Event.__table__  # type: ignore[assignment]
    t = _TOUCHED.c
    rows = select(
        t.id,
        t.version + 1,
        literal(at, events.c.at.type),
        literal(dhaka_date(at), Date()),
        literal("system"),
        literal("recompute_deadline"),
        t.state,
        t.state,
        t.tier,
        t.tier,
        t.office_id,
        t.due_before,
        t.due_after,
        literal(note, Text()),
        literal(data, events.c.data.type),
        literal(True),
    )
    conn.execute(insert(events).from_select(_HISTORY_COLUMNS, rows))
