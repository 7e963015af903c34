"""Fewer index entries for every version of a case row

Revision ID: 1780
Revises: 1775
Create Date: 2026-12-04

A sweep or a holiday change writes a new version of each case it moves, and each version writes
an entry into every whole-table index of `cases`. Two of them served no read:
`complainant_mobile` is compared on the case found by its tracking number and searched for with
a pattern inside one post's cases, never looked up through an index; and the uniqueness of
`receipt_code_hash`, a column only anonymous cases fill, indexed every case's empty value. The
first is dropped; the second becomes a unique index of the cases that have a code.
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

_HAS_CODE = "receipt_code_hash IS NOT NULL"


@contextmanager
def _sqlite_triggers_set_aside() -> Iterator[None]:
    """SQLite drops a unique constraint only by rebuilding the table, and refuses to rename the
    rebuilt one while a trigger on another table names it: the triggers are set aside and put
    back as they were."""
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
    with _sqlite_triggers_set_aside(), op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_complainant_mobile")
        batch.drop_constraint("uq_cases_receipt_code_hash", type_="unique")
    op.create_index(
        "uq_cases_receipt_code_hash",
        "cases",
        ["receipt_code_hash"],
        unique=True,
        postgresql_where=sa.text(_HAS_CODE),
        sqlite_where=sa.text(_HAS_CODE),
    )


def downgrade() -> None:
    op.drop_index("uq_cases_receipt_code_hash", table_name="cases")
    with _sqlite_triggers_set_aside(), op.batch_alter_table("cases") as batch:
        batch.create_unique_constraint("uq_cases_receipt_code_hash", ["receipt_code_hash"])
        batch.create_index("ix_cases_complainant_mobile", ["complainant_mobile"])
