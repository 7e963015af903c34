"""Every refusal a citizen can meet, in their language: engine codes turned into plain words.

A problem with one field reads "Field: what to do", so the reader knows which box to fix.
"""

from __future__ import annotations

from grs.errors import GrsError
from grs.services.lodge_input import LIMITS
from web.citizen.i18n import gettext as _
from web.context import runtime
from web.i18n import localized_digits

NOTE_LIMIT = 5_000


def field_label(field: str) -> str:
    return {
        "office_code": _("Office"),
        "service_id": _("Service"),
        "complaint_type": _("Kind of complaint"),
        "against": _("Your complaint is about"),
        "channel": _("Channel"),
        "on_behalf_of": _("Your relation to that person"),
        "service_applied_on": _("Date you applied for the service"),
        "service_decided": _("Decision on your application"),
        "subject": _("Subject"),
        "details": _("Details"),
        "remedy_sought": _("Remedy you want"),
        "name": _("Name"),
        "mobile": _("Mobile"),
        "email": _("E-mail"),
        "address": _("Address"),
        "attachments": _("Attachments"),
        "number": _("Tracking number"),
        "receipt": _("Receipt code"),
        "note": _("Your answer"),
        "rating": _("Rating"),
        "confirm": _("Confirmation"),
    }.get(field, field)


def _specific(field: str, code: str) -> str | None:
    return {
        ("mobile", "required"): _("enter your mobile number, or choose to complain anonymously"),
        ("mobile", "invalid_mobile"): _("enter a Bangladeshi mobile number such as 01712345678"),
        ("email", "invalid_email"): _(
            "enter an e-mail address such as name@example.com, or leave it empty"
        ),
        ("service_id", "service_not_found"): _("choose a service from this office's list"),
        ("number", "required"): _("enter the 12-digit tracking number"),
        ("mobile", "mobile_or_receipt"): _(
            "enter the mobile number you gave, or your receipt code if you complained anonymously"
        ),
        ("note", "required"): _("write your answer"),
        ("note", "note_required"): _("write your answer"),
        ("confirm", "required"): _("tick the box to confirm"),
    }.get((field, code))


def _problem(code: str, field: str = "", name: str = "") -> str:
    limit, settings = LIMITS.get(field, NOTE_LIMIT), runtime().settings
    texts = {
        "required": _("please fill this in"),
        "too_long": _("this is too long; at most %(limit)s characters", limit=_n(limit)),
        "invalid_choice": _("choose one of the options"),
        "invalid_characters": _("remove the unusual invisible characters"),
        "in_future": _("this date is in the future"),
        "bad_date": _("enter a date such as 2026-11-20"),
        "bad_number": _("choose one of the options"),
        "invalid_mobile": _("enter a Bangladeshi mobile number such as 01712345678"),
        "invalid_email": _("enter an e-mail address such as name@example.com"),
        "unknown_field": _("this form field is not known"),
        "office_not_found": _("choose an office from the list"),
        "service_not_found": _("choose a service from this office's list"),
        "office_not_ready": _(
            "this office cannot receive complaints yet because it has no grievance redress "
            "officer; please choose the office above it or try again later"
        ),
        "bad_tracking_number": _(
            "this is not a GRS tracking number; check the 12 digits on your receipt"
        ),
        "bad_rating": _("choose a rating from 0 to 5 in steps of 0.5"),
        "note_required": _("please write something here"),
        "file_empty": _("the file “%(name)s” is empty", name=name),
        "file_too_large": _(
            "the file “%(name)s” is larger than %(size)s MB",
            name=name,
            size=_n(settings.max_upload_mb),
        ),
        "file_type": _(
            "the file “%(name)s” is not a PDF, JPEG or PNG file we can accept (we check what "
            "is inside the file, not its name)",
            name=name,
        ),
        "image_too_large": _(
            "the image “%(name)s” has more than 40 megapixels; send a smaller photo or scan",
            name=name,
        ),
        "too_many_files": _("attach at most %(count)s files", count=_n(settings.max_files)),
    }
    return texts.get(code, _("please check this"))


def _general(code: str) -> str | None:
    return {
        "case_not_found": _(
            "No complaint matches this tracking number together with this mobile number or "
            "receipt code. Please check both and try again."
        ),
        "appeal_closed": _("The time to appeal this decision has passed."),
        "appeal_too_early": _(
            "You can appeal once the deadline has passed or after a decision has been made."
        ),
        "appeal_used": _("This complaint has already been appealed to the cell."),
        "wrong_state": _(
            "This cannot be done at the complaint's present stage. Please look at its status again."
        ),
        "wrong_tier": _("This cannot be done at the complaint's present level."),
        "wrong_role": _("You are not allowed to do this."),
        "unknown_action": _("This action is not available here."),
        "no_mobile": _("This complaint has no mobile number, so no SMS is sent about it."),
        "already_rated": _("You have already rated this complaint."),
        "conflict": _(
            "The complaint changed while you were looking at it. Please read it again before "
            "you act."
        ),
        "office_not_found": _("No such office. Please choose an office from the list."),
        "office_not_ready": _(
            "This office cannot receive complaints yet because it has no grievance redress "
            "officer. Please choose the office above it or try again later."
        ),
    }.get(code)


def field_message(field: str, code: str, name: str = "") -> str:
    """`Field: what to do`, e.g. "Mobile: enter a Bangladeshi mobile number ..."."""
    problem = _specific(field, code) or _problem(code, field, name)
    return _("%(field)s: %(problem)s", field=field_label(field), problem=problem)


def error_message(error: GrsError) -> str:
    field = str(error.params.get("field") or "")
    general = _general(error.code)
    if general and (not field or error.code in {"office_not_found", "office_not_ready"}):
        return general
    name = str(error.params.get("name") or "")
    if field:
        return field_message(field, error.code, name)
    return _problem(error.code, name=name)


def field_errors(error: GrsError) -> dict[str, str]:
    """One message per field: the first problem of each, as the form shows them."""
    problems = error.params.get("problems")
    pairs = problems if isinstance(problems, list) else []
    if not pairs and error.params.get("field"):
        return {str(error.params["field"]): error_message(error)}
    errors: dict[str, str] = {}
    for field, code in pairs:
        errors.setdefault(field, field_message(field, code))
    return errors


def _n(value: int) -> str:
    return localized_digits(f"{value:,}")
