"""Contacts and case numbers as they may appear in logs: enough to tell two apart, not to reach
anyone or find their complaint."""

from __future__ import annotations

import re
from typing import Any

# A run of six or more digits, in Latin or Bangla script, with the separators of a case number.
_LONG_NUMBER = re.compile(r"[0-9০-৯](?:[\s\-]?[0-9০-৯]){5,}")
CONTACT_KEYS = frozenset({"mobile", "email", "phone", "complainant_mobile", "complainant_email"})


def mask_contact(value: str) -> str:
    """An e-mail address keeps only its domain; a mobile number only its last two digits."""
    if "@" in value:
        return "***@" + value.rsplit("@", 1)[1]
    digits = sum(ch.isdigit() for ch in value)
    seen = 0
    out = []
    for ch in value:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > digits - 2 else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_numbers(text: str) -> str:
    """Every long number in a text (a case number, a mobile) masked as a contact is."""
    return _LONG_NUMBER.sub(lambda m: mask_contact(m[0]), text)


def mask_contacts_in(detail: Any) -> Any:
    """A copy of a log detail (dicts and lists) with every contact-named value masked."""
    if isinstance(detail, dict):
        return {
            key: mask_contact(value)
            if key in CONTACT_KEYS and isinstance(value, str)
            else mask_contacts_in(value)
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return [mask_contacts_in(item) for item in detail]
    return detail
