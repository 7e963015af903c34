"""What a change of a case costs in index entries, and the uniqueness kept while cutting it
(migration 1780)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, update
from sqlalchemy.exc import IntegrityError

from grs.db.models import Case
from grs.processes.runtime import Runtime
from tests.support import build_ladder, lodge_case

# A sweep or a holiday change writes, for each case it moves, a new version of the case's row,
# a history row, a new version of the case's previous history row and messages; each of those
# an entry into every whole-table index of its table. Each of these is there for a read.
WHOLE_TABLE_INDEXES = {
    "cases": {
        ("id",): "the primary key",
        ("tracking_number",): "a case by its number: tracking, an officer's case page, the API",
        ("office_id", "lodged_on"): "the dashboard's cases lodged at an office, by day",
        ("current_office_id", "state", "overdue", "due_on"): "the dashboard's cases as they stand",
        ("current_post_id", "due_on", "id"): "an officer's queue, by deadline",
        ("current_post_id", "state", "service_id"): "the queue's counts by state and service",
        ("current_post_id", "lodged_on", "id"): "the queue, newest first",
    },
    "events": {
        ("id",): "the primary key",
        ("case_id", "seq"): "a case's history in order, and its latest entry",
        ("held_by_office_id", "occurred_on"): "reports: what happened at an office in a period",
        ("held_by_office_id", "next_on"): "reports: where an office's cases stood on a day",
        ("prev_office_id", "occurred_on"): "reports: the moves out of an office",
        ("to_state", "held_by_office_id", "occurred_on"): "the dashboard's decisions of a year",
    },
    "notifications": {
        ("id",): "the primary key",
        ("once_key",): "a message is queued once, however often its change is retried",
        ("officer_id",): "an officer's inbox and its unread count",
        ("status", "next_attempt_at"): "the senders' next messages due",
    },
}


def _whole_table_indexes(rt: Runtime, table: str) -> set[tuple[str, ...]]:
    found = inspect(rt.db.engine)
    dialect = rt.db.engine.dialect.name
    keys = {
        tuple(str(c) for c in index["column_names"])
        for index in found.get_indexes(table)
        if index.get("dialect_options", {}).get(f"{dialect}_where") is None
    }
    keys |= {tuple(u["column_names"]) for u in found.get_unique_constraints(table)}
    return keys | {tuple(found.get_pk_constraint(table)["constrained_columns"])}


@pytest.mark.parametrize("table", sorted(WHOLE_TABLE_INDEXES))
def test_every_whole_table_index_a_case_change_writes_serves_a_read(
    rt: Runtime, table: str
) -> None:
    # A new one belongs in the list above with its reader; an index no read uses only costs
    # every escalation, pause and holiday change an entry.
    assert _whole_table_indexes(rt, table) == set(WHOLE_TABLE_INDEXES[table])


def test_receipt_codes_stay_unique_though_only_anonymous_cases_are_indexed(rt: Runtime) -> None:
    build_ladder(rt)
    first = lodge_case(rt, anonymous=True, name="", mobile="")
    second = lodge_case(rt, anonymous=True, name="", mobile="")
    named = [lodge_case(rt) for _ in range(3)]  # no code: any number of them
    with rt.db.read_session() as s:
        code = s.scalar(select(Case.receipt_code_hash).where(Case.id == first.id))
        without = s.scalar(
            select(func.count()).where(Case.id.in_([c.id for c in named]))
            .where(Case.receipt_code_hash.is_(None))
        )  # fmt: skip
    assert code and without == 3
    with pytest.raises(IntegrityError), rt.db.write() as s:
        s.execute(update(Case).where(Case.id == second.id).values(receipt_code_hash=code))
    with rt.db.read_session() as s:
        kept = s.scalar(select(Case.receipt_code_hash).where(Case.id == second.id))
    assert kept and kept != code
