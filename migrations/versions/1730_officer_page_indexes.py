"""Indexes for the officer's queue: its rows by deadline, its counts by state and service

Revision ID: 1730
Revises: 1600
Create Date: 2026-12-02

An officer's queue reads the open cases at their posts: one page of them soonest deadline first,
how many there are in each state, and which services they concern. With an index on the post
alone PostgreSQL read and sorted every case of a busy post (5,000 of them) for each page; with
(post, due date, id) it reads the page's rows in order and stops, and (post, state, service)
answers the counts and the services from the index alone. Both begin with the post, so the
index on the post alone goes. On PostgreSQL the indexes are built without locking out writes
(CONCURRENTLY), since a live node keeps lodging while they are built.
"""

from __future__ import annotations

from alembic import op

revision = "1730"
down_revision = "1720"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_cases_current_post_id_due_on": ["current_post_id", "due_on", "id"],
    "ix_cases_current_post_id_state": ["current_post_id", "state", "service_id"],
}
OLD = ("ix_cases_current_post_id", ["current_post_id"])


def _concurrently() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if _concurrently():
        with op.get_context().autocommit_block():
            for name, columns in INDEXES.items():
                op.create_index(name, "cases", columns, postgresql_concurrently=True)
            op.drop_index(OLD[0], "cases", postgresql_concurrently=True)
        return
    for name, columns in INDEXES.items():
        op.create_index(name, "cases", columns)
    op.drop_index(OLD[0], "cases")


def downgrade() -> None:
    if _concurrently():
        with op.get_context().autocommit_block():
            op.create_index(OLD[0], "cases", OLD[1], postgresql_concurrently=True)
            for name in INDEXES:
                op.drop_index(name, "cases", postgresql_concurrently=True)
        return
    op.create_index(OLD[0], "cases", OLD[1])
    for name in INDEXES:
        op.drop_index(name, "cases")
