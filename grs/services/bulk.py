"""Changing many cases in one transaction: guarded executemany UPDATEs and bulk history inserts.

Used where one run touches thousands of cases (the escalation sweep, deadline recomputation);
one statement per kind of change instead of one round trip per case.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session

from grs.db.models import Case, Event
from grs.errors import Conflict
from grs.services.case_changes import SYSTEM, Change, check_state_values, event_row

_cases: Table = Case.__table__  # type: ignore[assignment]


def bulk_apply(
    session: Session, items: list[tuple[Any, dict[str, Any], Change]], at: datetime
) -> list[int]:
    """Apply (case row, new values, change) triples that share the same value keys; returns the
    ids of the events written, in order. Any row changed by someone else aborts the whole batch."""
    if not items:
        return []
    keys = sorted(items[0][1])
    check_state_values(items[0][1])
    statement = (
        update(_cases)
        .where(
            _cases.c.id == bindparam("b_id"),
            _cases.c.state == bindparam("b_state"),
            _cases.c.version == bindparam("b_version"),
        )
        .values({key: bindparam(f"v_{key}") for key in [*keys, "version"]})
    )
    params = [_params(row, values) for row, values, _ in items]
    result = session.connection().execute(statement, params)
    counted = session.get_bind().dialect.supports_sane_multi_rowcount
    if counted and result.rowcount != len(items):
        raise Conflict("cases changed while the batch was being written", "conflict")
    events = [
        event_row(row, {**values, "version": row.version + 1}, change, SYSTEM, at)
        for row, values, change in items
    ]
    ids = session.scalars(insert(Event).returning(Event.id, sort_by_parameter_order=True), events)
    return list(ids)


def _params(row: Any, values: dict[str, Any]) -> dict[str, Any]:
    params = {f"v_{key}": value for key, value in values.items()}
    params.update(b_id=row.id, b_state=row.state, b_version=row.version)
    params["v_version"] = row.version + 1
    return params
