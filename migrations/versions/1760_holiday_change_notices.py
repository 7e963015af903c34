"""A holiday change's messages are written by the worker after it

Revision ID: 1760
Revises: 1750
Create Date: 2026-12-03

A holiday change may move a million deadlines. Rendering a message for every moved case inside
the administrator's request took most of its time, so the change now only records which of its
history rows are still to be told (`notice_after_event_id` up to `notice_through_event_id`)
and the worker writes the messages afterwards, a batch at a time. Existing changes were told
when they were made: both columns start at 0.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1760"
down_revision = "1750"
branch_labels = None
depends_on = None

COLUMNS = ("notice_after_event_id", "notice_through_event_id")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column(
            "holiday_changes",
            sa.Column(name, sa.Integer(), nullable=False, server_default="0"),
        )


def downgrade() -> None:
    with op.batch_alter_table("holiday_changes") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
