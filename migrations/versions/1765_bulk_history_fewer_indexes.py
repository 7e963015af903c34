"""Cheaper bulk changes of cases: history chained set-wise, fewer indexes to keep

Revision ID: 1765
Revises: 1760
Create Date: 2026-12-03

A sweep escalating ten thousand cases changes indexed columns of every one, so each UPDATE
writes an entry into every index of `cases`. Two of them only repeated the first column of a
composite index (`office_id`, `current_office_id`), and two held every case although only a
few have a value (`appeal_until`, `info_answer_by`): those two now hold just the rows with one,
which is all the sweep's claims read.

On PostgreSQL the `events_chain` trigger now leaves alone a row that arrives with its stint
filled in: the bulk writer (grs/services/bulk.py) works out the chain for a whole batch in the
same statement, instead of three lookups per row in the trigger.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1765"
down_revision = "1760"
branch_labels = None
depends_on = None

_TRIGGER = (
    "CREATE TRIGGER events_chain BEFORE INSERT ON events FOR EACH ROW {when}"
    "EXECUTE FUNCTION events_chain()"
)
_SPARSE = ("appeal_until", "info_answer_by")
_REPEATED = ("office_id", "current_office_id")


def _set_trigger(when: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER events_chain ON events")
        op.execute(_TRIGGER.format(when=when))


def upgrade() -> None:
    _set_trigger("WHEN (NEW.stint_started_on IS NULL) ")
    with op.batch_alter_table("cases") as batch:
        for column in _REPEATED:
            batch.drop_index(f"ix_cases_{column}")
        for column in _SPARSE:
            batch.drop_index(f"ix_cases_{column}")
            where = sa.text(f"{column} IS NOT NULL")
            batch.create_index(
                f"ix_cases_{column}", [column], postgresql_where=where, sqlite_where=where
            )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        for column in _SPARSE:
            batch.drop_index(f"ix_cases_{column}")
            batch.create_index(f"ix_cases_{column}", [column])
        for column in _REPEATED:
            batch.create_index(f"ix_cases_{column}", [column])
    _set_trigger("")
