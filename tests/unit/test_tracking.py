from __future__ import annotations

import hashlib
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from grs.tracking import (
    damm_digit,
    format_tracking_number,
    hash_receipt_code,
    new_receipt_code,
    new_tracking_number,
    normalize_tracking_number,
)


def test_new_numbers_are_valid_and_carry_the_year():
    number = new_tracking_number(date(2026, 11, 23))
    assert len(number) == 12 and number.startswith("26")
    assert normalize_tracking_number(number) == number


def test_typed_forms_are_accepted():
    number = new_tracking_number(date(2026, 1, 1))
    shown = format_tracking_number(number)
    assert shown.count("-") == 2
    assert normalize_tracking_number(shown) == number
    bangla = number.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    assert normalize_tracking_number(f" {bangla} ") == number


@given(st.integers(min_value=0, max_value=10**11 - 1), st.integers(0, 10), st.integers(1, 9))
def test_every_single_wrong_digit_is_caught(body: int, position: int, delta: int):
    digits = f"{body:011d}"
    number = digits + str(damm_digit(digits))
    wrong = list(number)
    wrong[position] = str((int(wrong[position]) + delta) % 10)
    assert normalize_tracking_number("".join(wrong)) is None


@given(st.integers(min_value=0, max_value=10**11 - 1), st.integers(0, 10))
def test_every_swap_of_neighbours_is_caught(body: int, position: int):
    digits = f"{body:011d}"
    number = list(digits + str(damm_digit(digits)))
    if number[position] == number[position + 1]:
        return
    number[position], number[position + 1] = number[position + 1], number[position]
    assert normalize_tracking_number("".join(number)) is None


def test_garbage_is_not_a_number():
    for text in ("", "abc", "1234", "26" + "1" * 20, "<script>"):
        assert normalize_tracking_number(text) is None


def test_receipt_codes_are_long_random_and_hashed():
    first, second = new_receipt_code(), new_receipt_code()
    assert first != second and len(first) >= 26  # 160 bits in URL-safe base64
    assert hash_receipt_code(first) == hash_receipt_code(f" {first} ")
    assert first not in hash_receipt_code(first)


def test_receipt_codes_avoid_look_alikes_and_are_grouped_for_reading_aloud():
    from grs.tracking import RECEIPT_ALPHABET

    code = new_receipt_code()
    groups = code.split("-")
    assert [len(group) for group in groups] == [4] * 6
    assert set("".join(groups)) <= set(RECEIPT_ALPHABET)
    assert not set("ILOU") & set(RECEIPT_ALPHABET)
    assert len({new_receipt_code() for _ in range(50)}) == 50


def test_a_receipt_code_is_accepted_in_any_case_with_or_without_separators():
    from grs.tracking import normalize_receipt_code

    code = new_receipt_code()
    canonical = code.replace("-", "")
    typed = [code.lower(), canonical, canonical.lower(), " ".join(code.split("-")), f" {code} "]
    assert {normalize_receipt_code(text) for text in typed} == {canonical}
    assert {hash_receipt_code(text) for text in [code, *typed]} == {hash_receipt_code(code)}


def test_look_alikes_typed_by_mistake_are_read_as_the_digits_they_resemble():
    from grs.tracking import normalize_receipt_code

    assert normalize_receipt_code("0011-" * 5 + "0011") == "0011" * 6
    assert normalize_receipt_code("oOiL-" * 5 + "oOil") == "0011" * 6


def test_what_cannot_be_a_receipt_code_is_not_one():
    from grs.tracking import normalize_receipt_code

    assert normalize_receipt_code("ABCD-" * 5 + "ABC") is None  # one short
    assert normalize_receipt_code("ABCD-" * 5 + "ABCU") is None  # U is not in the alphabet
    assert normalize_receipt_code("") is None


def test_codes_given_before_the_grouped_alphabet_still_open_their_case():
    from grs.tracking import receipt_code_hashes

    old = "Xy_3-lI0OqPzT8aKbR2wN5mC1dE"  # 27 characters, case-sensitive, as they were shown
    stored = hashlib.sha256(old.encode()).hexdigest()
    assert stored in receipt_code_hashes(old)
    assert stored not in receipt_code_hashes(old.lower())


def test_bangla_genitives_are_joined_as_the_grammar_says():
    from grs.bangla import join_genitives

    assert join_genitives("আপিল কর্মকর্তা-এর কাছে") == "আপিল কর্মকর্তার কাছে"
    assert join_genitives("মন্ত্রিপরিষদ বিভাগের সেল-এর কাছে") == "মন্ত্রিপরিষদ বিভাগের সেলের কাছে"
    assert join_genitives("জেলা আইসিটি কার্যালয়-এর") == "জেলা আইসিটি কার্যালয়ের"
    assert join_genitives("০১৭১২৩৪৫৬৭৮-এর মতো") == "০১৭১২৩৪৫৬৭৮-এর মতো"  # digits keep it
    assert join_genitives("Open311-এর মাধ্যমে") == "Open311-এর মাধ্যমে"
