"""Working-day arithmetic over a fixed set of holidays: pure, no database, no clock.

The GRS counting rule: a tier's clock starts on a date that is not counted; the first working day
after it is day 1 and the deadline is the N-th. Deadlines are looked up in a prefix table of
working days so one costs a few list lookups, which keeps recomputing every open case cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

FRIDAY, SATURDAY = 4, 5


class HolidayKind(StrEnum):
    GENERAL = "general"  # সাধারণ ছুটি
    EXECUTIVE_ORDER = "executive_order"  # নির্বাহী আদেশে ছুটি
    SPECIAL = "special"  # e.g. election day closures


class CalendarError(ValueError):
    """Input the calendar cannot answer: negative counts, dates outside the supported years."""


@dataclass(frozen=True)
class Holiday:
    on: date
    name_bn: str
    name_en: str
    kind: HolidayKind
    source: str
    verified: bool = True


@dataclass(frozen=True)
class SkippedDay:
    """A day passed over while counting, with why: a weekly holiday, a public holiday, or both."""

    on: date
    weekly: bool
    holidays: tuple[Holiday, ...]


@dataclass(frozen=True)
class DeadlineExplanation:
    start: date
    n: int
    due_on: date
    skipped: tuple[SkippedDay, ...]
    estimated_years: tuple[int, ...] = field(default=())
    """Years counted through that have no official holiday list: the deadline is an estimate."""


class WorkingCalendar:
    """Bangladesh working days between `first_year` and `last_year` inclusive."""

    def __init__(
        self,
        holidays: Iterable[Holiday],
        *,
        first_year: int,
        last_year: int,
        weekend: Iterable[int] = (FRIDAY, SATURDAY),
        official_sources: Mapping[int, str] | None = None,
        open_days: Mapping[date, str] | None = None,
    ) -> None:
        if first_year > last_year:
            raise CalendarError("first_year is after last_year")
        self.first_year, self.last_year = first_year, last_year
        self.weekend = frozenset(weekend)
        self.official_sources: Mapping[int, str] = dict(official_sources or {})
        self.open_days: Mapping[date, str] = dict(open_days or {})
        by_date: dict[date, list[Holiday]] = {}
        for holiday in holidays:
            by_date.setdefault(holiday.on, []).append(holiday)
        self._holidays = {day: tuple(items) for day, items in by_date.items()}
        self._base = date(first_year, 1, 1).toordinal()
        self._end = date(last_year, 12, 31).toordinal()
        self._epoch_offset = self._base - date(1970, 1, 1).toordinal()
        self._np_tables: tuple[NDArray[np.int64], NDArray[np.datetime64]] | None = None
        self._build_tables()

    def _build_tables(self) -> None:
        # _upto[i]: working days in [base, base + i]; _working: the working days, ascending.
        # Plain lists of ints and dates: indexing them is faster than arrays, which box each read.
        self._upto: list[int] = []
        self._working: list[date] = []
        for ordinal in range(self._base, self._end + 1):
            day = date.fromordinal(ordinal)
            if self._is_working(day):
                self._working.append(day)
            self._upto.append(len(self._working))

    def _is_working(self, day: date) -> bool:
        if day in self.open_days:
            return True
        return day.weekday() not in self.weekend and day not in self._holidays

    def _offset(self, day: date) -> int:
        offset = day.toordinal() - self._base
        if offset < 0 or offset >= len(self._upto):
            raise CalendarError(
                f"{day.isoformat()} is outside the supported years "
                f"{self.first_year}-{self.last_year}"
            )
        return offset

    def is_working_day(self, day: date) -> bool:
        self._offset(day)
        return self._is_working(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The N-th working day after `start` (which never counts); N = 0 is `start` itself."""
        offset = start.toordinal() - self._base
        # The common case in as few operations as possible; anything unusual takes the long way.
        if n > 0 and 0 <= offset < len(self._upto):
            index = self._upto[offset] + n - 1
            if index < len(self._working):
                return self._working[index]
        return self._add_working_days_checked(start, n)

    def _add_working_days_checked(self, start: date, n: int) -> date:
        if n < 0:
            raise CalendarError("the number of working days cannot be negative")
        offset = self._offset(start)
        if n == 0:
            return start
        index = self._upto[offset] + n - 1
        if index >= len(self._working):
            raise CalendarError(
                f"the deadline falls after the last supported year {self.last_year}"
            )
        return self._working[index]

    def due_dates(self, starts: Iterable[date], ns: Iterable[int]) -> list[date]:
        """Many deadlines at once, e.g. every open case after a holiday changes."""
        return [self.add_working_days(start, n) for start, n in zip(starts, ns, strict=True)]

    def due_dates_array(self, starts: NDArray[np.datetime64], ns: NDArray[np.int64]) -> Any:
        """`due_dates` for arrays (numpy datetime64[D] starts, integer counts): the same prefix
        table, looked up for all of them at once — a million deadlines in a few milliseconds."""
        import numpy as np  # here, not at the top: a command that never asks pays no import

        upto, working = self._arrays()
        offsets = starts.astype("datetime64[D]").astype(np.int64) - self._epoch_offset
        counts = np.asarray(ns, dtype=np.int64)
        if offsets.size == 0:
            return starts.astype("datetime64[D]")
        if offsets.min() < 0 or offsets.max() >= len(upto):
            raise CalendarError(
                f"a start date is outside the supported years {self.first_year}-{self.last_year}"
            )
        if counts.min() < 0:
            raise CalendarError("the number of working days cannot be negative")
        index = upto[offsets] + counts - 1
        if index.max(initial=-1) >= len(working):
            raise CalendarError(f"a deadline falls after the last supported year {self.last_year}")
        due = working[np.clip(index, 0, None)]
        return np.where(counts == 0, starts.astype("datetime64[D]"), due)

    def _arrays(self) -> tuple[NDArray[np.int64], NDArray[np.datetime64]]:
        """The prefix table as numpy arrays, built on first use (most processes never need it)."""
        import numpy as np

        if self._np_tables is None:
            upto = np.asarray(self._upto, dtype=np.int64)
            working = np.asarray(self._working, dtype="datetime64[D]")
            self._np_tables = (upto, working)
        return self._np_tables

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when `end` is before `start`."""
        return self._upto[self._offset(end)] - self._upto[self._offset(start)]

    def holidays_on(self, day: date) -> tuple[Holiday, ...]:
        return self._holidays.get(day, ())

    def holidays_in(self, year: int) -> list[Holiday]:
        self._offset(date(year, 1, 1))
        days = sorted(day for day in self._holidays if day.year == year)
        return [holiday for day in days for holiday in self._holidays[day]]

    def is_official(self, year: int) -> bool:
        return year in self.official_sources

    def explain(self, start: date, n: int) -> DeadlineExplanation:
        """The deadline with every day it skipped and why, so it can be checked by hand."""
        due_on = self.add_working_days(start, n)
        skipped = []
        day = start + timedelta(days=1)
        while day < due_on:
            if not self._is_working(day):
                weekly = day.weekday() in self.weekend
                skipped.append(SkippedDay(day, weekly, self.holidays_on(day)))
            day += timedelta(days=1)
        years = range(start.year, due_on.year + 1)
        estimated = tuple(year for year in years if not self.is_official(year))
        return DeadlineExplanation(start, n, due_on, tuple(skipped), estimated)
