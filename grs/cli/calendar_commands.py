"""`grs calendar`: deadlines and holiday lists, usable on a machine with no database."""

from __future__ import annotations

import click

from grs.calendar import CalendarError, WorkingCalendar
from grs.calendar_text import describe_explanation, describe_holiday
from grs.cli.errors import fail, parse_count, parse_date
from grs.config import load_settings
from grs.holiday_sources import build_calendar


def settings_calendar() -> WorkingCalendar:
    settings = load_settings()
    return build_calendar(settings.first_year, settings.last_year, settings.weekly_holidays)


@click.group("calendar")
def calendar_group() -> None:
    """Bangladesh working days: deadlines and holidays."""


@calendar_group.command("due", context_settings={"ignore_unknown_options": True})
@click.argument("start")
@click.argument("n")
@click.option("--explain", is_flag=True, help="List every skipped day and why.")
@click.option("--lang", type=click.Choice(["en", "bn"]), default="en", show_default=True)
def due(start: str, n: str, explain: bool, lang: str) -> None:
    """The N-th working day after START (YYYY-MM-DD); START itself never counts."""
    start_date, count = parse_date(start, "START"), parse_count(n, "N")
    calendar = settings_calendar()
    try:
        explanation = calendar.explain(start_date, count)
    except CalendarError as exc:
        fail(str(exc))
    lines = describe_explanation(explanation, lang)
    click.echo("\n".join(lines if explain else [lines[0], *_estimate_lines(lines)]))


def _estimate_lines(lines: list[str]) -> list[str]:
    # The estimate warning is shown even without --explain: nobody may mistake it for the gazette.
    return [line for line in lines if line.startswith(("note:", "দ্রষ্টব্য:"))]


@calendar_group.command("holidays")
@click.argument("year")
@click.option("--lang", type=click.Choice(["en", "bn"]), default="en", show_default=True)
def holidays_command(year: str, lang: str) -> None:
    """The public holidays of YEAR with their kind and source."""
    value = parse_count(year, "YEAR")
    calendar = settings_calendar()
    if not calendar.first_year <= value <= calendar.last_year:
        fail(f"year {value} is not supported ({calendar.first_year}-{calendar.last_year})")
    if calendar.is_official(value):
        click.echo(f"official list {value}: {calendar.official_sources[value]}")
    else:
        click.echo(f"note: no official holiday list for {value}; package calendar only (estimate)")
    for holiday in calendar.holidays_in(value):
        click.echo(describe_holiday(holiday, lang))
    for day, reason in sorted(calendar.open_days.items()):
        if day.year == value:
            click.echo(f"{day.isoformat()}  working day (weekly holiday reopened): {reason}")
