"""No index that only repeats the start of a unique constraint

Revision ID: 1775
Revises: 1770
Create Date: 2026-12-04

Four single-column indexes held what the first column of a unique constraint on the same table
holds already, and every lookup, join and foreign-key check they served is served as well by
that constraint's index. The costly one was `events.case_id`: a holiday change or a sweep writes
a history row per case and closes the case's previous one, and each of those row versions wrote
an entry into this index too.
"""

from __future__ import annotations

from alembic import op

revision = "1775"
down_revision = "1770"
branch_labels = None
depends_on = None

# (table, column): the index named as SQLAlchemy names an `index=True` column's.
_REPEATED = (
    ("events", "case_id"),
    ("case_ratings", "case_id"),
    ("services", "office_id"),
    ("charter_versions", "office_id"),
)


def upgrade() -> None:
    for table, column in _REPEATED:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_{column}")


def downgrade() -> None:
    for table, column in _REPEATED:
        with op.batch_alter_table(table) as batch:
            batch.create_index(f"ix_{table}_{column}", [column])
