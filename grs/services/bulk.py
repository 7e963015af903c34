"""Changing many cases in one transaction: guarded UPDATEs and bulk history inserts.

Used where one run touches thousands of cases (the escalation sweep, whose history a holiday
change writes the same way); one statement per kind of change instead of one round trip per
case. On PostgreSQL each is a single statement reading one JSON document of the rows: one
parameter whatever the number of rows, so the server parses the statement once instead of one
with tens of thousands of parameters per batch.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Integer,
    Table,
    any_,
    bindparam,
    insert,
    text,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from grs.db.models import Case, Event
from grs.errors import Conflict
from grs.services.case_changes import SYSTEM, Change, check_state_values, event_row

_cases: Table = Case.__table__  # type: ignore[assignment]
_POSTGRESQL: Dialect = postgresql.dialect()  # type: ignore[no-untyped-call]


def ids_in(session: Session, column: Any, ids: Collection[int]) -> ColumnElement[bool]:
    """`column IN ids`. On PostgreSQL one array parameter (`= ANY`): a list of a batch's 2,000
    ids as 2,000 parameters took the server four times as long to parse as to answer."""
    condition: ColumnElement[bool]
    if session.get_bind().dialect.name == "postgresql":
        condition = column == any_(bindparam(None, sorted(ids), type_=postgresql.ARRAY(Integer)))
    else:
        condition = column.in_(ids)
    return condition


def bulk_apply(
    session: Session, items: list[tuple[Any, dict[str, Any], Change]], at: datetime
) -> list[int]:
    """Apply (case row, new values, change) triples that share the same value keys; returns the
    ids of the events written, in order. Any row changed by someone else aborts the whole batch."""
    if not items:
        return []
    keys = sorted(items[0][1])
    check_state_values(items[0][1])
    params = [_params(row, values) for row, values, _ in items]
    events = [
        event_row(row, {**values, "version": row.version + 1}, change, SYSTEM, at)
        for row, values, change in items
    ]
    if session.get_bind().dialect.name == "postgresql":
        _update_from_json(session, keys, params)
        return _insert_events(session, events)
    _update_many(session, keys, params)
    ids = session.scalars(insert(Event).returning(Event.id, sort_by_parameter_order=True), events)
    return list(ids)


class WrittenEvent(NamedTuple):
    """A history row `bulk_apply` has just written, as far as its messages read it: known to
    the writer already, so never read back."""

    id: int
    action: str
    note: str
    data: dict[str, Any]


def written_events(
    items: list[tuple[Any, dict[str, Any], Change]], event_ids: list[int]
) -> list[WrittenEvent]:
    """The events of `bulk_apply(items)`, given the ids it returned."""
    return [
        WrittenEvent(event_id, change.action, change.note, change.data)
        for (_, _, change), event_id in zip(items, event_ids, strict=True)
    ]


def _update_many(session: Session, keys: list[str], params: list[dict[str, Any]]) -> None:
    statement = (
        update(_cases)
        .where(
            _cases.c.id == bindparam("b_id"),
            _cases.c.state == bindparam("b_state"),
            _cases.c.version == bindparam("b_version"),
        )
        .values({key: bindparam(f"v_{key}") for key in [*keys, "version"]})
    )
    result = session.connection().execute(statement, params)
    counted = session.get_bind().dialect.supports_sane_multi_rowcount
    if counted and result.rowcount != len(params):
        raise Conflict("cases changed while the batch was being written", "conflict")


def _column_type(session: Session, table: Table, column: str) -> str:
    return str(table.c[column].type.compile(dialect=session.get_bind().dialect))


def _update_from_json(session: Session, keys: list[str], params: list[dict[str, Any]]) -> None:
    guards = {"b_id": "id", "b_state": "state", "b_version": "version"}
    columns = {**guards, **{f"v_{key}": key for key in [*keys, "version"]}}
    shape = ", ".join(
        f"{name} {_column_type(session, _cases, column)}" for name, column in columns.items()
    )
    sets = ", ".join(f"{key} = v.v_{key}" for key in [*keys, "version"])
    # Every name here is one of the table's own columns (looked up above), never input.
    sql = (
        f"UPDATE cases SET {sets} "  # noqa: S608
        f"FROM json_to_recordset(CAST(:rows AS json)) AS v({shape}) "
        "WHERE cases.id = v.b_id AND cases.state = v.b_state AND cases.version = v.b_version"
    )
    result = session.connection().execute(text(sql), {"rows": json_rows(_cases, params, columns)})
    if result.rowcount != len(params):
        raise Conflict("cases changed while the batch was being written", "conflict")


# History rows and the columns the `events_chain` trigger would fill, in one statement: each
# case's latest event is found and closed once for the whole set rather than by the trigger row
# by row (which skips rows that arrive with their stint filled in). `v` is the new rows, one per
# case, with columns named as the table's. A stint is never left empty (which would hand the
# row to the trigger, to close the same event twice): history older than the chain columns
# counts as starting a stint.
_CHAINED_INSERT = """
WITH v AS ({source}),
prev AS (
    SELECT DISTINCT ON (p.case_id) p.id, p.case_id, p.held_by_office_id, p.stint_started_on
    FROM events AS p JOIN v ON p.case_id = v.case_id
    WHERE p.next_on IS NULL ORDER BY p.case_id, p.seq DESC
),
closed AS (
    UPDATE events SET next_on = v.occurred_on FROM prev JOIN v ON v.case_id = prev.case_id
    WHERE events.id = prev.id
)
INSERT INTO events ({columns}, case_channel, case_service_id, case_complaint_type,
                    prev_office_id, stint_started_on)
