"""Logging in and out, and changing one's password."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from grs.errors import ActionRefused, InvalidInput
from grs.services import accounts
from web.auth import OfficerUser, start_session
from web.context import runtime
from web.extensions import client_key, limiter
from web.officer import forms
from web.officer.access import me, safe_next
from web.officer.blueprints import bp

Page = str | Response | tuple[str, int]


def _login_messages() -> dict[str, tuple[str, int]]:
    return {
        "failed": (_("The username or password is wrong."), 401),
        "disabled": (_("This account is disabled. Ask your administrator."), 403),
        "throttled": (
            _(
                "Too many failed attempts for this account from here. "
                "Wait a few minutes, then try again with the right password."
            ),
            429,
        ),
    }


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])  # many accounts tried from one client
def login() -> Page:
    wanted = safe_next(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(wanted or url_for("officer.queue"))
    if request.method == "GET":
        return render_template("officer/login.html", next=wanted)
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    result = accounts.log_in(runtime(), username, password, address=client_key())
    if result.officer is None:
        text, status = _login_messages()[result.status]
        return render_template(
            "officer/login.html", error=text, next=wanted, username=username[:80]
        ), status
    session.clear()  # a fresh session on login: nothing set before it carries over
    login_user(OfficerUser(result.officer), remember=False)
    start_session()
    return redirect(wanted or url_for("officer.queue"))


@bp.post("/logout")
def logout() -> Response:
    accounts.log_out(runtime(), me().id)
    logout_user()
    session.clear()
    flash(_("You have logged out on every device."), "info")
    return redirect(url_for("officer.login"))


@bp.route("/password", methods=["GET", "POST"])
def password() -> Page:
    if request.method == "GET":
        return render_template("officer/password.html")
    new = request.form.get("new_password", "")
    try:
        if new != request.form.get("confirm_password", ""):
            raise InvalidInput("the new passwords differ", "passwords_differ", field="confirm")
        current = request.form.get("current", "")
        accounts.change_password(runtime(), me().id, current, new, address=client_key())
    except (InvalidInput, ActionRefused) as exc:
        status = 429 if exc.code == "throttled" else 400
        return render_template("officer/password.html", errors=forms.field_errors(exc)), status
    logout_user()
    session.clear()
    flash(_("Your password is changed and every session has ended. Log in again."), "info")
    return redirect(url_for("officer.login"))
