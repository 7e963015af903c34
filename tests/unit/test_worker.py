from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grs.processes.worker import next_wakeup
from grs.services.outbox import backoff


def test_wakes_after_the_interval_during_the_day():
    now = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # 12:00 in Dhaka
    assert next_wakeup(now, timedelta(minutes=5)) == now + timedelta(minutes=5)


def test_wakes_just_after_dhaka_midnight():
    now = datetime(2026, 11, 23, 17, 58, tzinfo=UTC)  # 23:58 in Dhaka
    wake = next_wakeup(now, timedelta(minutes=5))
    assert wake == datetime(2026, 11, 23, 18, 1, tzinfo=UTC)  # 00:01 on the 24th in Dhaka


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert backoff(20) == timedelta(hours=1)
