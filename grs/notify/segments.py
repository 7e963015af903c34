"""How many SMS a text costs: GSM-7 for plain ASCII, UCS-2 (Bangla) otherwise.

A single GSM-7 SMS holds 160 characters, 153 per part when split; UCS-2 holds 70, 67 per part
(the rest of each part carries the header that joins them). Characters of GSM-7's extension
table (such as `{` or `€`) count twice; UCS-2 counts UTF-16 code units.
"""

from __future__ import annotations

import math

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    return all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text)


def sms_units(text: str) -> tuple[int, int, int]:
    """(units used, units in a single SMS, units per part of a long one)."""
    if is_gsm7(text):
        return sum(2 if ch in _GSM_EXTENDED else 1 for ch in text), 160, 153
    return len(text.encode("utf-16-le")) // 2, 70, 67


def sms_segments(text: str) -> int:
    used, single, per_part = sms_units(text)
    if used <= single:
        return 1
    return math.ceil(used / per_part)
