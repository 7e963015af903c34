"""Keeping citizens' contacts out of logs: what may be printed of a mobile number or an address."""

from __future__ import annotations

MASK = "•"


def mask_contact(value: str) -> str:
    """A mobile number keeps its last three digits, an e-mail address the first letter of its
    local part and its domain: enough for an operator to tell two messages apart, too little to
    reach the person."""
    value = value.strip()
    if not value:
        return ""
    if "@" in value:
        local, _, domain = value.rpartition("@")
        return f"{local[:1]}{MASK * 3}@{domain}"
    keep = 3 if len(value) > 6 else 0
    return MASK * (len(value) - keep) + value[len(value) - keep :]
