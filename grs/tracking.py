"""Tracking numbers a citizen can read over the phone, with a check digit that catches typos.

Twelve digits: two for the year, nine random, one Damm check digit. Damm catches every single
wrong digit and every swap of two neighbouring digits, the two mistakes people make most.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date

from grs.bangla import ascii_digits

_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
LENGTH = 12


def damm_digit(digits: str) -> int:
    interim = 0
    for char in digits:
        interim = _DAMM[interim][int(char)]
    return interim


def new_tracking_number(lodged_on: date) -> str:
    body = f"{lodged_on.year % 100:02d}{secrets.randbelow(10**9):09d}"
    return body + str(damm_digit(body))


def normalize_tracking_number(text: str) -> str | None:
    """The canonical 12 digits of what a citizen typed (spaces, dashes, Bangla digits allowed),
    or None when it cannot be a tracking number, the check digit included."""
    digits = re.sub(r"[\s\-]", "", ascii_digits(text or ""))
    # isascii: str.isdigit() also accepts digits such as "²" that int() cannot read.
    if len(digits) != LENGTH or not (digits.isascii() and digits.isdigit()):
        return None
    if damm_digit(digits) != 0:
        return None
    return digits


def format_tracking_number(number: str) -> str:
    return f"{number[:4]}-{number[4:8]}-{number[8:]}"


# Crockford's base32: digits and capitals without I, L, O and U, so that nothing read aloud or
# copied by hand can be taken for another character; I and L are read as 1, O as 0.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_LENGTH = 24  # 120 random bits
RECEIPT_GROUP = 4
_LOOK_ALIKES = str.maketrans("ILO", "110")


def new_receipt_code() -> str:
    """The anonymous complainant's receipt code: 120 random bits in six groups of four, shown
    once, stored hashed."""
    body = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return format_receipt_code(body)


def format_receipt_code(code: str) -> str:
    groups = range(0, len(code), RECEIPT_GROUP)
    return "-".join(code[i : i + RECEIPT_GROUP] for i in groups)


def normalize_receipt_code(text: str) -> str | None:
    """The canonical characters of a receipt code as typed (any case, with or without spaces or
    dashes, look-alikes read as Crockford reads them), or None when it cannot be one."""
    code = re.sub(r"[\s\-]", "", ascii_digits(text or "")).upper().translate(_LOOK_ALIKES)
    if len(code) != RECEIPT_LENGTH or any(char not in RECEIPT_ALPHABET for char in code):
        return None
    return code


def receipt_code_hashes(text: str) -> list[str]:
    """The hashes a typed code may be stored under: its canonical form's, and the text as typed,
    which is how the earlier, case-sensitive codes were stored; those go on working as shown."""
    canonical = normalize_receipt_code(text)
    hashes = [hash_receipt_code(canonical)] if canonical else []
    return [*hashes, _sha256(text.strip())]


def hash_receipt_code(code: str) -> str:
    canonical = normalize_receipt_code(code)
    return _sha256(canonical if canonical else code.strip())


def _sha256(text: str) -> str:
    # The code has 120 bits of entropy, so a plain SHA-256 cannot be brute-forced back.
    return hashlib.sha256(text.encode()).hexdigest()
