"""The holiday calendar of a year: every holiday with its kind and source, and adding or removing a
date, which moves the deadlines of the open cases that count through it."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.calendar.working_days import HolidayKind
from grs.errors import GrsError
from grs.services.admin_pages import holiday_page
from grs.services.holiday_changes import (
    HolidayRequest,
    check_holiday_change,
    make_holiday_change,
)
from web.context import db_session, runtime
from web.i18n import localized_date, localized_digits
from web.officer import forms
from web.officer.access import me
from web.officer.blueprints import admin_bp

Page = str | Response | tuple[str, int]


def _year(value: int | None) -> int:
    settings = runtime().settings
    if value is None or not settings.first_year <= value <= settings.last_year:
        return runtime().today().year
    return value


@admin_bp.get("/holidays")
def holidays(status: int = 200, year: int | None = None, **extra: Any) -> Page:
    page = holiday_page(runtime(), db_session(), _year(year or forms.arg_int("year")))
    settings = runtime().settings
    years = range(settings.first_year, settings.last_year + 1)
    return render_template(
        "admin/holidays.html",
        p=page,
        years=years,
        kinds=[kind.value for kind in HolidayKind],
        sent=request.form,
        **extra,
    ), status


@admin_bp.post("/holidays")
def change() -> Page:
    try:
        on = forms.day("date")
        assert on is not None
        item = HolidayRequest(
            on=on,
            action=request.form.get("action", ""),
            reason=forms.text("reason", 2_000),
            made_by=me().username,
            name_bn=forms.text("name_bn", 200),
            name_en=forms.text("name_en", 200),
            kind=request.form.get("kind", HolidayKind.EXECUTIVE_ORDER.value),
            source=forms.text("source", 1_000),
        )
        if item.action == "remove" and request.form.get("confirmed") != "1":
            check_holiday_change(runtime(), db_session(), item)
            return _confirm_removal(on)
        outcome = make_holiday_change(runtime(), me(), item)
    except GrsError as exc:
        return holidays(400, year=forms.arg_int("year"), errors=forms.field_errors(exc))
    flash(_moved_message(item.action, on, outcome.deadlines_moved), "info")
    return redirect(url_for("admin.holidays", year=on.year))


def _confirm_removal(on: date) -> str:
    fields = {name: request.form.get(name, "") for name in ("date", "action", "reason", "source")}
    return render_template(
        "admin/confirm.html",
        title=_("Remove the holiday on %(day)s?", day=localized_date(on)),
        question=_(
            "The day becomes a working day, and every open deadline that counts through it moves."
        ),
        action=url_for("admin.change", year=on.year),
        fields=fields,
        confirm_label=_("Remove the holiday"),
        cancel=url_for("admin.holidays", year=on.year),
    )


def _moved_message(action: str, on: date, moved: int) -> str:
    day, count = localized_date(on), localized_digits(moved)
    message: str  # Flask-Babel is untyped
    if action == "add":
        message = _(
            "Holiday added on %(day)s. Open deadlines moved: %(count)s.", day=day, count=count
        )
    else:
        message = _(
            "Holiday removed on %(day)s. Open deadlines moved: %(count)s.", day=day, count=count
        )
    return message
