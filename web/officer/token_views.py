"""An officer's personal access tokens for the JSON API: create (shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.calendar.dhaka import dhaka_date
from grs.errors import GrsError, InvalidInput
from grs.services import api_keys
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.blueprints import bp

Page = str | Response | tuple[str, int]


@bp.get("/tokens")
def tokens(status: int = 200, **extra: Any) -> tuple[str, int]:
    rows = api_keys.list_tokens(db_session(), me())
    page = render_template(
        "officer/tokens.html", rows=rows, now=runtime().now(), dhaka_date=dhaka_date, **extra
    )
    return page, status


@bp.post("/tokens")
def create_token() -> tuple[str, int]:
    try:
        days = forms.number("days", required=False)
        scopes = [s for s in request.form.getlist("scopes") if s in api_keys.SCOPES]
        issued = api_keys.create_token(runtime(), me(), forms.text("name", 200), scopes, days)
    except GrsError as exc:
        return tokens(400, error=forms.message(exc))
    # The secret is shown on this page only, never stored or flashed into the session.
    return tokens(200, issued=issued)


@bp.post("/tokens/revoke")
def revoke_token() -> Page:
    try:
        token_id = forms.number("token_id")
        assert token_id is not None  # required: never None
        api_keys.revoke_token(runtime(), me(), token_id)
    except InvalidInput as exc:
        return tokens(400, error=forms.message(exc))
    except GrsError as exc:
        return tokens(404, error=forms.message(exc))
    flash(_("The token is revoked."), "info")
    return redirect(url_for("officer.tokens"))
