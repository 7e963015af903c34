"""Charter versions, retired services, and where each office is

Revision ID: 1400
Revises: 1300
Create Date: 2026-12-02

Every applied change of a charter is kept as a version with the charter as it then read. A
service dropped from a charter that cases refer to is retired, not deleted. Offices carry their
division, district and upazila for the public directory.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "1400"
down_revision = "1000"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "charter_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_by", sa.String(length=80), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_charter_versions_office_id_offices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charter_versions")),
        sa.UniqueConstraint(
            "office_id", "number", name=op.f("uq_charter_versions_office_id_number")
        ),
    )
    with op.batch_alter_table("charter_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_charter_versions_office_id"), ["office_id"], unique=False
        )
    with op.batch_alter_table("offices", schema=None) as batch_op:
        for name in ("division", "district", "upazila"):
            batch_op.add_column(
                sa.Column(name, sa.String(length=100), nullable=False, server_default="")
            )
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_column("retired_on")
    with op.batch_alter_table("offices", schema=None) as batch_op:
        for name in ("upazila", "district", "division"):
            batch_op.drop_column(name)
    with op.batch_alter_table("charter_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_charter_versions_office_id"))
    op.drop_table("charter_versions")
