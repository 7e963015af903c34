"""A complaint received on paper, by phone or in person, entered by an officer of the office."""

from __future__ import annotations

from flask import abort, render_template, request

from grs.errors import InvalidInput, NotFound
from grs.services.lodge_input import COMPLAINT_TYPES, LodgeInput
from grs.services.paper_entry import OFFICER_CHANNELS, entry_choices, lodge_on_behalf
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.blueprints import bp

Page = str | tuple[str, int]


def _form(status: int = 200, **extra: object) -> tuple[str, int]:
    choices = entry_choices(runtime(), db_session(), me())
    if not choices:
        abort(403)  # an officer without a post of an office has no office to enter for
    return render_template(
        "officer/lodge.html",
        choices=choices,
        channels=OFFICER_CHANNELS,
        complaint_types=COMPLAINT_TYPES,
        sent=request.form,
        **extra,
    ), status


def _complaint() -> LodgeInput:
    service_id = forms.number("service_id", required=False)
    return LodgeInput(
        office_code=forms.text("office_code", 64),
        complaint_type=request.form.get("complaint_type", ""),
        subject=forms.text("subject", 1_000),
        details=forms.text("details", 20_000),
        remedy_sought=forms.text("remedy_sought", 10_000),
        service_id=service_id,
        service_applied_on=forms.day("service_applied_on", required=False),
        service_decided=forms.checked("service_decided"),
        against=request.form.get("against", "service"),
        on_behalf_of=forms.text("on_behalf_of", 1_000),
        anonymous=forms.checked("anonymous"),
        name=forms.text("name", 1_000),
        mobile=forms.text("mobile", 100),
        email=forms.text("email", 1_000),
        address=forms.text("address", 5_000),
        channel=request.form.get("channel", ""),
    )


@bp.get("/lodge")
def lodge_form() -> Page:
    return _form()


@bp.post("/lodge")
def lodge() -> Page:
    try:
        lodged = lodge_on_behalf(runtime(), me(), _complaint())
    except (InvalidInput, NotFound) as exc:
        return _form(400, errors=forms.field_errors(exc))
    # Shown once: the receipt code of an anonymous complaint is kept only as a hash.
    return render_template("officer/lodged.html", case=lodged.case, receipt=lodged.receipt_code)
