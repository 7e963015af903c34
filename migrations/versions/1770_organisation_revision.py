"""The organisation's revision: a count the database moves whenever an office or a post changes

Revision ID: 1770
Revises: 1765
Create Date: 2026-12-04

A case page offers every office to forward to and every post to ask, a thousand entries in a
big network, which cost a third of the page to read and word on each request. A web process now
keeps them until this count moves; triggers move it, so no writer (the admin pages, charter
imports, the command line, SQL by hand) can change the organisation without it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "1770"
down_revision = "1765"
branch_labels = None
depends_on = None

_TABLES = ("offices", "posts")
_EVENTS = ("INSERT", "UPDATE", "DELETE")
# An upsert, so the count survives its row being removed (a test emptying every table).
_BUMP = (
    "INSERT INTO revisions (name, n) VALUES ('organisation', 1) "
    "ON CONFLICT (name) DO UPDATE SET n = revisions.n + 1"
)
_PG_FUNCTION = f"""
CREATE FUNCTION organisation_revised() RETURNS trigger AS $$
BEGIN
    {_BUMP};
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table(
        "revisions",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("n", sa.Integer(), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for table in _TABLES:
            # Once per statement: a charter import writing hundreds of posts moves it once.
            op.execute(
                f"CREATE TRIGGER {table}_revised AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION organisation_revised()"
            )
        return
    for table in _TABLES:
        for event in _EVENTS:
            op.execute(
                f"CREATE TRIGGER {table}_revised_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN {_BUMP}; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in _TABLES:
            op.execute(f"DROP TRIGGER {table}_revised ON {table}")
        op.execute("DROP FUNCTION organisation_revised()")
    else:
        for table in _TABLES:
            for event in _EVENTS:
                op.execute(f"DROP TRIGGER {table}_revised_{event.lower()}")
    op.drop_table("revisions")
