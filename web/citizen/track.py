"""Following a complaint: open it with its tracking number and mobile number (or receipt code),
read where it stands, and act on it as the workflow allows.

Every change is a POST answered with a redirect, so reloading a page never repeats an action.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from grs.errors import ActionRefused, Conflict, GrsError, InvalidInput, NotFound
from grs.services.action_effects import ActionInput
from grs.services.citizen_access import (
    citizen_action,
    citizen_case,
    find_case_for_citizen,
)
from grs.services.sms_choice import set_sms_wanted
from web import labels
from web.citizen import access
from web.citizen.blueprint import bp, private
from web.citizen.forms import TrackForm, clean, parse_track, parse_version, read_uploads
from web.citizen.i18n import gettext as _
from web.citizen.messages import error_message, field_errors, field_message
from web.context import db_session, runtime
from web.extensions import limiter


@bp.route("/track", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def track() -> ResponseReturnValue:
    if request.method == "GET":  # a tracking number may come in the address; nothing else does
        form = TrackForm(clean(request.args.get("number"))[:40], "", "")
        return _track_form(form, {}, None, 200)
    form = parse_track(request.form)
    try:
        case_id = find_case_for_citizen(db_session(), form.number, form.mobile, form.receipt)
    except NotFound as error:  # a missing case and a wrong pair read exactly alike
        return _track_form(form, {}, error_message(error), 404)
    except InvalidInput as error:
        return _track_form(form, field_errors(error), None, 422)
    access.grant(case_id)
    return redirect(url_for(".case"), 303)


@bp.get("/track/case")
def case() -> ResponseReturnValue:
    case_id = access.current_case_id()
    if case_id is None:
        return _lapsed()
    return _case_page(case_id, {}, 200)


@bp.post("/track/case/<action>")
@limiter.limit("30 per hour")
def case_action(action: str) -> ResponseReturnValue:
    spec = runtime().workflow.triggers.get(action)
    if spec is None or spec.by != "citizen":
        abort(404)
    case_id = access.current_case_id()
    if case_id is None:
        return _lapsed()
    note, rating = clean(request.form.get("note")), clean(request.form.get("rating"))
    page: dict[str, Any] = {"action": action, "note": note, "rating": rating}
    if "confirm" in spec.needs and request.form.get("confirm") != "1":
        page["fields"] = {"confirm": field_message("confirm", "required")}
        return _case_page(case_id, page, 422)
    args = ActionInput(note=note, rating=rating, expected_version=parse_version(request.form))
    uploads = []
    if spec.accepts("files"):
        uploads = read_uploads(
            request.files.getlist("attachments"),
            current_app.config["MAX_UPLOAD_BYTES"],
            current_app.config["MAX_UPLOAD_FILES"],
        )
    try:
        citizen_action(runtime(), case_id, action, args, uploads)
    except GrsError as error:
        page["fields"] = field_errors(error) if error.params.get("field") else {}
        page["general"] = None if page["fields"] else error_message(error)
        return _case_page(case_id, page, _status(error))
    flash(labels.confirmation(action), "success")
    return redirect(url_for(".case"), 303)


@bp.post("/track/sms")
@limiter.limit("30 per hour")
def sms_choice() -> ResponseReturnValue:
    """Stop, or start again, the SMS about the opened case; e-mail goes on either way."""
    case_id = access.current_case_id()
    if case_id is None:
        return _lapsed()
    choice = request.form.get("sms")
    if choice not in ("off", "on"):
        return _case_page(case_id, {"general": _("Please choose whether you want SMS.")}, 422)
    try:
        set_sms_wanted(runtime(), case_id, choice == "on")
    except GrsError as error:
        return _case_page(case_id, {"general": error_message(error)}, _status(error))
    if choice == "on":
        flash(_("You will get SMS about this complaint again."), "success")
    else:
        flash(_("You will get no more SMS about this complaint."), "success")
    return redirect(url_for(".case"), 303)


@bp.post("/track/leave")
def leave() -> ResponseReturnValue:
    access.revoke()
    flash(_("You have closed the complaint page on this device."), "success")
    return redirect(url_for(".home"), 303)


def _lapsed() -> ResponseReturnValue:
    flash(
        _(
            "For your safety the complaint page closes after 30 minutes. Please enter your "
            "tracking number again."
        ),
        "info",
    )
    return redirect(url_for(".track"), 303)


def _track_form(
    form: TrackForm, errors: dict[str, str], general: str | None, status: int
) -> ResponseReturnValue:
    page = render_template("citizen/track.html", form=form, errors=errors, general=general)
    return private(current_app.make_response((page, status)))


def _case_page(case_id: int, attempt: dict[str, Any], status: int) -> ResponseReturnValue:
    view = citizen_case(runtime(), db_session(), case_id)
    page = render_template("citizen/case.html", view=view, attempt=attempt)
    return private(current_app.make_response((page, status)))


def _status(error: GrsError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, ActionRefused | Conflict):
        return 409
    return 422
