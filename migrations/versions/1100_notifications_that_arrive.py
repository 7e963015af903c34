"""Notifications that arrive: officers' inboxes, claims by senders, languages, SMS segments

Revision ID: 1100
Revises: 1300
Create Date: 2026-12-02

Every message now records its kind, language, subject and SMS segment count; senders claim rows
with a lease so two senders never send one twice; officers read their inbox entries. A case
remembers the language it was lodged in and whether its complainant wants no SMS; an officer has
the language of the messages they get. Digests belong to no case and reminders to no event.
Officer rows written before this addressed a post, not a person: they become inbox entries
already read.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "1100"
down_revision = "1300"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=5), nullable=False, server_default="bn")
        )
        batch_op.add_column(
            sa.Column("sms_opt_out", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=5), nullable=False, server_default="bn")
        )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("event_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("officer_id", sa.Integer(), nullable=True))
        for name, kind, default in [
            ("kind", sa.String(length=40), ""),
            ("language", sa.String(length=5), "bn"),
            ("subject", sa.String(length=300), ""),
            ("last_error", sa.Text(), ""),
        ]:
            batch_op.add_column(sa.Column(name, kind, nullable=False, server_default=default))
        batch_op.add_column(
            sa.Column("segments", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=40), nullable=True))
        for name in ("claimed_until", "sent_at", "read_at"):
            batch_op.add_column(sa.Column(name, sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notifications_officer_id_officers"), "officers", ["officer_id"], ["id"]
        )
        batch_op.create_index(
            batch_op.f("ix_notifications_officer_id"), ["officer_id"], unique=False
        )
        batch_op.create_index(
            "ix_notifications_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )
    notifications = sa.table(
        "notifications",
        sa.column("channel", sa.String),
        sa.column("read_at", sa.DateTime(timezone=True)),
        sa.column("next_attempt_at", sa.DateTime(timezone=True)),
        sa.column("status", sa.String),
    )
    op.execute(
        notifications.update()
        .where(notifications.c.channel == "officer")
        .values(channel="inbox", status="sent", read_at=sa.func.current_timestamp())
    )
    _drop_defaults()


def _drop_defaults() -> None:
    """The server defaults only filled existing rows; the models set new rows' values."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.alter_column("language", server_default=None)
        batch_op.alter_column("sms_opt_out", server_default=None)
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.alter_column("language", server_default=None)
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        for name in ("kind", "language", "subject", "last_error", "segments"):
            batch_op.alter_column(name, server_default=None)


def downgrade() -> None:
    notifications = sa.table("notifications", sa.column("channel", sa.String))
    op.execute(
        notifications.update().where(notifications.c.channel == "inbox").values(channel="officer")
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_status_next_attempt_at")
        batch_op.drop_index(batch_op.f("ix_notifications_officer_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_notifications_officer_id_officers"), type_="foreignkey"
        )
        for name in (
            "read_at", "sent_at", "claimed_until", "claimed_by", "segments", "last_error",
            "subject", "language", "kind", "officer_id",
        ):  # fmt: skip
            batch_op.drop_column(name)
        batch_op.alter_column("event_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("sms_opt_out")
        batch_op.drop_column("language")
