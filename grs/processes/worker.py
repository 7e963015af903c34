"""The escalation worker: its own process, sweeping every few minutes and just after midnight
Dhaka time (when yesterday's deadlines become missed), then writing the messages of moved
deadlines and sending queued notifications.

A production node may run the two jobs as separate processes (`grs worker --only escalation`,
`grs worker --only notifications`), and two of each at once: the sweep claims cases and the
sender claims messages with row locks, so none is handled twice."""

from __future__ import annotations

import logging
import signal
import threading
from datetime import datetime, timedelta
from typing import Any

from grs.calendar.dhaka import DHAKA
from grs.processes.runtime import Runtime
from grs.services.attachments import remove_stale_uploads
from grs.services.deadline_notices import tell_moved_deadlines
from grs.services.escalation import sweep
from grs.services.outbox import deliver_pending
from grs.services.reminders import send_reminders

log = logging.getLogger("grs.worker")
AFTER_MIDNIGHT = timedelta(minutes=1)


def next_wakeup(now: datetime, interval: timedelta) -> datetime:
    """The next sweep: after `interval`, or one minute past the next Dhaka midnight if sooner."""
    local = now.astimezone(DHAKA)
    midnight = datetime.combine(local.date() + timedelta(days=1), datetime.min.time(), DHAKA)
    return min(now + interval, midnight + AFTER_MIDNIGHT)


JOBS = ("escalation", "notifications")


def run_once(rt: Runtime, jobs: tuple[str, ...] = JOBS, reminders: bool = True) -> dict[str, Any]:
    report: dict[str, Any] = {}
    if "escalation" in jobs:
        remove_stale_uploads(rt)
        report.update(sweep(rt).to_json())
        if reminders:  # once a day is enough: they read every open case
            sent = send_reminders(rt)
            report.update(reminders=sent.reminders, digests=sent.digests)
    if "notifications" in jobs:
        report["deadlines_moved_told"] = tell_moved_deadlines(rt)
        report["notifications_sent"] = deliver_pending(rt)
    log.info("worker run %s", report)
    return report


def run_forever(
    rt: Runtime, stop: threading.Event | None = None, jobs: tuple[str, ...] = JOBS
) -> None:
    stop = stop or _stop_on_signals()
    interval = timedelta(seconds=rt.settings.worker_interval_seconds)
    reminded_on = None
    while not stop.is_set():
        try:
            today = rt.today()
            run_once(rt, jobs, reminders=reminded_on != today)
            reminded_on = today
        except Exception:  # a failed sweep is retried at the next wake-up, never fatal
            log.exception("sweep failed")
        now = rt.now()
        stop.wait((next_wakeup(now, interval) - now).total_seconds())


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    return stop
