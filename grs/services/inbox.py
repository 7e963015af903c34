"""An officer's inbox (the notifications addressed to them) and the administrators' list of
messages that could not be delivered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Integer, Select, bindparam, func, select, update
from sqlalchemy.orm import Session

from grs.db.models import Case, Notification
from grs.privacy import mask_contact
from grs.processes.runtime import Runtime

PAGE = 50


@dataclass(frozen=True)
class InboxEntry:
    id: int
    title: str
    body: str
    at: datetime | None
    tracking_number: str | None
    read: bool


@dataclass(frozen=True)
class Undelivered:
    id: int
    channel: str
    recipient: str  # masked
    kind: str
    tracking_number: str | None
    attempts: int
    last_error: str


@cache
def _unread_statement() -> Select[int]:
    """Built once: every officer page shows the count."""
    return select(func.count(Notification.id)).where(
        Notification.officer_id == bindparam("officer_id", type_=Integer),
        Notification.channel == "inbox",
        Notification.read_at.is_(None),
    )


def unread_count(session: Session, officer_id: int) -> int:
    return int(session.scalar(_unread_statement(), {"officer_id": officer_id}) or 0)


def inbox(session: Session, officer_id: int, limit: int = PAGE) -> list[InboxEntry]:
    query = (
        select(Notification, Case.tracking_number)
        .outerjoin(Case, Case.id == Notification.case_id)
        .where(Notification.officer_id == officer_id, Notification.channel == "inbox")
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    return [
        InboxEntry(n.id, n.subject, n.body, n.sent_at, tracking, n.read_at is not None)
        for n, tracking in session.execute(query)
    ]


def mark_read(rt: Runtime, officer_id: int, notification_id: int | None = None) -> int:
    """Mark one entry (or, without an id, all) as read; only the officer's own entries."""
    with rt.db.write() as session:
        statement = update(Notification).where(
            Notification.officer_id == officer_id,
            Notification.channel == "inbox",
            Notification.read_at.is_(None),
        )
        if notification_id is not None:
            statement = statement.where(Notification.id == notification_id)
        result = session.execute(
            statement.values(read_at=rt.now()).execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def undelivered(session: Session, limit: int = 200) -> list[Undelivered]:
    query = (
        select(Notification, Case.tracking_number)
        .outerjoin(Case, Case.id == Notification.case_id)
        .where(Notification.status == "failed")
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    return [
        Undelivered(
            n.id, n.channel, mask_contact(n.recipient), n.kind, tracking, n.attempts, n.last_error
        )
        for n, tracking in session.execute(query)
    ]
