"""Administration of people: officer accounts, absences, and the audit trail."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from grs.errors import GrsError
from grs.services import accounts
from grs.services import organisation as org
from grs.services.audit import audit_page, audited
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.admin_reads import officer_rows
from web.officer.blueprints import admin_bp

Page = str | Response | tuple[str, int]


@admin_bp.get("/officers")
def officers(status: int = 200, **extra: Any) -> Page:
    rows = officer_rows(runtime(), db_session())
    return render_template("admin/officers.html", rows=rows, sent=request.form, **extra), status


@admin_bp.post("/officers")
def create_officer() -> Page:
    username = forms.text("username", 80)
    name, password = forms.text("name", 200), request.form.get("password", "")
    is_admin = forms.checked("is_admin")

    def change(s: Session) -> None:
        org.add_officer(s, username, name, password, is_admin=is_admin,
                        email=forms.text("email", 200), phone=forms.text("phone", 40))  # fmt: skip

    try:
        audited(runtime(), me(), "officer_created", f"officer:{username}", change, admin=is_admin)
    except GrsError as exc:
        return officers(400, errors=forms.field_errors(exc))
    flash(_("Officer %(username)s created.", username=username), "info")
    return redirect(url_for("admin.officers"))


@admin_bp.post("/officers/<username>/active")
def set_active(username: str) -> Page:
    active = request.form.get("active") == "1"
    if not active and username == me().username:
        return officers(400, error=_("You cannot disable your own account."))

    def change(s: Session) -> None:
        accounts.set_active(s, org.officer_by_username(s, username), active)

    action = "officer_enabled" if active else "officer_disabled"
    try:
        audited(runtime(), me(), action, f"officer:{username}", change)
    except GrsError as exc:
        return officers(404, error=forms.message(exc))
    done = _("Account enabled.") if active else _("Account disabled; its sessions have ended.")
    flash(done, "info")
    return redirect(url_for("admin.officers"))


@admin_bp.post("/officers/<username>/absences")
def add_absence(username: str) -> Page:
    try:
        starts, ends = forms.day("starts_on"), forms.day("ends_on")
        reason = forms.text("reason", 1_000)

        def change(s: Session) -> None:
            assert starts is not None and ends is not None
            org.add_absence(s, org.officer_by_username(s, username), starts, ends, reason)

        audited(runtime(), me(), "absence_added", f"officer:{username}", change,
                starts_on=str(starts), ends_on=str(ends))  # fmt: skip
    except GrsError as exc:
        return officers(400, error=forms.message(exc))
    flash(_("Absence saved; the alternate acts meanwhile."), "info")
    return redirect(url_for("admin.officers"))


@admin_bp.get("/audit")
def audit_log() -> str:
    kind = request.args.get("kind", "")[:40]
    page = audit_page(db_session(), forms.arg_int("page") or 1, kind)
    return render_template("admin/audit.html", page=page, kind=kind)
