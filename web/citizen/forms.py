"""Reading what a citizen submitted: the complaint form, the tracking form and attached files.

Parsing only turns text into values; whether a complaint can be lodged is the service's call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from werkzeug.datastructures import FileStorage, MultiDict

from grs.bangla import ascii_digits
from grs.services.attachments import Upload
from grs.services.lodge_input import LodgeInput

TEXT_FIELDS = (
    "service_id",
    "service_applied_on",
    "service_decided",
    "complaint_type",
    "against",
    "on_behalf_of",
    "subject",
    "details",
    "remedy_sought",
    "name",
    "mobile",
    "email",
    "address",
)
FLAGS = ("anonymous", "on_behalf", "no_sms")
PERSONAL = ("name", "mobile", "email", "address")
FORM_FIELDS = TEXT_FIELDS + FLAGS
# Control characters cannot be shown, and PostgreSQL cannot store NUL: they are dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_ID = re.compile(r"[0-9]{1,9}")


def clean(value: str | None) -> str:
    return _CONTROL.sub("", value or "").strip()


@dataclass
class LodgeForm:
    values: dict[str, str]  # what was typed, cleaned, to fill the form and the preview again
    item: LodgeInput
    problems: list[tuple[str, str]] = field(default_factory=list)


def blank_values() -> dict[str, str]:
    values = dict.fromkeys(FORM_FIELDS, "")
    values.update(complaint_type="citizen", against="service", service_decided="no")
    return values


def parse_lodge(office_code: str, form: MultiDict[str, str], language: str = "bn") -> LodgeForm:
    values = {name: clean(form.get(name)) for name in TEXT_FIELDS}
    for flag in FLAGS:
        values[flag] = "1" if form.get(flag) == "1" else ""
    problems: list[tuple[str, str]] = []
    if not values["on_behalf"]:
        values["on_behalf_of"] = ""
    elif not values["on_behalf_of"]:
        problems.append(("on_behalf_of", "required"))
    if values["anonymous"]:  # nothing that names the complainant goes any further
        values.update(dict.fromkeys(PERSONAL, ""))
    item = LodgeInput(
        office_code=office_code,
        complaint_type=values["complaint_type"],
        subject=values["subject"],
        details=values["details"],
        remedy_sought=values["remedy_sought"],
        service_id=_service_id(values["service_id"], problems),
        service_applied_on=_date(values["service_applied_on"], problems),
        service_decided=_decided(values["service_decided"], problems),
        against=values["against"],
        on_behalf_of=values["on_behalf_of"],
        anonymous=bool(values["anonymous"]),
        name=values["name"],
        mobile=values["mobile"],
        email=values["email"],
        address=values["address"],
        channel="web",
        language=language,
        no_sms=bool(values["no_sms"]),
    )
    # Typed as the reader liked (Bangla digits, day/month/year); carried on in one plain form.
    if item.service_applied_on:
        values["service_applied_on"] = item.service_applied_on.isoformat()
    if item.service_id is not None:
        values["service_id"] = str(item.service_id)
    return LodgeForm(values, item, problems)


def _service_id(text: str, problems: list[tuple[str, str]]) -> int | None:
    if not text:
        return None
    digits = ascii_digits(text)
    if not _ID.fullmatch(digits):
        problems.append(("service_id", "invalid_choice"))
        return None
    return int(digits)


def _date(text: str, problems: list[tuple[str, str]]) -> date | None:
    """ISO dates (what a date box sends) and day/month/year (what people type)."""
    if not text:
        return None
    digits = ascii_digits(text)
    iso, dmy = _ISO.fullmatch(digits), _DMY.fullmatch(digits)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        pass
    problems.append(("service_applied_on", "bad_date"))
    return None


def _decided(text: str, problems: list[tuple[str, str]]) -> bool:
    if text not in ("", "yes", "no"):
        problems.append(("service_decided", "invalid_choice"))
    return text == "yes"


def read_uploads(files: list[FileStorage], max_bytes: int, max_files: int) -> list[Upload]:
    """The chosen files, each read to one byte past the limit, and one file past the number
    allowed (enough to refuse either). An empty file input sends a part with no name and no
    bytes: that is no file at all."""
    uploads = []
    for storage in files[: max_files + 1]:
        data = storage.stream.read(max_bytes + 1)
        if storage.filename or data:
            uploads.append(Upload(storage.filename or "", data))
    return uploads


@dataclass
class TrackForm:
    number: str
    mobile: str
    receipt: str


def parse_track(form: MultiDict[str, str]) -> TrackForm:
    return TrackForm(
        clean(form.get("number"))[:40],
        clean(form.get("mobile"))[:40],
        clean(form.get("receipt"))[:100],
    )


def parse_version(form: MultiDict[str, str]) -> int | None:
    text = ascii_digits(clean(form.get("version")))
    return int(text) if _ID.fullmatch(text) else None
