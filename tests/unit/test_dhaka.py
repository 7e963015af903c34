from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from grs.calendar.dhaka import NaiveDatetimeError, dhaka_date


def test_late_evening_in_dhaka_is_still_that_date():
    # 23:30 in Dhaka on the 5th is 17:30 UTC on the 5th.
    assert dhaka_date(datetime(2026, 3, 5, 17, 30, tzinfo=UTC)).isoformat() == "2026-03-05"
    # 00:00 in Dhaka on the 6th is 18:00 UTC on the 5th.
    assert dhaka_date(datetime(2026, 3, 5, 18, 0, tzinfo=UTC)).isoformat() == "2026-03-06"


def test_any_offset_is_converted():
    new_york = timezone(timedelta(hours=-5))
    assert dhaka_date(datetime(2026, 3, 5, 13, 0, tzinfo=new_york)).isoformat() == "2026-03-06"


def test_server_timezone_does_not_matter(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        assert dhaka_date(datetime(2026, 3, 5, 17, 30, tzinfo=UTC)).isoformat() == "2026-03-05"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert "TZ" not in os.environ


def test_naive_datetime_is_an_error():
    with pytest.raises(NaiveDatetimeError):
        dhaka_date(datetime(2026, 3, 5, 23, 30))
