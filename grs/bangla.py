"""Bangla rendering of numbers and dates, for every page and message a citizen reads in Bangla."""

from __future__ import annotations

import re
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


# An e-mail or web address keeps its digits: in Bangla digits it would no longer reach anyone.
_ADDRESS = re.compile(r"\S+@\S+|\S*://\S+|www\.\S+")


def bn_digits_in_text(text: str) -> str:
    """Free text (a name, a post's title, a contact) with Bangla digits, addresses kept."""
    if "@" not in text and "://" not in text and "www." not in text:
        return bn_digits(text)  # no address in it: most text, on every page
    parts, last = [], 0
    for found in _ADDRESS.finditer(text):
        parts += [bn_digits(text[last : found.start()]), found.group()]
        last = found.end()
    return "".join(parts) + bn_digits(text[last:])


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


# The genitive ("of") ending: -র after a vowel (কর্মকর্তার), -এর after a consonant (সেলের); a
# translation written before the name was known joins it with "-এর", which only digits, Latin
# letters and marks rightly keep (০১৭১২৩৪৫৬৭৮-এর).
_VOWEL_END = set("অআইঈউঊঋএঐওঔ") | {chr(c) for c in range(0x09BE, 0x09CD)} - {"\u09bc"}
_CONSONANT_END = {chr(c) for c in range(0x0995, 0x09BA)} | set("\u09bc\u09dc\u09dd\u09df")
_GENITIVE = re.compile(r"([\u0980-\u09FF])-এর")


def join_genitives(text: str) -> str:
    """Bangla words followed by "-এর" given their right genitive ending."""

    def joined(match: re.Match[str]) -> str:
        last = match.group(1)
        if last in _VOWEL_END:
            return last + "র"
        if last in _CONSONANT_END:
            return last + "ের"
        return match.group(0)

    return _GENITIVE.sub(joined, text)
