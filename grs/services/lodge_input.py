"""A complaint as submitted (web form, officer entry or JSON file), checked field by field."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from grs.bangla import ascii_digits
from grs.errors import InvalidInput
from grs.workflow.definition import Workflow

COMPLAINT_TYPES = ("citizen", "office", "staff")
LANGUAGES = ("bn", "en")
# "api": lodged by an Open311 client, which the case names; only that way in may use it.
CHANNELS = ("web", "paper", "phone", "in_person", "api")
# [0-9], not \d: \d also matches other scripts' digits, which would be stored as typed.
_MOBILE = re.compile(r"(?:\+?88)?(01[3-9][0-9]{8})")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LIMITS = {
    "subject": 300,
    "details": 10_000,
    "remedy_sought": 5_000,
    "name": 200,
    "address": 1_000,
    "on_behalf_of": 200,
    "email": 200,
}


@dataclass
class LodgeInput:
    office_code: str
    complaint_type: str
    subject: str
    details: str
    remedy_sought: str = ""
    service_id: int | None = None
    service_applied_on: date | None = None
    service_decided: bool = False
    against: str = "service"
    on_behalf_of: str = ""
    anonymous: bool = False
    name: str = ""
    mobile: str = ""
    email: str = ""
    address: str = ""
    channel: str = "web"
    language: str = "bn"  # the complainant's messages are in the language they lodged in
    no_sms: bool = False

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> LodgeInput:
        """From JSON-like data: unknown keys and wrongly typed values are input errors."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InvalidInput(f"unknown field {unknown[0]!r}", "unknown_field", field=unknown[0])
        values = dict(data)
        values["service_applied_on"] = _parse_date(values.get("service_applied_on"))
        if values.get("service_id") not in (None, ""):
            values["service_id"] = _parse_int(values["service_id"], "service_id")
        for name in ("office_code", "complaint_type", "subject", "details"):
            values.setdefault(name, "")
        return cls(**values)


def _parse_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(ascii_digits(str(value)).strip())
    except ValueError as exc:
        raise InvalidInput(
            "service_applied_on is not a date (YYYY-MM-DD)", "bad_date", field="service_applied_on"
        ) from exc


def _parse_int(value: Any, name: str) -> int:
    try:
        return int(ascii_digits(str(value)))
    except ValueError as exc:
        raise InvalidInput(f"{name} is not a number", "bad_number", field=name) from exc


def normalize_mobile(text: str) -> str | None:
    """A Bangladeshi mobile number as 01XXXXXXXXX, or None if it is not one."""
    compact = re.sub(r"[\s\-()]", "", ascii_digits(text or ""))
    match = _MOBILE.fullmatch(compact)
    return match.group(1) if match else None


def against_choices(workflow: Workflow) -> tuple[str, ...]:
    """What a complaint may be about: the service (the usual case), or the officer of a tier the
    workflow lets citizens complain about."""
    return ("service", *(spec.key for spec in workflow.against_tiers()))


def validate(item: LodgeInput, today: date, workflow: Workflow) -> list[tuple[str, str]]:
    """Every problem as (field, code); empty when the complaint can be lodged."""
    problems: list[tuple[str, str]] = []
    for name in ("office_code", "subject", "details"):
        if not str(getattr(item, name) or "").strip():
            problems.append((name, "required"))
    for name, limit in LIMITS.items():
        if len(str(getattr(item, name) or "")) > limit:
            problems.append((name, "too_long"))
    for name in ("office_code", *LIMITS):  # PostgreSQL cannot store NUL in a text column
        if "\x00" in str(getattr(item, name) or ""):
            problems.append((name, "invalid_characters"))
    choices = {
        "complaint_type": COMPLAINT_TYPES,
        "against": against_choices(workflow),
        "channel": CHANNELS,
        "language": LANGUAGES,
    }
    for name, allowed in choices.items():
        if getattr(item, name) not in allowed:
            problems.append((name, "invalid_choice"))
    if item.service_applied_on and item.service_applied_on > today:
        problems.append(("service_applied_on", "in_future"))
    problems += _contact_problems(item)
    return problems


def _contact_problems(item: LodgeInput) -> list[tuple[str, str]]:
    if item.anonymous:
        return []
    problems = []
    if not item.name.strip():
        problems.append(("name", "required"))
    if not item.mobile.strip():
        problems.append(("mobile", "required"))
    elif normalize_mobile(item.mobile) is None:
        problems.append(("mobile", "invalid_mobile"))
    if item.email.strip() and not _EMAIL.fullmatch(item.email.strip()):
        problems.append(("email", "invalid_email"))
    return problems
