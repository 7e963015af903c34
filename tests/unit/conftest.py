from __future__ import annotations

import pytest

from grs.calendar.holiday_sources import build_calendar
from grs.calendar.working_days import WorkingCalendar


@pytest.fixture(scope="session")
def bd_calendar() -> WorkingCalendar:
    """The real Bangladesh calendar: package baseline plus the shipped official overlays."""
    return build_calendar(2020, 2035, (4, 5))
