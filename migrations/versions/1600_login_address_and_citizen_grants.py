"""Login attempts remember a hash of the client's address; citizens' opened cases are kept
server-side

Revision ID: 1600
Revises: 1300
Create Date: 2026-12-02

Failed logins are throttled per account and address, with a growing wait, instead of per
account: a stranger hammering an account no longer locks its officer out. A citizen's opened
case is a row as well as a cookie, so closing the page on one device ends a copied cookie too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "1600"
down_revision = "1200"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "citizen_grants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_citizen_grants_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizen_grants")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_citizen_grants_token_hash")),
    )
    op.create_index(op.f("ix_citizen_grants_case_id"), "citizen_grants", ["case_id"])
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
    op.drop_index(op.f("ix_citizen_grants_case_id"), table_name="citizen_grants")
    op.drop_table("citizen_grants")
    op.drop_index("ix_login_attempts_username_address", table_name="login_attempts")
    with op.batch_alter_table("login_attempts") as batch:
        batch.drop_column("throttled")
        batch.drop_column("address")
