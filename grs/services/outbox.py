"""The notification outbox: rows written with their event, sent later, retried with backoff.

A sender claims a batch in one short transaction (`FOR UPDATE SKIP LOCKED` on PostgreSQL; on
SQLite the write transaction is exclusive) with a conditional UPDATE that sets its own claim and
a lease, so two senders never hold one row. It sends each message outside any transaction and
marks it at once, only while its claim still stands. A sender that dies leaves its claims to
expire; another sender takes them over when the lease runs out. The one message a dead sender
may have handed over without marking is sent again with the same key (the e-mail's Message-ID,
the gateway's reference), so the receiver can tell it is the same message.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select, update

from grs.db.models import Notification
from grs.notify.channels import Channel, DeliveryError, Outgoing, channels_from_settings
from grs.privacy import mask_contact
from grs.processes.runtime import Runtime
from grs.services.audit import Author, record_change

log = logging.getLogger("grs.notifications")
SENDABLE = ("pending", "sending")  # "sending": claimed, possibly by a sender that died


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes between tries, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


@dataclass(frozen=True)
class Claimed:
    id: int
    attempts: int
    message: Outgoing


def deliver_pending(
    rt: Runtime,
    channels: dict[str, Channel] | None = None,
    limit: int = 100,
    sender: str | None = None,
) -> int:
    """Send everything due, batch by batch; returns how many were sent."""
    channels = channels or channels_from_settings(rt.settings.notify)
    sender = sender or uuid.uuid4().hex
    sent = 0
    try:
        while batch := claim(rt, sender, limit):
            for item in batch:
                sent += _deliver(rt, channels, item, sender)
    finally:
        for channel in channels.values():
            channel.close()
    return sent


def claim(rt: Runtime, sender: str, limit: int) -> list[Claimed]:
    now = rt.now()
    free = or_(Notification.claimed_until.is_(None), Notification.claimed_until < now)
    with rt.db.write() as session:
        ids = session.scalars(
            select(Notification.id)
            .where(Notification.status.in_(SENDABLE), Notification.channel != "inbox", free)
            .where(or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
            .order_by(Notification.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        if not ids:
            return []
        lease = now + timedelta(seconds=rt.settings.notify.lease_seconds)
        session.execute(
            update(Notification)
            .where(Notification.id.in_(ids), Notification.status.in_(SENDABLE), free)
            .values(claimed_by=sender, claimed_until=lease, status="sending")
            .execution_options(synchronize_session=False)
        )
        mine = session.scalars(
            select(Notification)
            .where(Notification.id.in_(ids), Notification.claimed_by == sender)
            .order_by(Notification.id)
        )
        return [_claimed(row) for row in mine]


def _claimed(row: Notification) -> Claimed:
    message = Outgoing(row.once_key, row.channel, row.recipient, row.subject, row.body)
    return Claimed(row.id, row.attempts, message)


def _deliver(rt: Runtime, channels: dict[str, Channel], item: Claimed, sender: str) -> int:
    channel = channels.get(item.message.channel)
    try:
        if channel is None:
            raise DeliveryError(f"no channel {item.message.channel!r}", permanent=True)
        channel.send(item.message)
    except DeliveryError as exc:
        _failed(rt, item, sender, exc)
        return 0
    except Exception as exc:  # a channel's own fault: counted as a try, never fatal to the batch
        _failed(rt, item, sender, DeliveryError(f"{type(exc).__name__}: {exc}"))
        return 0
    _finish(rt, item, sender, status="sent", sent_at=rt.now(), last_error="")
    return 1


def _failed(rt: Runtime, item: Claimed, sender: str, exc: DeliveryError) -> None:
    attempts = item.attempts + 1
    final = exc.permanent or attempts >= rt.settings.notify.max_attempts
    # The reason, never the recipient: the log must not carry a citizen's contact.
    log.warning("notification %s: try %d failed: %s", item.id, attempts, exc)
    _finish(
        rt,
        item,
        sender,
        status="failed" if final else "pending",
        next_attempt_at=rt.now() + backoff(attempts),
        last_error=str(exc)[:500],
    )


def _finish(rt: Runtime, item: Claimed, sender: str, **values: object) -> None:
    with rt.db.write() as session:
        session.execute(
            update(Notification)
            .where(Notification.id == item.id, Notification.claimed_by == sender)
            .values(
                attempts=Notification.attempts + 1, claimed_by=None, claimed_until=None, **values
            )
            .execution_options(synchronize_session=False)
        )


def resend(rt: Runtime, notification_id: int, author: Author | None = None) -> bool:
    """An administrator sends a failed message again: pending once more, its tries reset."""
    with rt.db.write() as session:
        result = session.execute(
            update(Notification)
            .where(Notification.id == notification_id, Notification.status == "failed")
            .values(status="pending", attempts=0, next_attempt_at=None, last_error="")
            .execution_options(synchronize_session=False)
        )
        again = bool(result.rowcount)  # type: ignore[attr-defined]
        if again and author is not None:
            record_change(rt, session, author, "notification.resend", str(notification_id))
        return again


def masked_recipient(row: Notification) -> str:
    return mask_contact(row.recipient) if row.channel != "inbox" else row.recipient