SELECT {v_columns}, c.channel, c.service_id, c.complaint_type, prev.held_by_office_id,
       CASE WHEN prev.held_by_office_id IS NULL OR v.held_by_office_id <> prev.held_by_office_id
                 OR v.from_tier <> v.to_tier THEN v.occurred_on
            ELSE coalesce(prev.stint_started_on, v.occurred_on) END
FROM v JOIN cases AS c ON c.id = v.case_id LEFT JOIN prev ON prev.case_id = v.case_id
"""


def insert_chained(
    connection: Connection,
    source: str,
    columns: list[str],
    params: dict[str, Any],
    tail: str = "",
) -> Any:
    """PostgreSQL: insert one history row per case from `source` (a SELECT of `columns`, bound
    with `params`), chained to each case's history set-wise; `tail` follows (RETURNING)."""
    sql = _CHAINED_INSERT.format(
        source=source,
        columns=", ".join(columns),
        v_columns=", ".join(f"v.{name}" for name in columns),
    )
    return connection.execute(text(sql + tail), params)


def _json_recordset(table: Table) -> str:
    """The rows of the `:rows` JSON document, typed as `table`'s (absent keys are NULL)."""
    return f"json_populate_recordset(NULL::{table.name}, CAST(:rows AS json))"


def _insert_events(session: Session, events: list[dict[str, Any]]) -> list[int]:
    """The history rows in one statement; their ids in the rows' order (matched on the case)."""
    table: Table = Event.__table__  # type: ignore[assignment]
    params = {"rows": json_rows(table, events)}
    source = f"SELECT * FROM {_json_recordset(table)}"  # noqa: S608 (the table's own name)
    rows = insert_chained(
        session.connection(), source, list(events[0]), params, "RETURNING id, case_id"
    )
    ids: dict[int, int] = {case_id: event_id for event_id, case_id in rows}
    return [ids[event["case_id"]] for event in events]


def insert_from_json(
    session: Session, table: Table, rows: list[dict[str, Any]], tail: str = ""
) -> Any:
    """PostgreSQL: `rows` (dicts with the same keys) in one INSERT ... SELECT from a single JSON
    document; `tail` is what follows (RETURNING, ON CONFLICT)."""
    columns = ", ".join(rows[0])
    sql = (
        f"INSERT INTO {table.name} ({columns}) "  # noqa: S608 (the table's own columns)
        f"SELECT {columns} FROM {_json_recordset(table)} {tail}"
    )
    return session.connection().execute(text(sql), {"rows": json_rows(table, rows)})


def json_rows(
    table: Table, rows: list[dict[str, Any]], columns: dict[str, str] | None = None
) -> str:
    """The rows as one JSON array of objects: one parameter however many rows, which the server
    reads far faster than the driver writes a typed array per column. `columns` maps a key to
    the table column whose type it binds as (by default, the key itself)."""
    types = {name: table.c[(columns or {}).get(name, name)].type for name in rows[0]}
    # JSON columns go in as they are (the document nests them); other typed values (UTC times)
    # as their column binds them.
    processors = {
        name: processor
        for name, kind in types.items()
        if not isinstance(kind, JSON) and (processor := kind.bind_processor(_POSTGRESQL))
    }
    if processors:
        rows = [{**row, **{n: p(row[n]) for n, p in processors.items()}} for row in rows]
    # orjson writes dates and times as ISO 8601 (what PostgreSQL reads them from), and a batch
    # of thousands of rows in a fifteenth of the time the json module takes.
    return orjson.dumps(rows, default=_json_scalar).decode()


def _json_scalar(value: Any) -> str:
    raise TypeError(f"{type(value).__name__} has no JSON form for a bulk write")


def _params(row: Any, values: dict[str, Any]) -> dict[str, Any]:
    params = {f"v_{key}": value for key, value in values.items()}
    params.update(b_id=row.id, b_state=row.state, b_version=row.version)
    params["v_version"] = row.version + 1
    return params
