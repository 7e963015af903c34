"""Changing many cases in one transaction: guarded UPDATEs and bulk history inserts.

Used where one run touches thousands of cases (the escalation sweep); one statement per kind of
change instead of one round trip per case. On PostgreSQL each is a single statement over
arrays (`unnest`): one parameter per column whatever the number of rows, so the server parses
it once instead of a statement with tens of thousands of parameters per batch.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Table, bindparam, insert, text, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from grs.db.models import Case, Event
from grs.errors import Conflict
from grs.services.case_changes import SYSTEM, Change, check_state_values, event_row

_cases: Table = Case.__table__  # type: ignore[assignment]
_POSTGRESQL: Dialect = postgresql.dialect()  # type: ignore[no-untyped-call]


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
        _update_from_arrays(session, keys, params)
        return _insert_from_arrays(session, events)
    _update_many(session, keys, params)
    ids = session.scalars(insert(Event).returning(Event.id, sort_by_parameter_order=True), events)
    return list(ids)


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


def _array_type(session: Session, table: Table, column: str) -> str:
    return f"{table.c[column].type.compile(dialect=session.get_bind().dialect)}[]"


def _update_from_arrays(session: Session, keys: list[str], params: list[dict[str, Any]]) -> None:
    guards = {"b_id": "id", "b_state": "state", "b_version": "version"}
    names = [*guards, *(f"v_{key}" for key in [*keys, "version"])]
    columns = {**guards, **{f"v_{key}": key for key in [*keys, "version"]}}
    arrays = ", ".join(
        f"CAST(:{name} AS {_array_type(session, _cases, column)})"
        for name, column in columns.items()
    )
    sets = ", ".join(f"{key} = v.v_{key}" for key in [*keys, "version"])
    # Every name here is one of the table's own columns (looked up above), never input.
    sql = (
        f"UPDATE cases SET {sets} FROM unnest({arrays}) AS v({', '.join(names)}) "  # noqa: S608
        "WHERE cases.id = v.b_id AND cases.state = v.b_state AND cases.version = v.b_version"
    )
    values = {name: [p[name] for p in params] for name in names}
    result = session.connection().execute(text(sql), values)
    if result.rowcount != len(params):
        raise Conflict("cases changed while the batch was being written", "conflict")


def _insert_from_arrays(session: Session, events: list[dict[str, Any]]) -> list[int]:
    """The history rows in one INSERT ... SELECT FROM unnest; their ids in the rows' order
    (matched on the case: a batch writes one event per case)."""
    table: Table = Event.__table__  # type: ignore[assignment]
    rows = insert_from_arrays(session, table, events, "RETURNING id, case_id")
    ids: dict[int, int] = {case_id: event_id for event_id, case_id in rows}
    return [ids[event["case_id"]] for event in events]


def insert_from_arrays(
    session: Session, table: Table, rows: list[dict[str, Any]], tail: str = ""
) -> Any:
    """PostgreSQL: `rows` (dicts with the same keys) in one INSERT ... SELECT FROM unnest, one
    array parameter per column; `tail` is what follows (RETURNING, ON CONFLICT)."""
    columns = list(rows[0])
    arrays = ", ".join(f"CAST(:{name} AS {_array_type(session, table, name)})" for name in columns)
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "  # noqa: S608 (the table's own columns)
        f"SELECT * FROM unnest({arrays}) {tail}"
    )
    values = {name: _db_values(table, name, [row[name] for row in rows]) for name in columns}
    return session.connection().execute(text(sql), values)


def _db_values(table: Table, column: str, values: list[Any]) -> list[Any]:
    """Values as their column's type would bind them (JSON as its text, times in UTC)."""
    if isinstance(table.c[column].type, JSON):
        return [json.dumps(value) for value in values]
    processor = table.c[column].type.bind_processor(_POSTGRESQL)
    return [processor(value) for value in values] if processor else values


def _params(row: Any, values: dict[str, Any]) -> dict[str, Any]:
    params = {f"v_{key}": value for key, value in values.items()}
    params.update(b_id=row.id, b_state=row.state, b_version=row.version)
    params["v_version"] = row.version + 1
    return params
