"""`grs calendar`: deadlines and holiday lists, usable on a machine with no database."""

from __future__ import annotations

import click
from sqlalchemy.exc import OperationalError, ProgrammingError

from grs.calendar.explanation import describe_explanation, describe_holiday
from grs.calendar.holiday_sources import build_calendar
from grs.calendar.working_days import CalendarError, HolidayKind, WorkingCalendar
from grs.cli.context import author, reports_errors, runtime
from grs.cli.errors import fail, parse_count, parse_date
from grs.processes.config import Settings, load_settings
from grs.processes.runtime import Runtime
from grs.services.holiday_changes import HolidayRequest, make_holiday_change


def settings_calendar() -> WorkingCalendar:
    """The calendar with administrators' changes when a database is set up, else without."""
    settings = load_settings()
    if _database_exists(settings):
        rt = Runtime.from_settings(settings)
        try:
            with rt.db.read_session() as session:
                return rt.calendar(session)
        except (OperationalError, ProgrammingError):
            pass  # no schema yet: the shipped sources alone
        finally:
            rt.db.dispose()
    return build_calendar(settings.first_year, settings.last_year, settings.weekly_holidays)


def _database_exists(settings: Settings) -> bool:
    url = settings.database_url
    if not url.startswith("sqlite"):
        return True
    path = url.split("///", 1)[-1]
    return bool(path) and path != ":memory:" and settings.path(path).exists()


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


@calendar_group.command("add")
@click.argument("day")
@click.option("--name", "name_bn", required=True, help="The holiday's Bangla name.")
@click.option("--name-en", default="")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in HolidayKind]),
    default=HolidayKind.EXECUTIVE_ORDER.value,
)
@click.option("--reason", required=True)
@click.option("--source", default="", help="The circular or gazette that declares it.")
@reports_errors
def holiday_add(day: str, name_bn: str, name_en: str, kind: str, reason: str, source: str) -> None:
    """Declare DAY a holiday; every open deadline it touches is recomputed."""
    _change(
        HolidayRequest(
            parse_date(day, "DAY"), "add", reason, author(), name_bn, name_en, kind, source
        )
    )


@calendar_group.command("remove")
@click.argument("day")
@click.option("--reason", required=True)
@click.option("--source", default="")
@reports_errors
def holiday_remove(day: str, reason: str, source: str) -> None:
    """Declare DAY not a holiday; every open deadline it touches is recomputed."""
    _change(HolidayRequest(parse_date(day, "DAY"), "remove", reason, author(), source=source))


def _change(request: HolidayRequest) -> None:
    with runtime() as rt:
        outcome = make_holiday_change(rt, author(), request)
    click.echo(
        f"holiday change {outcome.change_id} recorded; "
        f"{outcome.deadlines_moved} open deadlines moved"
    )
