"""Grievance reports: an office's figures for a month or a quarter, its drill-down to the offices
below, and the same table as CSV or XLSX."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.errors import InvalidInput, NotFound
from grs.reports.columns import BREAKDOWN_COLUMNS
from grs.reports.exports import report_table, to_csv, to_xlsx
from grs.reports.grievance import GrievanceReport
from grs.reports.offices import OfficeRef
from grs.reports.reading import home_office_code, officer_report
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
    lang = current_language()
    digits = request.args.get("digits", "ascii")
    digits = digits if digits in ("bn", "ascii") else "ascii"
    table = report_table(rep, lang, digits)
    body = to_csv(table) if fmt == "csv" else to_xlsx(table, rep.period.code, digits)
    name = f"grs-report-{rep.office.code}-{rep.period.code}.{fmt}"
    return Response(
        body,
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
