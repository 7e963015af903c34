"""An office's blacklist of habitual false complainants, and the mark on their new complaints

Revision ID: 1710
Revises: 1600
Create Date: 2026-12-02

A GRO proposes a contact (mobile number or e-mail address) with a reason; the office's appeal
officer approves or rejects it, and may lift it later. One row keeps the proposal, the decision
and the lifting. A complaint lodged while its complainant's contact is blacklisted at the office
records the entry that matched.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1710"
down_revision = "1700"
branch_labels = None
depends_on = None

LIVE = "status IN ('proposed', 'active')"


def upgrade() -> None:
    op.create_table(
        "blacklist_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("contact_kind", sa.String(length=10), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_by", sa.Integer(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("lifted_by", sa.Integer(), nullable=True),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lift_reason", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "contact_kind IN ('mobile', 'email')", name=op.f("ck_blacklist_entries_contact_kind")
        ),
        sa.CheckConstraint(
            "status IN ('proposed', 'rejected', 'active', 'lifted')",
            name=op.f("ck_blacklist_entries_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"], ["offices.id"], name=op.f("fk_blacklist_entries_office_id_offices")
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by"], ["officers.id"], name=op.f("fk_blacklist_entries_proposed_by_officers")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["officers.id"], name=op.f("fk_blacklist_entries_decided_by_officers")
        ),
        sa.ForeignKeyConstraint(
            ["lifted_by"], ["officers.id"], name=op.f("fk_blacklist_entries_lifted_by_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blacklist_entries")),
    )
    op.create_index(op.f("ix_blacklist_entries_office_id"), "blacklist_entries", ["office_id"])
    op.create_index(
        "uq_blacklist_entries_live_contact",
        "blacklist_entries",
        ["office_id", "contact_kind", "contact"],
        unique=True,
        postgresql_where=sa.text(LIVE),
        sqlite_where=sa.text(LIVE),
    )
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("blacklist_entry_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_cases_blacklist_entry_id_blacklist_entries"),
            "blacklist_entries",
            ["blacklist_entry_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_constraint(
            op.f("fk_cases_blacklist_entry_id_blacklist_entries"), type_="foreignkey"
        )
        batch.drop_column("blacklist_entry_id")
    op.drop_index("uq_blacklist_entries_live_contact", table_name="blacklist_entries")
    op.drop_index(op.f("ix_blacklist_entries_office_id"), table_name="blacklist_entries")
    op.drop_table("blacklist_entries")
