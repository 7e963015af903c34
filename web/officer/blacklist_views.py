"""An office's blacklist of habitual false complainants: its GRO lists and proposes, its appeal
officer approves, rejects and lifts. Any other officer is told the page does not exist.

The contacts are shown to these officers, who need them; nothing here logs them."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.errors import GrsError, NotFound
from grs.services import blacklist
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me, refuse
from web.officer.blueprints import bp

Page = Response | tuple[str, int]
# Refusals about the entry's present status: someone (perhaps the officer, in another tab) got
# there first, or the step does not fit the entry any more.
CONFLICTS = ("blacklist_duplicate", "blacklist_decided", "not_blacklisted")


@bp.get("/blacklist")
def blacklist_home() -> str:
    offices = blacklist.blacklist_offices(runtime(), db_session(), me())
    return render_template("officer/blacklist_offices.html", offices=offices)


@bp.get("/blacklist/<code>")
def blacklist_office(code: str, status: int = 200, **extra: Any) -> tuple[str, int]:
    try:
        page = blacklist.blacklist_page(runtime(), db_session(), me(), code)
    except NotFound:
        refuse(404, "blacklist_not_visible", target=f"blacklist:{code[:64]}")
    return render_template("officer/blacklist.html", p=page, sent=request.form, **extra), status


@bp.post("/blacklist/<code>/propose")
def blacklist_propose(code: str) -> Page:
    tracking = forms.text("case", 20)
    try:
        blacklist.propose(runtime(), me(), code, forms.text("contact", 200),
                          forms.text("reason", 2_000), tracking)  # fmt: skip
    except GrsError as exc:
        return _refused(code, exc, "propose")
    flash(_("Proposed. The appeal officer decides whether to blacklist this contact."), "info")
    if tracking:
        return redirect(url_for("officer.case", tracking=tracking))
    return redirect(url_for("officer.blacklist_office", code=code))


@bp.post("/blacklist/<code>/entries/<int:blacklist_id>/decide")
def blacklist_decide(code: str, blacklist_id: int) -> Page:
    decision = request.form.get("decision", "")
    try:
        blacklist.decide(runtime(), me(), code, blacklist_id, decision,
                         forms.text("note", 2_000))  # fmt: skip
    except GrsError as exc:
        return _refused(code, exc, f"decide-{blacklist_id}")
    if decision == "approve":
        flash(_("Approved: new complaints from this contact are marked for the GRO."), "info")
    else:
        flash(_("Rejected: the contact is not blacklisted."), "info")
    return redirect(url_for("officer.blacklist_office", code=code))


@bp.post("/blacklist/<code>/entries/<int:blacklist_id>/lift")
def blacklist_lift(code: str, blacklist_id: int) -> Page:
    try:
        blacklist.lift(runtime(), me(), code, blacklist_id, forms.text("reason", 2_000))
    except GrsError as exc:
        return _refused(code, exc, f"lift-{blacklist_id}")
    flash(_("Lifted: new complaints from this contact are no longer marked."), "info")
    return redirect(url_for("officer.blacklist_office", code=code))


def _refused(code: str, error: GrsError, form: str) -> tuple[str, int]:
    """The page again with what was wrong beside the form that was sent (a 404 for an office or
    an entry outside the officer's reach, as for one that does not exist)."""
    if isinstance(error, NotFound):
        refuse(404, "blacklist_not_visible", target=f"blacklist:{code[:64]}")
    status = 409 if error.code in CONFLICTS else 400
    return blacklist_office(code, status, error=forms.message(error), failed_form=form)
