"""The officer's dashboard: today's figures for their offices, with charts and the same
figures as tables."""

from __future__ import annotations

from datetime import date

from flask import render_template
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.wrappers import Response

from grs.bangla import MONTHS_BN
from grs.errors import NotFound
from grs.reports.dashboard import Dashboard
from grs.reports.reading import officer_dashboard
from web import charts, labels
from web.context import db_session, runtime
from web.i18n import current_language, localized_digits
from web.officer.access import me, refuse
from web.officer.blueprints import bp
from web.officer.helpers import pick


def month_label(start: date) -> str:
    if current_language() == "bn":
        return f"{MONTHS_BN[start.month - 1]} {localized_digits(start.year)}"
    return start.strftime("%b %Y")


def _charts(d: Dashboard) -> dict[str, Markup]:
    months = [month_label(m.month.start) for m in d.months]
    found = {
        "trend": charts.bars(
            _("Received and settled, month by month"),
            months,
            [
                (_("Received"), [m.received for m in d.months]),
                (_("Settled in time"), [m.settled_in_time for m in d.months]),
                (_("Settled late"), [m.settled_late for m in d.months]),
            ],
        ),
        "states": charts.horizontal(
            _("Open cases by state"),
            [labels.state_label(s) for s, _n in d.by_state],
            _("Cases"),
            [n for _s, n in d.by_state],
        ),
    }
    if d.most_overdue:
        found["offices"] = charts.horizontal(
            _("Offices with most overdue cases"),
            [pick(o.name_bn, o.name_en) for o, _n in d.most_overdue],
            _("Overdue"),
            [n for _o, n in d.most_overdue],
        )
    return found


@bp.get("/charts.css")
def chart_styles() -> Response:
    response = Response(charts.chart_css(), mimetype="text/css")
    response.cache_control.max_age = 3600
    return response


@bp.get("/dashboard")
def dashboard() -> str:
    try:
        d = officer_dashboard(runtime(), db_session(), me())
    except NotFound:
        refuse(404, "no_report_reach")
    return render_template(
        "officer/dashboard.html", d=d, charts=_charts(d), month_label=month_label
    )
