from __future__ import annotations

import pytest

from grs.calendar import WorkingCalendar
from grs.holiday_sources import build_calendar


@pytest.fixture(scope="session")
def bd_calendar() -> WorkingCalendar:
    """The real Bangladesh calendar: package baseline plus the shipped official overlays."""
    return build_calendar(2020, 2035, (4, 5))
