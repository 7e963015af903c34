"""Administration of Open311 clients (a helpline, an app): issue a key (shown once), revoke."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.calendar.dhaka import dhaka_date
from grs.errors import GrsError, InvalidInput
from grs.services import api_keys
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.blueprints import admin_bp

Page = str | Response | tuple[str, int]


@admin_bp.get("/api-clients")
def api_clients(status: int = 200, **extra: Any) -> tuple[str, int]:
    rows = api_keys.list_clients(db_session())
    default = runtime().settings.api_client_rate_per_minute
    page = render_template(
        "admin/api_clients.html", rows=rows, default=default, dhaka_date=dhaka_date, **extra
    )
    return page, status


@admin_bp.post("/api-clients")
def create_api_client() -> tuple[str, int]:
    try:
        rate = forms.number("per_minute", required=False)
        issued = api_keys.create_client(runtime(), me(), forms.text("name", 200), rate)
    except GrsError as exc:
        return api_clients(400, error=forms.message(exc))
    return api_clients(200, issued=issued)  # the key is shown here once, and never again


@admin_bp.post("/api-clients/revoke")
def revoke_api_client() -> Page:
    try:
        api_keys.revoke_client(runtime(), me(), forms.text("name", 200))
    except InvalidInput as exc:
        return api_clients(400, error=forms.message(exc))
    except GrsError as exc:
        return api_clients(404, error=forms.message(exc))
    flash(_("The client's key is revoked."), "info")
    return redirect(url_for("admin.api_clients"))
