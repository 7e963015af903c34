"""Grievance reports: an office's figures for a month or a quarter, its drill-down to the offices
below, and the same table as CSV or XLSX."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.errors import InvalidInput, NotFound
from grs.reports.columns import BREAKDOWN_COLUMNS
from grs.reports.decisions import listing_table
from grs.reports.exports import report_table, to_csv, to_xlsx
from grs.reports.grievance import GrievanceReport
from grs.reports.offices import OfficeRef
from grs.reports.reading import home_office_code, officer_decisions, officer_report
from web.context import db_session, runtime
from web.errors import render_error
from web.i18n import current_language
from web.officer.access import me, refuse
from web.officer.blueprints import bp

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@bp.get("/reports")
def reports_home() -> Response:
    try:
        code = home_office_code(runtime(), db_session(), me())
    except NotFound:
        refuse(404, "no_report_reach")
    return redirect(url_for("officer.report", code=code))


def _report(code: str) -> tuple[GrievanceReport, list[OfficeRef]]:
    try:
        return officer_report(runtime(), db_session(), me(), code, request.args.get("period"))
    except NotFound:
        refuse(404, "report_not_visible", target=f"report:{code[:64]}")


@bp.get("/reports/<code>")
def report(code: str) -> str | tuple[str, int]:
    try:
        rep, crumbs = _report(code)
    except InvalidInput:
        return render_error(400, _("A period is a month (2026-03) or a quarter (2026-Q1)."))
    return render_template(
        "officer/report.html", r=rep, crumbs=crumbs, breakdown_columns=BREAKDOWN_COLUMNS
    )


@bp.get("/reports/<code>/export.<fmt>")
def report_export(code: str, fmt: str) -> Response:
    if fmt not in FORMATS:
        abort(404)
    try:
        rep, _crumbs = _report(code)
    except InvalidInput:
        abort(400)
    digits = _digits()
    table = report_table(rep, current_language(), digits)
    body = to_csv(table) if fmt == "csv" else to_xlsx(table, rep.period.code, digits)
    return _file(body, fmt, f"grs-report-{rep.office.code}-{rep.period.code}.{fmt}")


@bp.get("/reports/<code>/decisions.<fmt>")
def decisions_export(code: str, fmt: str) -> Response:
    """The period's decisions with their record, one row each, for the review meeting."""
    if fmt not in FORMATS:
        abort(404)
    try:
        listing = officer_decisions(runtime(), db_session(), me(), code, request.args.get("period"))
    except NotFound:
        refuse(404, "report_not_visible", target=f"report:{code[:64]}")
    except InvalidInput:
        abort(400)
    table = listing_table(listing, current_language(), _digits())
    period = listing.period.code
    body = to_csv(table) if fmt == "csv" else to_xlsx(table, period, "ascii", numbers=False)
    return _file(body, fmt, f"grs-decisions-{listing.office.code}-{period}.{fmt}")


def _digits() -> str:
    digits = request.args.get("digits", "ascii")
    return digits if digits in ("bn", "ascii") else "ascii"


def _file(body: bytes, fmt: str, name: str) -> Response:
    return Response(
        body,
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
