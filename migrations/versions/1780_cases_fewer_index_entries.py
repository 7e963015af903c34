"""Fewer index entries for every change of a case

Revision ID: 1780
Revises: 1775
Create Date: 2026-12-04

A sweep or a holiday change writes, for each case it moves, a new version of the case's row, a
history row, a new version of the case's previous history row (its `next_on`) and messages;
each of those writes an entry into every whole-table index of its table. Four indexes served no
read:
- `cases.complainant_mobile`: compared on the case found by its tracking number, and searched
  for with a pattern inside one post's cases, never looked up through an index;
- the uniqueness of `cases.receipt_code_hash`, which only anonymous cases fill, and of
  `events.once_key`, which only the events that must happen once fill (escalations): both
  indexed every row's empty value; they become unique indexes of the rows that have one;
- `notifications.case_id`: messages are read by officer (the inbox) and by status (the
  senders), and reach their case by its primary key.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "1780"
down_revision = "1775"
branch_labels = None
depends_on = None

# (table, column) whose uniqueness now holds only where the column is set.
_SPARSE_UNIQUE = (("cases", "receipt_code_hash"), ("events", "once_key"))
_UNREAD = (("cases", "complainant_mobile"), ("notifications", "case_id"))


@contextmanager
def _sqlite_triggers_set_aside() -> Iterator[None]:
    """SQLite drops a unique constraint only by rebuilding the table, which takes the table's
    triggers with it and is refused while a trigger on another table names it: the triggers
    are set aside and put back as they were."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    found = bind.execute(sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    triggers = list(found)
    for name, _sql in triggers:
        op.execute(f'DROP TRIGGER "{name}"')
    yield
    for _name, sql in triggers:
        op.execute(sql)


def upgrade() -> None:
    for table, column in _UNREAD:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    with _sqlite_triggers_set_aside():
        for table, column in _SPARSE_UNIQUE:
            with op.batch_alter_table(table) as batch:
                batch.drop_constraint(f"uq_{table}_{column}", type_="unique")
    for table, column in _SPARSE_UNIQUE:
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            f"uq_{table}_{column}", table, [column],
            unique=True, postgresql_where=where, sqlite_where=where,
        )  # fmt: skip


def downgrade() -> None:
    for table, column in _SPARSE_UNIQUE:
        op.drop_index(f"uq_{table}_{column}", table_name=table)
    with _sqlite_triggers_set_aside():
        for table, column in _SPARSE_UNIQUE:
            with op.batch_alter_table(table) as batch:
                batch.create_unique_constraint(f"uq_{table}_{column}", [column])
    for table, column in _UNREAD:
        op.create_index(f"ix_{table}_{column}", table, [column])
