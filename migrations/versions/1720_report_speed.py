"""Each event knows the office before it, the day its stint began and the day it was superseded

Revision ID: 1720
Revises: 1600
Create Date: 2026-12-02

Reports read where every case stood at a period's start and end, and what happened in it. With
window functions over every event of every case that ever passed an office, a district's
quarter read a million cases' whole history. Now each event carries, from the moment it is
written: the office that held the case before it (`prev_office_id`), the day the case's stint at
its tier and office began (`stint_started_on`), the case's channel, service and complaint
type (`case_*`, which never change: the figures are broken down by them without joining a
million cases), and, once the next event of the case is written, that event's day
(`next_on`). "Where it stood at the end of day D" is then the event with `occurred_on <= D`
and no `next_on` up to D: a range read on an index, no window.

A trigger fills these columns on every insert, whoever writes the event (lodging, an
action, the sweep's bulk insert, a holiday change); existing events are filled here from the
order of their sequence numbers. On SQLite a batch migration that rebuilds `events` drops
the trigger: such a migration must create it again (`create_triggers`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1720"
down_revision = "1710"
branch_labels = None
depends_on = None

# Existing events, from the order of their sequence numbers (both databases run these).
BACKFILL = (
    """UPDATE events SET case_channel = cases.channel, case_service_id = cases.service_id,
           case_complaint_type = cases.complaint_type
       FROM cases WHERE cases.id = events.case_id""",
    """UPDATE events SET prev_office_id = w.prev_office, next_on = w.next_on
       FROM (SELECT id,
                    lag(held_by_office_id) OVER (PARTITION BY case_id ORDER BY seq) AS prev_office,
                    lead(occurred_on) OVER (PARTITION BY case_id ORDER BY seq) AS next_on
             FROM events) AS w
       WHERE events.id = w.id""",
    """UPDATE events SET stint_started_on = w.began
       FROM (SELECT id,
                    max(CASE WHEN prev_office_id IS NULL OR held_by_office_id <> prev_office_id
                                  OR from_tier <> to_tier THEN occurred_on END)
                    OVER (PARTITION BY case_id ORDER BY seq
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS began
             FROM events) AS w
       WHERE events.id = w.id""",
)

# An arrival: the first event, a new holding office or a new tier (as the reports count it).
_PG_FUNCTION = """
CREATE FUNCTION events_chain() RETURNS trigger AS $$
DECLARE
    prev events%ROWTYPE;
BEGIN
    SELECT channel, service_id, complaint_type
    INTO NEW.case_channel, NEW.case_service_id, NEW.case_complaint_type
    FROM cases WHERE id = NEW.case_id;
    SELECT * INTO prev FROM events
    WHERE case_id = NEW.case_id AND next_on IS NULL ORDER BY seq DESC LIMIT 1;
    IF FOUND THEN
        NEW.prev_office_id := prev.held_by_office_id;
        UPDATE events SET next_on = NEW.occurred_on WHERE id = prev.id;
    ELSE
        NEW.prev_office_id := NULL;
    END IF;
    IF NEW.prev_office_id IS NULL OR NEW.held_by_office_id <> NEW.prev_office_id
            OR NEW.from_tier <> NEW.to_tier THEN
        NEW.stint_started_on := NEW.occurred_on;
    ELSE
        NEW.stint_started_on := prev.stint_started_on;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""
_PG_TRIGGER = (
    "CREATE TRIGGER events_chain BEFORE INSERT ON events "
    "FOR EACH ROW EXECUTE FUNCTION events_chain()"
)
_SQLITE_TRIGGER = """
CREATE TRIGGER events_chain AFTER INSERT ON events
BEGIN
    UPDATE events SET prev_office_id = (
        SELECT p.held_by_office_id FROM events AS p
        WHERE p.case_id = NEW.case_id AND p.next_on IS NULL AND p.id <> NEW.id
        ORDER BY p.seq DESC LIMIT 1)
    WHERE id = NEW.id;
    UPDATE events SET stint_started_on = CASE
        WHEN prev_office_id IS NULL OR held_by_office_id <> prev_office_id
             OR from_tier <> to_tier THEN occurred_on
        ELSE (SELECT p.stint_started_on FROM events AS p
              WHERE p.case_id = NEW.case_id AND p.next_on IS NULL AND p.id <> NEW.id
              ORDER BY p.seq DESC LIMIT 1)
        END
    WHERE id = NEW.id;
    UPDATE events SET (case_channel, case_service_id, case_complaint_type) = (
        SELECT channel, service_id, complaint_type FROM cases WHERE id = NEW.case_id)
    WHERE id = NEW.id;
    UPDATE events SET next_on = NEW.occurred_on
    WHERE case_id = NEW.case_id AND next_on IS NULL AND id <> NEW.id;
END
"""


def create_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute(_PG_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def drop_triggers() -> None:
    op.execute(
        "DROP TRIGGER IF EXISTS events_chain"
        + (" ON events" if op.get_bind().dialect.name == "postgresql" else "")
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS events_chain()")


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("prev_office_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("stint_started_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("next_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("case_channel", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("case_service_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("case_complaint_type", sa.String(length=20), nullable=True))
        batch.create_index(
            "ix_events_prev_office_id_occurred_on", ["prev_office_id", "occurred_on"]
        )
        batch.create_index("ix_events_held_by_office_id_next_on", ["held_by_office_id", "next_on"])
        batch.create_index(
            "ix_events_to_state_held_by_office_id_occurred_on",
            ["to_state", "held_by_office_id", "occurred_on"],
            postgresql_include=["from_state", "due_before"],
        )
    with op.batch_alter_table("cases") as batch:
        batch.create_index("ix_cases_office_id_lodged_on", ["office_id", "lodged_on"])
        batch.create_index(
            "ix_cases_current_office_id_state_overdue_due_on",
            ["current_office_id", "state", "overdue", "due_on"],
        )
    for statement in BACKFILL:
        op.execute(statement)
    create_triggers()


def downgrade() -> None:
    drop_triggers()
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_current_office_id_state_overdue_due_on")
        batch.drop_index("ix_cases_office_id_lodged_on")
    with op.batch_alter_table("events") as batch:
        batch.drop_index("ix_events_to_state_held_by_office_id_occurred_on")
        batch.drop_index("ix_events_held_by_office_id_next_on")
        batch.drop_index("ix_events_prev_office_id_occurred_on")
        batch.drop_column("case_complaint_type")
        batch.drop_column("case_service_id")
        batch.drop_column("case_channel")
        batch.drop_column("next_on")
        batch.drop_column("stint_started_on")
        batch.drop_column("prev_office_id")
