"""Administration of people: officer accounts, absences, and the audit trail."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.errors import GrsError, InvalidInput
from grs.services import administration
from grs.services.accounts import UNDER_ATTACK, accounts_under_attack
from grs.services.admin_pages import officer_rows
from grs.services.audit import audit_page
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.blueprints import admin_bp

Page = str | Response | tuple[str, int]


@admin_bp.get("/officers")
def officers(status: int = 200, **extra: Any) -> Page:
    rt, session = runtime(), db_session()
    rows = officer_rows(rt, session)
    attacked = accounts_under_attack(session, rt.now())
    return render_template(
        "admin/officers.html",
        rows=rows,
        attacked=attacked,
        under_attack=UNDER_ATTACK,
        sent=request.form,
        **extra,
    ), status


@admin_bp.post("/officers")
def create_officer() -> Page:
    try:
        item = administration.NewOfficer(
            username=forms.text("username", 80),
            name=forms.text("name", 200),
            password=request.form.get("password", ""),
            is_admin=forms.checked("is_admin"),
            email=forms.text("email", 200),
            phone=forms.text("phone", 40),
        )
        administration.create_officer(runtime(), me(), item)
    except GrsError as exc:
        return officers(400, errors=forms.field_errors(exc))
    flash(_("Officer %(username)s created.", username=item.username), "info")
    return redirect(url_for("admin.officers"))


@admin_bp.post("/officers/<username>/active")
def set_active(username: str) -> Page:
    active = request.form.get("active") == "1"
    if not active and request.form.get("confirmed") != "1":
        return render_template(
            "admin/confirm.html",
            title=_("Disable the account %(username)s?", username=username[:100]),
            question=_("The officer is signed out at once and cannot sign in until enabled."),
            action=url_for("admin.set_active", username=username),
            fields={"active": "0"},
            confirm_label=_("Disable"),
            cancel=url_for("admin.officers"),
        )
    try:
        administration.set_active(runtime(), me(), username, active)
    except InvalidInput as exc:
        return officers(400, error=forms.message(exc))
    except GrsError as exc:
        return officers(404, error=forms.message(exc))
    done = _("Account enabled.") if active else _("Account disabled; its sessions have ended.")
    flash(done, "info")
    return redirect(url_for("admin.officers"))


@admin_bp.post("/officers/<username>/absences")
def add_absence(username: str) -> Page:
    try:
        starts, ends = forms.day("starts_on"), forms.day("ends_on")
        assert starts is not None and ends is not None  # required=True: never None
        reason = forms.text("reason", 1_000)
        administration.add_absence(runtime(), me(), username, starts, ends, reason)
    except GrsError as exc:
        return officers(400, error=forms.message(exc))
    flash(_("Absence saved; the alternate acts meanwhile."), "info")
    return redirect(url_for("admin.officers"))


@admin_bp.post("/officers/<username>/absences/<int:absence_id>/end")
def end_absence(username: str, absence_id: int) -> Page:
    delete = request.form.get("how") == "delete"
    try:
        done = administration.end_absence(runtime(), me(), username, absence_id, delete)
    except GrsError as exc:
        return officers(404, error=forms.message(exc))
    if done == "absence_deleted":
        flash(_("Absence deleted; the officer acts for their posts again."), "info")
    else:
        flash(_("Absence ended yesterday; the officer acts for their posts again today."), "info")
    return redirect(url_for("admin.officers"))


@admin_bp.get("/audit")
def audit_log() -> str:
    kind = request.args.get("kind", "")[:40]
    page = audit_page(db_session(), forms.arg_int("page") or 1, kind)
    return render_template("admin/audit.html", page=page, kind=kind)
