"""Login attempts remember a hash of the client's address

Revision ID: 1600
Revises: 1300
Create Date: 2026-12-02

Failed logins are throttled per account and address, with a growing wait, instead of per
account: a stranger hammering an account no longer locks its officer out.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "1600"
down_revision = "1300"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("login_attempts") as batch:
        batch.add_column(
            sa.Column("address", sa.String(length=64), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("throttled", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("login_attempts") as batch:  # the model sets both on insert
        batch.alter_column("address", server_default=None)
        batch.alter_column("throttled", server_default=None)
    op.create_index(
        "ix_login_attempts_username_address", "login_attempts", ["username", "address"]
    )


def downgrade() -> None:
    op.drop_index("ix_login_attempts_username_address", table_name="login_attempts")
    with op.batch_alter_table("login_attempts") as batch:
        batch.drop_column("throttled")
        batch.drop_column("address")
