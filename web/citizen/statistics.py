"""The public statistics page: per office, received, settled in time, average working days.
No login; nothing on it identifies anyone."""

from __future__ import annotations

from flask import render_template, request
from flask.typing import ResponseReturnValue

from grs.errors import InvalidInput
from grs.reports.periods import parse_period, quarter_of
from grs.reports.public import public_statistics
from web.citizen.blueprint import bp
from web.citizen.i18n import gettext as _
from web.context import db_session, runtime
from web.errors import render_error


@bp.get("/statistics")
def statistics() -> ResponseReturnValue:
    rt = runtime()
    try:
        chosen = request.args.get("period")
        period = parse_period(chosen) if chosen else quarter_of(rt.today())
    except InvalidInput:
        return render_error(400, _("A period is a month (2026-03) or a quarter (2026-Q1)."))
    rows = public_statistics(rt, db_session(), period)
    return render_template("citizen/statistics.html", rows=rows, period=period)
