"""Administration of offices: the hierarchy, posts and their holders and alternates, tier
durations and services. Every change is audited in the transaction that makes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from grs.errors import GrsError, InvalidInput, NotFound
from grs.services import accounts
from grs.services import organisation as org
from grs.services.audit import audited
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.admin_reads import office_page, office_tree
from web.officer.blueprints import admin_bp

Page = str | Response | tuple[str, int]
POST_KINDS = ("service_officer",)  # GRO, alternate GRO and cell posts come with the office


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
        audited(runtime(), me(), "office_saved", f"office:{item.code}",
                lambda s: org.upsert_office(s, item), parent=item.parent_code)  # fmt: skip
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


def _office_change(code: str, action: str, change: Callable[[Session], Any], done: str) -> Page:
    """Run one audited change of office `code`, then show the office again."""
    try:
        audited(runtime(), me(), action, f"office:{code}", change, form=_loggable())
    except GrsError as exc:
        return office(code, 400, error=forms.message(exc))
    flash(done, "info")
    return redirect(url_for("admin.office", code=code))


def _loggable() -> dict[str, str]:
    return {k: v[:100] for k, v in request.form.items() if k != "csrf_token"}


@admin_bp.post("/offices/<code>/posts")
def add_post(code: str) -> Page:
    post_code, kind = forms.text("post_code", 80), request.form.get("kind", "")
    title_bn, title_en = forms.text("title_bn", 300), forms.text("title_en", 300)

    def change(s: Session) -> None:
        if not post_code or not title_bn or kind not in POST_KINDS:
            raise InvalidInput("code, kind and Bangla title", "required")
        org.ensure_post(s, org.office_by_code(s, code), post_code, kind, title_bn, title_en)

    return _office_change(code, "post_saved", change, _("Post saved."))


@admin_bp.post("/offices/<code>/posts/<post_code>/holder")
def assign_holder(code: str, post_code: str) -> Page:
    username = forms.text("username", 80)

    def change(s: Session) -> None:
        holder = org.officer_by_username(s, username) if username else None
        org.assign_post(s, holder, org.post_by_code(s, code, post_code))

    return _office_change(code, "holder_assigned", change, _("Post holder saved."))


@admin_bp.post("/offices/<code>/posts/<post_code>/alternate")
def set_alternate(code: str, post_code: str) -> Page:
    alternate_code = forms.text("alternate", 80)

    def change(s: Session) -> None:
        alternate = org.post_by_code(s, code, alternate_code) if alternate_code else None
        accounts.set_alternate(s, org.post_by_code(s, code, post_code), alternate)

    return _office_change(code, "alternate_set", change, _("Alternate post saved."))


@admin_bp.post("/offices/<code>/durations")
def set_duration(code: str) -> Page:
    try:
        tier, days = forms.number("tier"), forms.number("days")
    except GrsError as exc:
        return office(code, 400, error=forms.message(exc))

    def change(s: Session) -> None:
        org.set_tier_duration(
            s, runtime().workflow, org.office_by_code(s, code), tier or 0, days or 0
        )

    return _office_change(code, "tier_duration_set", change, _("Tier duration saved."))


@admin_bp.post("/offices/<code>/services")
def save_service(code: str) -> Page:
    try:
        number = forms.number("number") or 0
        days = forms.number("time_limit_days", required=False)
    except GrsError as exc:
        return office(code, 400, error=forms.message(exc))
    category, name = request.form.get("category", ""), forms.text("name", 2_000)
    post_code = forms.text("responsible_post", 80)

    def change(s: Session) -> None:
        if not name or number < 1:
            raise InvalidInput("a service needs a number and a name", "required")
        responsible = org.post_by_code(s, code, post_code) if post_code else None
        org.add_service(s, org.office_by_code(s, code), category, number, name, days, responsible)

    return _office_change(code, "service_saved", change, _("Service saved."))
