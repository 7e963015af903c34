"""Asia/Dhaka dates: every GRS date is the date on a wall calendar in Bangladesh."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DHAKA = ZoneInfo("Asia/Dhaka")


class NaiveDatetimeError(ValueError):
    """A datetime without a timezone cannot be placed on the Dhaka calendar."""


def dhaka_date(moment: datetime) -> date:
    """The Dhaka calendar date of an aware datetime; a naive one is refused, not guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveDatetimeError("a naive datetime has no Dhaka date; attach a timezone")
    return moment.astimezone(DHAKA).date()


def utc_now() -> datetime:
    return datetime.now(UTC)
