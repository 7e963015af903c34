"""Bangla rendering of numbers and dates, for every page and message a citizen reads in Bangla."""

from __future__ import annotations

from datetime import date

_TO_BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
_TO_ASCII = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")

WEEKDAYS_BN = ("সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার", "শনিবার", "রবিবার")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_BN = (
    "জানুয়ারি",
    "ফেব্রুয়ারি",
    "মার্চ",
    "এপ্রিল",
    "মে",
    "জুন",
    "জুলাই",
    "আগস্ট",
    "সেপ্টেম্বর",
    "অক্টোবর",
    "নভেম্বর",
    "ডিসেম্বর",
)


def bn_digits(value: object) -> str:
    """The text of `value` with ASCII digits written as Bangla digits."""
    return str(value).translate(_TO_BN)


def ascii_digits(text: str) -> str:
    """Bangla digits turned into ASCII ones, so input typed in either script parses the same."""
    return text.translate(_TO_ASCII)


def weekday_name(day: date, lang: str) -> str:
    return (WEEKDAYS_BN if lang == "bn" else WEEKDAYS_EN)[day.weekday()]


def format_date(day: date, lang: str) -> str:
    """`2026-03-18` in English; `১৮ মার্চ ২০২৬` in Bangla."""
    if lang == "bn":
        return f"{bn_digits(day.day)} {MONTHS_BN[day.month - 1]} {bn_digits(day.year)}"
    return day.isoformat()
