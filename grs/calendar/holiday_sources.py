"""Where holidays come from: the `holidays` package, the shipped official overlays, administrators.

The package is the baseline; an official overlay for a year replaces the package's entries on the
dates it names and can remove or reopen dates; administrator changes come last, in the order made.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.metadata import version

import holidays as holidays_package

from grs.calendar.working_days import CalendarError, Holiday, HolidayKind, WorkingCalendar


@dataclass(frozen=True)
class Overlay:
    year: int
    source: str
    holidays: tuple[Holiday, ...]
    removed: dict[date, str]
    open_days: dict[date, str]


@dataclass(frozen=True)
class AdminHolidayChange:
    """A date an administrator declared a holiday (`added`) or declared not one (`removed`)."""

    on: date
    action: str  # "add" | "remove"
    name_bn: str
    name_en: str
    kind: HolidayKind
    reason: str
    source: str


def package_holidays(years: Iterable[int]) -> list[Holiday]:
    """The package's Bangladesh calendar, with both languages asked for explicitly."""
    years = list(years)
    names_bn = holidays_package.country_holidays("BD", years=years, language="bn")
    names_en = holidays_package.country_holidays("BD", years=years, language="en_US")
    source = f"holidays {version('holidays')} (Bangladesh)"
    return [
        Holiday(day, names_bn.get(day, name_en), name_en, HolidayKind.GENERAL, source)
        for day, name_en in sorted(names_en.items())
    ]


def load_overlay(year: int) -> Overlay | None:
    """The official overlay shipped for `year`, or None when the project has none for it."""
    resource = resources.files("grs.calendar.holiday_data").joinpath(f"{year}.toml")
    if not resource.is_file():
        return None
    return parse_overlay(tomllib.loads(resource.read_text(encoding="utf-8")))


def parse_overlay(data: dict[str, object]) -> Overlay:
    year, source = int(data["year"]), str(data["source"])  # type: ignore[call-overload]
    entries = _table_list(data, "holiday")
    found = tuple(_overlay_holiday(entry) for entry in entries)
    removed = _dated_reasons(_table_list(data, "removed"))
    open_days = _dated_reasons(_table_list(data, "open_day"))
    for day in [h.on for h in found] + list(removed) + list(open_days):
        if day.year != year:
            raise CalendarError(f"overlay {year}: {day} is not a date in {year}")
    return Overlay(year, source, found, removed, open_days)


def _dated_reasons(entries: list[dict[str, object]]) -> dict[date, str]:
    reasons = {}
    for entry in entries:
        day = entry.get("date")
        if not isinstance(day, date):
            raise CalendarError(f"overlay entry {entry!r} has no date")
        reasons[day] = str(entry.get("reason", ""))
    return reasons


def _table_list(data: dict[str, object], key: str) -> list[dict[str, object]]:
    value = data.get(key, [])
    return value if isinstance(value, list) else []


def _overlay_holiday(entry: dict[str, object]) -> Holiday:
    day = entry["date"]
    if not isinstance(day, date):
        raise CalendarError(f"overlay entry {entry!r} has no date")
    return Holiday(
        on=day,
        name_bn=str(entry["name_bn"]),
        name_en=str(entry["name_en"]),
        kind=HolidayKind(str(entry["kind"])),
        source=f"official list {day.year}",
        verified=bool(entry.get("verified", False)),
    )


def merge_holidays(
    baseline: Sequence[Holiday],
    overlays: Sequence[Overlay],
    admin_changes: Sequence[AdminHolidayChange] = (),
) -> tuple[list[Holiday], dict[date, str]]:
    """The holidays in force and the reopened weekly-holiday dates, after every source."""
    by_date: dict[date, list[Holiday]] = {}
    for holiday in baseline:
        by_date.setdefault(holiday.on, []).append(holiday)
    open_days: dict[date, str] = {}
    for overlay in overlays:
        for day in overlay.removed:
            by_date.pop(day, None)
        for day in {h.on for h in overlay.holidays}:
            by_date[day] = [h for h in overlay.holidays if h.on == day]
        open_days.update(overlay.open_days)
    for change in admin_changes:
        _apply_admin_change(by_date, change)
    return [h for day in sorted(by_date) for h in by_date[day]], open_days


def _apply_admin_change(by_date: dict[date, list[Holiday]], change: AdminHolidayChange) -> None:
    if change.action == "remove":
        by_date.pop(change.on, None)
        return
    source = f"administrator: {change.source}" if change.source else "administrator"
    holiday = Holiday(change.on, change.name_bn, change.name_en, change.kind, source)
    by_date.setdefault(change.on, []).append(holiday)


def build_calendar(
    first_year: int,
    last_year: int,
    weekend: Iterable[int],
    admin_changes: Sequence[AdminHolidayChange] = (),
) -> WorkingCalendar:
    years = range(first_year, last_year + 1)
    overlays = [overlay for year in years if (overlay := load_overlay(year)) is not None]
    merged, open_days = merge_holidays(package_holidays(years), overlays, admin_changes)
    return WorkingCalendar(
        merged,
        first_year=first_year,
        last_year=last_year,
        weekend=weekend,
        official_sources={overlay.year: overlay.source for overlay in overlays},
        open_days=open_days,
    )
