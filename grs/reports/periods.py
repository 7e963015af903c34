"""Report periods: a calendar month or a quarter, as Asia/Dhaka dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from grs.bangla import ascii_digits
from grs.errors import InvalidInput

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter
    year: int
    number: int  # the month (1-12) or the quarter (1-4)

    @property
    def start(self) -> date:
        month = self.number if self.kind == "month" else 3 * self.number - 2
        return date(self.year, month, 1)

    @property
    def end(self) -> date:
        months = 1 if self.kind == "month" else 3
        month0 = self.start.month - 1 + months
        first_after = date(self.year + month0 // 12, month0 % 12 + 1, 1)
        return first_after - timedelta(days=1)

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        return f"{self.year}-Q{self.number}"

    def previous(self) -> Period:
        last = 12 if self.kind == "month" else 4
        if self.number == 1:
            return Period(self.kind, self.year - 1, last)
        return Period(self.kind, self.year, self.number - 1)


def parse_period(text: str) -> Period:
    """`2026-03` (a month) or `2026-Q1` (a quarter)."""
    text = ascii_digits(text).strip()
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return Period("month", year, month)
    if m := _QUARTER.match(text):
        year = int(m[1])
        if 2000 <= year <= 2100:
            return Period("quarter", year, int(m[2]))
    raise InvalidInput("a period is YYYY-MM or YYYY-Qn", "bad_period", field="period")


def month_of(day: date) -> Period:
    return Period("month", day.year, day.month)


def quarter_of(day: date) -> Period:
    return Period("quarter", day.year, (day.month - 1) // 3 + 1)
