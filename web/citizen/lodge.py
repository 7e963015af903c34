"""Lodging: choose the office, fill in the form, check the preview, submit, read the receipt.

Nothing is stored before the final submit; the preview carries every field forward in the page,
and attachments are chosen on the preview, so no half-finished complaint waits on the server.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as shared_gettext
from flask_wtf.csrf import validate_csrf
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response
from wtforms import ValidationError

from grs.errors import InvalidInput, NotFound
from grs.services.citizen_access import (
    OfficeServices,
    check_complaint,
    citizen_case,
    find_offices,
    lodge_complaint,
    office_services,
)
from web.citizen import access
from web.citizen.blueprint import bp, private
from web.citizen.forms import LodgeForm, blank_values, clean, parse_lodge, read_uploads
from web.citizen.i18n import gettext as _
from web.citizen.messages import error_message, field_errors, field_message
from web.citizen.oversize import read_back
from web.context import db_session, runtime
from web.errors import render_error
from web.extensions import limiter
from web.i18n import current_language, localized_digits

OFFICE_LIMIT = 100
READ_BACK_CEILING = 4  # times the request limit: past that, a body is not read to the end


def _lodged(response: Response) -> bool:
    return response.status_code == 303


@bp.get("/lodge")
def choose_office() -> ResponseReturnValue:
    chosen = clean(request.args.get("office"))
    if chosen:
        return redirect(url_for(".lodge_form", office_code=chosen), 303)
    query = clean(request.args.get("q"))[:100]
    offices, total = find_offices(db_session(), query, OFFICE_LIMIT)
    not_chosen = bool(request.args.get("picked"))  # Continue pressed with no office chosen
    page = render_template(
        "citizen/lodge_office.html",
        offices=offices,
        total=total,
        query=query,
        not_chosen=not_chosen,
    )
    return page, 422 if not_chosen else 200


@bp.route("/lodge/<office_code>", methods=["GET", "POST"])
@limiter.limit("120 per hour", methods=["POST"])
def lodge_form(office_code: str) -> ResponseReturnValue:
    if request.method == "GET":
        return _form(_office(office_code), _chosen_service(blank_values()), {})
    parsed = parse_lodge(office_code, request.form)
    if request.form.get("step") == "edit":  # back from the preview, or another language
        return _form(_office(office_code), parsed.values, {})
    try:
        checked = check_complaint(runtime(), db_session(), parsed.item)
    except NotFound:
        abort(404)
    errors = _errors(parsed.problems + checked.problems)
    if errors:
        return _form(checked.office, parsed.values, errors, 422)
    return _preview(checked.office, parsed, {})


@bp.route("/lodge/<office_code>/submit", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"], deduct_when=_lodged)
@limiter.limit("60 per hour", methods=["POST"])
def lodge_submit(office_code: str) -> ResponseReturnValue:
    if request.method == "GET":  # e.g. the language link on a refused submission
        return redirect(url_for(".lodge_form", office_code=office_code), 303)
    # Messages about the complaint come in the language it was lodged in.
    parsed = parse_lodge(office_code, request.form, current_language())
    if parsed.problems:
        return _form(_office(office_code), parsed.values, _errors(parsed.problems), 422)
    uploads = read_uploads(
        request.files.getlist("attachments"),
        current_app.config["MAX_UPLOAD_BYTES"],
        current_app.config["MAX_UPLOAD_FILES"],
    )
    try:
        lodged = lodge_complaint(
            runtime(), parsed.item, uploads, grant=True, replacing_grant=access.grant_token()
        )
    except NotFound as error:
        if error.code == "office_not_found":
            abort(404)
        return _form(_office(office_code), parsed.values, field_errors(error), 422)
    except InvalidInput as error:
        return _refused(office_code, parsed, error)
    assert lodged.grant is not None
    access.granted_with(lodged.case.id, lodged.grant)
    if lodged.receipt_code:
        access.keep_receipt_once(lodged.case.id, lodged.receipt_code)
    return redirect(url_for(".acknowledgement"), 303)


@bp.get("/lodged")
def acknowledgement() -> ResponseReturnValue:
    case_id = access.current_case_id()
    if case_id is None:
        return redirect(url_for(".track"), 303)
    view = citizen_case(runtime(), db_session(), case_id)
    receipt = access.take_receipt(case_id)
    return private(
        current_app.make_response(render_template("citizen/ack.html", view=view, receipt=receipt))
    )


def _chosen_service(values: dict[str, str]) -> dict[str, str]:
    """The service a link chose, as from an office's charter page (`?service=<id>`)."""
    chosen = clean(request.args.get("service"))
    if chosen.isascii() and chosen.isdigit() and len(chosen) < 12:
        values["service_id"] = chosen
    return values


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error: RequestEntityTooLarge) -> ResponseReturnValue:
    """Files too large to send: back to the preview with everything typed, the message at the
    file field. Only the preview sends files with a complaint; elsewhere the plain page."""
    length = request.content_length or 0
    limit = (current_app.config["MAX_CONTENT_LENGTH"] or 0) * READ_BACK_CEILING
    boundary = request.mimetype_params.get("boundary")
    if request.endpoint != "citizen.lodge_submit" or not boundary or length > limit:
        return render_error(413)
    fields = read_back(request.environ["wsgi.input"], boundary, length)
    if fields is None:
        return render_error(413)
    try:
        validate_csrf(fields.get("csrf_token"))
        found = office_services(db_session(), (request.view_args or {}).get("office_code", ""))
    except ValidationError:
        return render_error(
            400, shared_gettext("The form expired or was sent twice. Please open it again.")
        )
    except NotFound:
        return render_error(404)
    parsed = parse_lodge(found.office.code, fields)
    size = runtime().settings.max_upload_mb
    message = _(
        "The files are too large to send. Each file may be at most %(size)s MB: choose "
        "smaller files or fewer of them. Everything else you entered is kept.",
        size=localized_digits(size),
    )
    return _preview(found, parsed, {"attachments": message}, 413)


def _refused(office_code: str, parsed: LodgeForm, error: InvalidInput) -> ResponseReturnValue:
    found = _office(office_code)
    if error.params.get("field") == "attachments":
        return _preview(found, parsed, {"attachments": error_message(error)}, 422)
    if error.code == "office_not_ready":
        return _preview(found, parsed, {"office_code": error_message(error)}, 422)
    return _form(found, parsed.values, field_errors(error), 422)


def _office(code: str) -> OfficeServices:
    try:
        return office_services(db_session(), code)
    except NotFound:
        abort(404)


def _errors(problems: list[tuple[str, str]]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for field, code in problems:
        errors.setdefault(field, field_message(field, code))
    return errors


def _form(
    found: OfficeServices, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> ResponseReturnValue:
    return render_template("citizen/lodge_form.html", **_page(found, values, errors)), status


def _preview(
    found: OfficeServices, parsed: LodgeForm, errors: dict[str, str], status: int = 200
) -> ResponseReturnValue:
    service = next(
        (s for items in found.services.values() for s in items if s.id == parsed.item.service_id),
        None,
    )
    page = _page(found, parsed.values, errors)
    return (
        render_template("citizen/lodge_preview.html", service=service, item=parsed.item, **page),
        status,
    )


def _page(found: OfficeServices, values: dict[str, str], errors: dict[str, str]) -> dict[str, Any]:
    return {"found": found, "office": found.office, "values": values, "errors": errors}
