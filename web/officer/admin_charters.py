"""Charter management: upload a charter file, see what it would change, apply it on
confirmation; retire a service. Changes are made and audited by grs.services.charter_changes."""

from __future__ import annotations

import base64
import binascii

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from grs.errors import GrsError, InvalidInput, NotFound
from grs.services.charter_changes import (
    MAX_CHARTER_BYTES,
    apply_charter,
    preview_charter,
    retire_service,
)
from web.context import runtime
from web.officer import forms
from web.officer.access import me
from web.officer.admin_offices import Page, office
from web.officer.blueprints import admin_bp

SUFFIXES = (".txt", ".tsv", ".text")
TEXT_TYPES = ("text/plain", "text/tab-separated-values", "application/octet-stream", "")
MESSAGES = {
    "required": _l("Choose the charter file (a .txt file) and upload it again."),
    "bad_type": _l("A charter is uploaded as a text file (.txt), with its tables tab-separated."),
    "too_large": _l("The charter file is larger than 1 MB."),
}


def _message(error: GrsError) -> str:
    return str(MESSAGES.get(error.code) or forms.message(error))


@admin_bp.get("/charters")
def charter_upload(status: int = 200, error: str = "") -> Page:
    return render_template("admin/charter_upload.html", error=error), status


@admin_bp.post("/charters/preview")
def charter_preview() -> Page:
    try:
        data = _uploaded()
        preview = preview_charter(runtime(), data, me())
    except GrsError as exc:
        return charter_upload(400, _message(exc))
    carried = base64.b64encode(data).decode("ascii")
    return render_template("admin/charter_preview.html", preview=preview, carried=carried)


@admin_bp.post("/charters/apply")
def charter_apply() -> Page:
    try:
        report = apply_charter(runtime(), _carried(), me())
    except GrsError as exc:
        return charter_upload(400, _message(exc))
    if report.version is None:
        flash(_("Nothing changed: the charter is already as in this file."), "info")
    else:
        flash(_("Charter applied as version %(number)s.", number=report.version), "info")
    return redirect(url_for("charter.office_charter", code=report.office_code), 303)


@admin_bp.post("/offices/<code>/services/<int:service_id>/retire")
def charter_retire(code: str, service_id: int) -> Page:
    try:
        outcome = retire_service(runtime(), me(), code, service_id)
    except NotFound as exc:
        return office(code, 400, error=forms.message(exc))
    if outcome == "retired":
        flash(_("Cases refer to this service, so it is retired and they keep it."), "info")
    else:
        flash(_("Service removed from the charter."), "info")
    return redirect(url_for("admin.office", code=code))


def _uploaded() -> bytes:
    """The uploaded charter file, checked for name, type and size before it is read."""
    upload = request.files.get("charter")
    if upload is None or not upload.filename:
        raise InvalidInput("choose a charter file", "required", field="charter")
    name, kind = upload.filename.lower(), (upload.mimetype or "").lower()
    if not name.endswith(SUFFIXES) or kind not in TEXT_TYPES:
        raise InvalidInput("a charter is a text file (.txt)", "bad_type", field="charter")
    data = upload.stream.read(MAX_CHARTER_BYTES + 1)
    if len(data) > MAX_CHARTER_BYTES:
        raise InvalidInput("the charter file is larger than 1 MB", "too_large", field="charter")
    return data


def _carried() -> bytes:
    """The previewed file, carried in the confirmation form (nothing waits on the server)."""
    text = request.form.get("charter", "")
    if not text or len(text) > (MAX_CHARTER_BYTES * 4) // 3 + 4:
        raise InvalidInput("upload the charter again", "required", field="charter")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise InvalidInput("upload the charter again", "invalid_choice", field="charter") from error
