"""Reading submitted forms, and saying what was wrong with them in the officer's language.

Digits typed in Bangla are read like ASCII ones. A value that cannot be read raises InvalidInput
with the same codes the services use, so one table of messages covers both.
"""

from __future__ import annotations

from datetime import date

from flask import request
from flask_babel import lazy_gettext as _l

from grs.bangla import ascii_digits
from grs.errors import GrsError, InvalidInput
from web.i18n import localized_digits

MESSAGES = {
    "required": _l("This is required."),
    "too_long": _l("This is too long."),
    "invalid_choice": _l("Choose one of the options."),
    "in_future": _l("This date is in the future."),
    "invalid_mobile": _l("Enter a Bangladeshi mobile number, e.g. 01711234567."),
    "invalid_email": _l("Enter a valid e-mail address."),
    "service_not_found": _l("No such service at this office."),
    "office_not_found": _l("No such office."),
    "officer_not_found": _l("No such officer."),
    "post_not_found": _l("No such post."),
    "bad_date": _l("Enter a date as YYYY-MM-DD."),
    "bad_number": _l("Enter a number."),
    "note_required": _l("This action needs a written note."),
    "closure_reason_required": _l("Choose a closure reason."),
    "bad_days": _l("The opinion deadline is 1 to 60 working days."),
    "bad_report_days": _l("The report's deadline is 1 to 60 working days."),
    "own_post": _l("Ask another post than the one that holds the case."),
    "too_many_investigators": _l("An investigation names at most three investigating officers."),
    "duplicate_investigator": _l("Each investigating officer is named once."),
    "not_asked": _l("You were not asked about this case."),
    "request_withdrawn": _l(
        "The request was taken back, so your answer was not recorded. The case is no longer "
        "with you."
    ),
    "request_answered": _l("This request has been answered already."),
    "request_lapsed": _l(
        "The case has moved on and no longer waits for your answer; it was not recorded."
    ),
    "file_empty": _l("A file is empty."),
    "file_too_large": _l("A file is larger than allowed."),
    "file_type": _l("Attach PDF, JPEG or PNG files only."),
    "image_too_large": _l("An image has too many pixels."),
    "too_many_files": _l("Too many files."),
    "same_office": _l("The case is already at that office."),
    "wrong_state": _l("This action is not possible in the case's present state."),
    "wrong_tier": _l("This action is not possible at this tier."),
    "wrong_role": _l("This action is not for officers."),
    "not_your_case": _l("You do not act for the post that holds this case today."),
    "unknown_action": _l("Unknown action."),
    "office_not_ready": _l("That office's grievance posts are not set up."),
    "conflict": _l("Someone else acted on this case first. Here is its present state."),
    "taken": _l("This username is taken."),
    "weak_password": _l("A password needs at least 10 characters."),
    "wrong_password": _l("The current password is wrong."),
    "passwords_differ": _l("The two new passwords differ."),
    "throttled": _l("Too many wrong passwords. Wait a minute and try again."),
    "bad_range": _l("The end date is before the start date."),
    "out_of_range": _l("The value is outside the allowed range."),
    "year_out_of_range": _l("The calendar covers the years %(first)s to %(last)s only."),
    "already_holiday": _l("That date is already a holiday: nothing was changed."),
    "not_a_holiday": _l("That date is not a holiday: nothing was changed."),
    "bad_alternate": _l("The alternate must be another post of the same office."),
    "case_not_found": _l("No case with that tracking number."),
    "absence_not_found": _l("No such absence: it may have been deleted already."),
    "hierarchy_loop": _l("An office cannot be placed below itself or an office under it."),
    "own_account": _l("You cannot disable your own account."),
    "duplicate": _l("That name is taken."),
    "client_not_found": _l("No such API client."),
    "token_not_found": _l("No such token."),
    "reason_required": _l("Give the reason: it is kept with the entry."),
    "invalid_contact": _l(
        "Enter a Bangladeshi mobile number (e.g. 01711234567) or an e-mail address."
    ),
    "blacklist_duplicate": _l(
        "This contact is already proposed or blacklisted at this office: nothing was changed."
    ),
    "blacklist_decided": _l("This proposal is decided already: nothing was changed."),
    "not_blacklisted": _l("This contact is not blacklisted now: nothing was changed."),
    "own_proposal": _l("Another officer decides on your own proposal."),
}


RANGE_CODES = ("year_out_of_range",)


def message(error: GrsError) -> str:
    text = str(MESSAGES.get(error.code, MESSAGES["invalid_choice"]))
    if error.code in RANGE_CODES:  # the only messages that quote their limits
        limits = {key: localized_digits(error.params.get(key, "")) for key in ("first", "last")}
        return text % limits
    return text


def field_errors(error: GrsError) -> dict[str, str]:
    """Every problem of an InvalidInput by field; one entry otherwise."""
    problems = error.params.get("problems")
    if isinstance(problems, list) and problems:
        found: dict[str, str] = {}
        for field, code in problems:
            found.setdefault(field, str(MESSAGES.get(code, MESSAGES["invalid_choice"])))
        return found
    return {str(error.params.get("field") or "_"): message(error)}


def text(name: str, limit: int = 10_000) -> str:
    value = request.form.get(name, "")
    if len(value) > limit:
        raise InvalidInput(f"{name} is too long", "too_long", field=name)
    return value.strip()


def texts(name: str, limit: int = 10_000) -> list[str]:
    """Every value sent under `name` (a repeated field), stripped, the empty ones left out."""
    values = request.form.getlist(name)[:20]
    if any(len(value) > limit for value in values):
        raise InvalidInput(f"{name} is too long", "too_long", field=name)
    return [value.strip() for value in values if value.strip()]


def number(name: str, required: bool = True) -> int | None:
    raw = ascii_digits(request.form.get(name, "")).strip()
    if not raw:
        if required:
            raise InvalidInput(f"{name} is required", "required", field=name)
        return None
    if not raw.isdigit() or len(raw) > 9:
        raise InvalidInput(f"{name} is not a number", "bad_number", field=name)
    return int(raw)


def day(name: str, required: bool = True) -> date | None:
    raw = ascii_digits(request.form.get(name, "")).strip()
    if not raw:
        if required:
            raise InvalidInput(f"{name} is required", "required", field=name)
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise InvalidInput(f"{name} is not a date", "bad_date", field=name) from exc


def checked(name: str) -> bool:
    return request.form.get(name) in ("1", "on", "true", "yes")


def arg_int(name: str) -> int | None:
    """A whole number from the query string; anything else counts as absent."""
    raw = ascii_digits(request.args.get(name, "")).strip()
    return int(raw) if raw.isdigit() and len(raw) <= 9 else None
