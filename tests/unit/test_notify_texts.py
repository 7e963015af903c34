"""SMS segment counting, the message catalogue's fit within two SMS, and masked contacts."""

from __future__ import annotations

from datetime import date

import pytest

from grs.notify.channels import gateway_number
from grs.notify.messages import CITIZEN_SEGMENTS, SharedRenders, catalogue
from grs.notify.segments import sms_segments
from grs.privacy import mask_contact

CITIZEN_KEYS = {
    key for entry in (*catalogue().events.values(), *catalogue().groups.values())
    for audience, key in entry.items() if audience == "citizen"
} | {"rate_reminder"}  # fmt: skip
LONG = {
    "tracking": "261234567890",
    "office": "জেলা প্রশাসকের কার্যালয়, রাজস্ব শাখা, ভূমি অধিগ্রহণ ও রেকর্ড রুম, কক্সবাজার সদর",
    "office_en": "Office of the Deputy Commissioner, Revenue Branch, Land Acquisition, Cox's Bazar",
    "to": "বিভাগীয় কমিশনারের কার্যালয়, চট্টগ্রাম বিভাগ, সাধারণ শাখা",
    "due": date(2026, 12, 31),
    "link": "https://grs.gov.bd/track",
    "question": "আপনার আবেদনের নম্বর, তারিখ এবং যে কর্মকর্তার কাছে জমা দিয়েছিলেন তাঁর নাম জানান",
    "answer_by": date(2026, 12, 10),
    "appeal_until": date(2027, 1, 1),
}


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("a" * 160, 1), ("a" * 161, 2), ("a" * 306, 2), ("a" * 307, 3),
        ("{" * 80, 1), ("{" * 81, 2),  # GSM-7 extension characters count twice
        ("ক" * 70, 1), ("ক" * 71, 2), ("ক" * 134, 2), ("ক" * 135, 3),
        ("a" * 69 + "ক", 1), ("a" * 70 + "ক", 2),  # one Bangla letter makes it all UCS-2
    ],
)  # fmt: skip
def test_segments_follow_gsm7_and_ucs2_limits(text, segments):
    assert sms_segments(text) == segments


@pytest.mark.parametrize("language", ["bn", "en"])
@pytest.mark.parametrize("key", sorted(CITIZEN_KEYS))
def test_every_citizen_sms_fits_two_segments_even_with_long_names(key, language):
    rendered = catalogue().render(key, language, LONG, CITIZEN_SEGMENTS)
    assert rendered.segments <= 2 and rendered.segments == sms_segments(rendered.text)
    assert LONG["link"] in rendered.text
    tracking = "২৬১২৩৪৫৬৭৮৯০" if language == "bn" else LONG["tracking"]
    assert tracking in rendered.text


@pytest.mark.parametrize("language", ["bn", "en"])
def test_shared_renders_read_as_each_rendered_alone(language):
    # Numbers of other lengths and alphabets, a long name that must be shortened to fit and a
    # short one that need not: every text, its shortening and its count match a render alone.
    shared = SharedRenders(catalogue())
    short = {**LONG, "office": "কক্সবাজার", "office_en": "Cox's Bazar", "to": "চট্টগ্রাম"}
    numbers = ["261234567890", "261234567891", "26123", "২৬১২৩৪৫৬৭৮৯০", "26{}" * 8]
    for values in (LONG, short, LONG):
        for key in CITIZEN_KEYS:
            for number in numbers:
                each = {**values, "tracking": number}
                alone = catalogue().render(key, language, each, CITIZEN_SEGMENTS)
                assert shared.render(key, language, each, CITIZEN_SEGMENTS) == alone
                assert shared.render(key, language, each) == catalogue().render(key, language, each)


def test_a_bangla_message_keeps_its_link_as_it_must_be_typed():
    values = {**LONG, "link": "http://127.0.0.1:5000/track"}
    rendered = catalogue().render("lodged", "bn", values, CITIZEN_SEGMENTS)
    assert "http://127.0.0.1:5000/track" in rendered.text
    assert "২৬১২৩৪৫৬৭৮৯০" in rendered.text  # the tracking number still in Bangla digits


def test_english_messages_use_english_names_and_ascii_digits():
    rendered = catalogue().render("lodged", "en", LONG)
    assert "Deputy Commissioner" in rendered.text and "31/12/2026" in rendered.text
    assert catalogue().render("lodged", "bn", LONG).text.count("৩১/১২/২০২৬") == 1


def test_contacts_are_masked():
    assert mask_contact("01711234567") == "*********67"
    assert mask_contact("rahim.uddin@example.com") == "***@example.com"
    assert mask_contact("") == "" and "1234" not in mask_contact("1234")


def test_numbers_go_to_gateways_as_8801():
    assert gateway_number("01711234567") == "8801711234567"
    assert gateway_number("+8801711234567") == "8801711234567"


def test_a_text_that_cannot_fit_is_refused_not_shortened_forever():
    from grs.notify.messages import _fitted

    # Fixed words alone longer than one SMS: once the values are down to two characters
    # nothing more can be cut, and the renderer must say so instead of cutting for ever.
    template = "x" * 200 + "{office}{to}"
    with pytest.raises(ValueError, match="cannot be made to fit"):
        _fitted(template, {"office": "ab", "to": "abcdef"}, 1)


def test_shortening_stops_as_soon_as_the_text_fits():
    from grs.notify.messages import _fitted

    # Bangla is sent as UCS-2: 70 characters to one SMS.
    shown = _fitted("ক" * 50 + "{office}", {"office": "খ" * 40}, 1)
    assert sms_segments("ক" * 50 + shown["office"]) == 1
    assert shown["office"].endswith("…") and len(shown["office"]) > 2
