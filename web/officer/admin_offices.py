"""Administration of offices: the hierarchy, posts and their holders and alternates, tier
durations and services. Every change is audited in the transaction that makes it."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.errors import GrsError, NotFound
from grs.services import administration
from grs.services import organisation as org
from grs.services.admin_pages import office_page, office_tree
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.blueprints import admin_bp

Page = str | Response | tuple[str, int]


@admin_bp.get("/")
def index() -> str:
    return render_template("admin/index.html")


@admin_bp.get("/offices")
def offices(status: int = 200, **extra: Any) -> Page:
    tree = office_tree(db_session())
    return render_template("admin/offices.html", tree=tree, sent=request.form, **extra), status


@admin_bp.post("/offices")
def save_office() -> Page:
    try:
        item = org.OfficeInput(
            code=forms.text("code", 64),
            name_bn=forms.text("name_bn", 300),
            name_en=forms.text("name_en", 300),
            parent_code=forms.text("parent_code", 64) or None,
            kind=request.form.get("kind", "office"),
            address=forms.text("address", 2_000),
            website=forms.text("website", 300),
        )
        administration.save_office(runtime(), me(), item)
    except GrsError as exc:
        return offices(400, errors=forms.field_errors(exc))
    flash(_("Office %(code)s saved.", code=item.code), "info")
    return redirect(url_for("admin.office", code=item.code))


@admin_bp.get("/offices/<code>")
def office(code: str, status: int = 200, **extra: Any) -> Page:
    try:
        page = office_page(runtime(), db_session(), code)
    except NotFound:
        return render_template("error.html", code=404, message=_("No such office.")), 404
    return render_template("admin/office.html", p=page, **extra), status


def _refused(code: str, error: GrsError) -> Page:
    return office(code, 400, error=forms.message(error))


def _done(code: str, message: str) -> Page:
    flash(message, "info")
    return redirect(url_for("admin.office", code=code))


@admin_bp.post("/offices/<code>/posts")
def add_post(code: str) -> Page:
    try:
        post_code, kind = forms.text("post_code", 80), request.form.get("kind", "")
        title_bn, title_en = forms.text("title_bn", 300), forms.text("title_en", 300)
        administration.save_post(runtime(), me(), code, post_code, kind, title_bn, title_en)
    except GrsError as exc:
        return _refused(code, exc)
    return _done(code, _("Post saved."))


@admin_bp.post("/offices/<code>/posts/<post_code>/holder")
def assign_holder(code: str, post_code: str) -> Page:
    try:
        username = forms.text("username", 80)
        administration.assign_holder(runtime(), me(), code, post_code, username)
    except GrsError as exc:
        return _refused(code, exc)
    return _done(code, _("Post holder saved."))


@admin_bp.post("/offices/<code>/posts/<post_code>/alternate")
def set_alternate(code: str, post_code: str) -> Page:
    try:
        alternate = forms.text("alternate", 80)
        administration.set_alternate(runtime(), me(), code, post_code, alternate)
    except GrsError as exc:
        return _refused(code, exc)
    return _done(code, _("Alternate post saved."))


@admin_bp.post("/offices/<code>/durations")
def set_duration(code: str) -> Page:
    try:
        tier, days = forms.number("tier") or 0, forms.number("days") or 0
        administration.set_tier_duration(runtime(), me(), code, tier, days)
    except GrsError as exc:
        return _refused(code, exc)
    return _done(code, _("Tier duration saved."))


@admin_bp.post("/offices/<code>/appeal-officer")
def set_appeal_officer(code: str) -> Page:
    try:
        post_office = forms.text("post_office", 64) or code
        post_code = forms.text("post_code", 80)
        administration.set_appeal_officer(runtime(), me(), code, post_office, post_code)
    except GrsError as exc:
        return _refused(code, exc)
    return _done(code, _("Appeal officer saved."))


@admin_bp.post("/offices/<code>/services")
def save_service(code: str) -> Page:
    try:
        administration.save_service(runtime(), me(), _service(code))
    except GrsError as exc:
        return _refused(code, exc)
    return _done(code, _("Service saved."))


def _service(code: str) -> administration.ServiceInput:
    return administration.ServiceInput(
        office_code=code,
        category=request.form.get("category", ""),
        number=forms.number("number") or 0,
        name=forms.text("name", 2_000),
        time_limit_days=forms.number("time_limit_days", required=False),
        post_code=forms.text("responsible_post", 80),
        **{name: _optional(name) for name in CHARTER_FIELDS},
    )


CHARTER_FIELDS = ("delivery_method", "documents", "fee", "time_limit_text")


def _optional(name: str) -> str | None:
    """A charter column from the form; a form without it leaves the stored value alone."""
    return forms.text(name, 5_000) if name in request.form else None
