"""Index for the officer's queue in order of receipt

Revision ID: 1750
Revises: 1730
Create Date: 2026-12-03

The queue can be sorted by the date a case was received, newest first. With only the indexes by
deadline and by state, PostgreSQL read every case of a busy post that passed the filters and
sorted them for each page; with (post, received date, id) it walks the post's cases backwards in
that order and stops at the page's last row. Built without locking out writes on PostgreSQL
(CONCURRENTLY), since a live node keeps lodging while it is built.
"""

from __future__ import annotations

from alembic import op

revision = "1750"
down_revision = "1730"
branch_labels = None
depends_on = None

NAME = "ix_cases_current_post_id_lodged_on"
COLUMNS = ["current_post_id", "lodged_on", "id"]


def _concurrently() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _concurrently():
        with op.get_context().autocommit_block():
            op.create_index(NAME, "cases", COLUMNS, postgresql_concurrently=True)
        return
    op.create_index(NAME, "cases", COLUMNS)


def downgrade() -> None:
    if _concurrently():
        with op.get_context().autocommit_block():
            op.drop_index(NAME, "cases", postgresql_concurrently=True)
        return
    op.drop_index(NAME, "cases")
