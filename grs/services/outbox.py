"""The notification outbox: rows written with their event, sent later, retried with backoff.

Sending is idempotent: a row is claimed, sent and marked in one transaction, and a row marked
sent is never picked again. Without an SMS or e-mail gateway configured, messages go to the log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import or_, select

from grs.db.models import Notification
from grs.privacy import mask_contact, mask_numbers
from grs.processes.runtime import Runtime

log = logging.getLogger("grs.notifications")
OFFICER_CHANNEL = "officer"  # addressed to a post, not to a person's contact
MAX_ATTEMPTS = 8
Sender = Callable[[Notification], None]


def log_sender(notification: Notification) -> None:
    # A citizen's contact is masked and never logged beside a whole case number.
    body, recipient = notification.body, notification.recipient
    if notification.channel != OFFICER_CHANNEL:
        body, recipient = mask_numbers(body), mask_contact(recipient)
    log.info("notify %s %s: %s", notification.channel, recipient, body)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes between tries, at most an hour."""
    return timedelta(minutes=min(60, 2 ** max(0, attempts - 1)))


def deliver_pending(rt: Runtime, sender: Sender = log_sender, limit: int = 100) -> int:
    """Send what is due; returns how many were sent."""
    sent = 0
    now = rt.now()
    with rt.db.write() as session:
        query = (
            select(Notification)
            .where(Notification.status == "pending")
            .where(or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
            .order_by(Notification.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        for notification in session.scalars(query):
            sent += _try_send(notification, sender, now)
    return sent


def _try_send(notification: Notification, sender: Sender, now: datetime) -> int:
    notification.attempts += 1
    try:
        sender(notification)
    except Exception:  # any gateway failure: keep the row and try again later
        log.exception("sending notification %s failed", notification.id)
        failed = notification.attempts >= MAX_ATTEMPTS
        notification.status = "failed" if failed else "pending"
        notification.next_attempt_at = now + backoff(notification.attempts)
        return 0
    notification.status = "sent"
    return 1
