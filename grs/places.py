"""Bangladesh's divisions and the districts in each, to place an office from its address line.

Charters give the place as "upazila, district" (or the district alone) on the line after the
office's name; the division is not printed, so it is looked up from the district.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

DIVISIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "ঢাকা": ("Dhaka", ("ঢাকা", "গাজীপুর", "নারায়ণগঞ্জ", "নরসিংদী", "মানিকগঞ্জ", "মুন্সীগঞ্জ",
                      "টাঙ্গাইল", "কিশোরগঞ্জ", "ফরিদপুর", "গোপালগঞ্জ", "মাদারীপুর", "রাজবাড়ী",
                      "শরীয়তপুর")),
    "চট্টগ্রাম": ("Chattogram", ("চট্টগ্রাম", "কক্সবাজার", "রাঙ্গামাটি", "বান্দরবান", "খাগড়াছড়ি",
                                "ফেনী", "নোয়াখালী", "লক্ষ্মীপুর", "কুমিল্লা", "চাঁদপুর",
                                "ব্রাহ্মণবাড়িয়া")),
    "রাজশাহী": ("Rajshahi", ("রাজশাহী", "নাটোর", "নওগাঁ", "চাঁপাইনবাবগঞ্জ", "পাবনা", "সিরাজগঞ্জ",
                            "বগুড়া", "জয়পুরহাট")),
    "খুলনা": ("Khulna", ("খুলনা", "বাগেরহাট", "সাতক্ষীরা", "যশোর", "ঝিনাইদহ", "মাগুরা", "নড়াইল",
                        "কুষ্টিয়া", "চুয়াডাঙ্গা", "মেহেরপুর")),
    "বরিশাল": ("Barishal", ("বরিশাল", "পটুয়াখালী", "ভোলা", "পিরোজপুর", "ঝালকাঠি", "বরগুনা")),
    "সিলেট": ("Sylhet", ("সিলেট", "মৌলভীবাজার", "হবিগঞ্জ", "সুনামগঞ্জ")),
    "রংপুর": ("Rangpur", ("রংপুর", "দিনাজপুর", "ঠাকুরগাঁও", "পঞ্চগড়", "নীলফামারী", "লালমনিরহাট",
                         "কুড়িগ্রাম", "গাইবান্ধা")),
    "ময়মনসিংহ": ("Mymensingh", ("ময়মনসিংহ", "জামালপুর", "শেরপুর", "নেত্রকোণা")),
}  # fmt: skip

# Spellings met in charters for names in the list above (one charter types ঝ as ব).
_VARIANTS = {"ঝালকাঠী": "ঝালকাঠি", "বালকাঠি": "ঝালকাঠি", "নেত্রকোনা": "নেত্রকোণা", "কুষ্টিয়া": "কুষ্টিয়া"}
_DIVISION_OF = {
    unicodedata.normalize("NFC", district): division
    for division, (_, districts) in DIVISIONS.items()
    for district in districts
}
_SUFFIX = re.compile(r"\s*(?:জেলা|district)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    division: str = ""
    district: str = ""
    upazila: str = ""


def division_english(division: str) -> str:
    return DIVISIONS.get(division, (division, ()))[0]


def place_of(address: str) -> Place:
    """The division, district and upazila an address line names; "" for a part it does not."""
    parts = [_SUFFIX.sub("", part.strip()) for part in re.split(r"[,،]", address) if part.strip()]
    parts = [unicodedata.normalize("NFC", _VARIANTS.get(part, part)) for part in parts]
    for index in range(len(parts) - 1, -1, -1):
        division = _DIVISION_OF.get(parts[index])
        if division is not None:
            upazila = parts[index - 1] if index > 0 else ""
            return Place(division, parts[index], upazila)
    return Place()
