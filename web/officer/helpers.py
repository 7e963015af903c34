"""Names the officers' and administrators' templates use, beyond those every page has."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from grs.bangla import weekday_name
from grs.calendar.dhaka import DHAKA
from grs.calendar.explanation import source_label
from grs.tracking import format_tracking_number
from web import labels
from web.context import runtime
from web.i18n import current_language, localized_digits
from web.officer.blueprints import admin_bp, bp


def holiday_source(source: str) -> str:
    return source_label(source, current_language())


def pick(bangla: str, english: str | None) -> str:
    """The English text on English pages when there is one, else the Bangla."""
    return english if current_language() == "en" and english else bangla


def weekday(day: date) -> str:
    return weekday_name(day, current_language())


def clock_time(moment: datetime) -> str:
    """HH:MM in Dhaka (the stored times are aware, in UTC)."""
    return localized_digits(moment.astimezone(DHAKA).strftime("%H:%M"))


def dhaka_day(moment: datetime) -> date:
    return moment.astimezone(DHAKA).date()


def as_date(text: object) -> date | None:
    """A date kept as ISO text in an event's data, for the `ddate` filter."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def _template_names() -> dict[str, Any]:
    return {
        "labels": labels,  # the words for codes, shared with the citizen's pages
        "workflow": runtime().workflow,
        "pick": pick,
        "weekday": weekday,
        "clock_time": clock_time,
        "dhaka_day": dhaka_day,
        "tracking": format_tracking_number,
        "as_date": as_date,
        "holiday_source": holiday_source,
    }


# Only the officers' and administrators' templates see these names.
bp.context_processor(_template_names)
admin_bp.context_processor(_template_names)
