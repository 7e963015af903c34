"""Reading citizen charters: three real charters shipped with the package, meeting minutes that
are not a charter, damaged files, and arbitrary text.

The expected counts and values were read off the sample files by hand (line numbers included).
"""

from __future__ import annotations

import functools
import json
import random
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grs.charters.parse import (
    CharterService,
    LadderRole,
    ParsedCharter,
    Problem,
    ServiceCategory,
    parse_charter,
    parse_time_limit,
    read_charter_file,
)

CITIZEN = ServiceCategory.CITIZEN
INSTITUTIONAL = ServiceCategory.INSTITUTIONAL
INTERNAL = ServiceCategory.INTERNAL
RAJAPUR = "rajapur_upazila_ict.txt"
MANIKGANJ = "manikganj_sadar_upazila_ict.txt"
PATGRAM = "patgram_upazila_ict.txt"
MINUTES = "rangpur_monitoring_minutes.txt"
CHARTERS = (RAJAPUR, MANIKGANJ, PATGRAM)


def sample_text(name: str) -> str:
    resource = files("grs.charters.samples").joinpath(name)
    if not resource.is_file():
        pytest.skip(f"charter sample {name} is not installed with the grs package")
    return resource.read_text(encoding="utf-8")


@functools.cache
def parse_sample(name: str) -> ParsedCharter:
    return parse_charter(sample_text(name))


class Samples:
    """The samples, parsed on first use: a missing one skips only the tests that read it."""

    def __getitem__(self, name: str) -> ParsedCharter:
        return parse_sample(name)


@pytest.fixture
def parsed() -> Samples:
    return Samples()


def service(charter: ParsedCharter, category: ServiceCategory, number: int) -> CharterService:
    (found,) = [s for s in charter.services if s.category is category and s.number == number]
    return found


def problems_at(charter: ParsedCharter, line: int) -> list[str]:
    return [problem.message for problem in charter.problems if problem.line == line]


# --- the real charters -------------------------------------------------------------------------

# Rajapur stops after its institutional table. Manikganj repeats the institutional header at a
# page break (rows 9-11). Patgram prints "২.১) নাগরিক সেবা" after its citizen table, repeats
# headers twice per category, and breaks institutional row 4 (line 43) over a blank line and a
# repeated header: its rest, at line 47, has an empty number cell and belongs to row 4.
COUNTS = {
    RAJAPUR: {CITIZEN: 3, INSTITUTIONAL: 4},
    MANIKGANJ: {CITIZEN: 3, INSTITUTIONAL: 11, INTERNAL: 3},
    PATGRAM: {CITIZEN: 6, INSTITUTIONAL: 11, INTERNAL: 6},
}


@pytest.mark.parametrize("name", CHARTERS)
def test_services_per_category(parsed: Samples, name: str) -> None:
    counts = Counter(service.category for service in parsed[name].services)
    assert dict(counts) == COUNTS[name]


def test_services_keep_their_own_numbers(parsed: Samples) -> None:
    manikganj = parsed[MANIKGANJ].services
    assert [s.number for s in manikganj if s.category is INSTITUTIONAL] == list(range(1, 12))
    patgram = parsed[PATGRAM].services
    assert [s.number for s in patgram if s.category is INSTITUTIONAL] == list(range(1, 12))
    assert [s.line for s in patgram if s.category is CITIZEN] == [26, 27, 28, 30, 31, 32]


@pytest.mark.parametrize(
    ("name", "category", "number", "line", "title", "time_text", "days"),
    [
        (RAJAPUR, CITIZEN, 1, 29, "আইসিটি অধিদপ্তর সংক্রান্ত তথ্য প্রদান", "তাৎক্ষণিক/ ৩ কার্যদিবস", 3),
        (
            RAJAPUR,
            INSTITUTIONAL,
            3,
            39,
            "ওয়ার্কশপ/সেমিনার আয়োজন/বিভিন্ন দিবস উদযাপনে সহায়তা প্রদান",
            "১০ কার্যদিবস",
            10,
        ),
        (
            RAJAPUR,
            INSTITUTIONAL,
            4,
            40,
            "Software Development সংক্রান্ত কাজে কারিগিরি সহযোগিতা প্রদান",
            "প্রয়োজন অনুযায়ী",
            None,
        ),
        (
            MANIKGANJ,
            CITIZEN,
            3,
            30,
            "প্রকল্পের তথ্য প্রদান",
            "তাৎক্ষণিক / ০৩ কার্যদিবস (প্রযোজ্য ক্ষেত্রে)",
            3,
        ),
        (
            MANIKGANJ,
            INSTITUTIONAL,
            5,
            40,
            "সরকারী দপ্তরসমূহের নাগরিক সেবা সহজীকরণ বা অটোমেশন ও সফটওয়্যার ডেভেলপমেন্ট "
            "সংক্রান্ত কারিগরি সহায়তা ও পরামর্শ প্রদান",
            "৪৫ কার্যদিবস / প্রয়োজন অনুযায়ী",
            45,
        ),
        (
            MANIKGANJ,
            INSTITUTIONAL,
            9,
            47,
            "ইনোভেশন বা উদ্ভাবন বিষয়ক কারিগরি সহায়তা ও পরামর্শ প্রদান",
            "৯০ কার্যদিবস / প্রয়োজন অনুযায়ী",
            90,
        ),
        (
            MANIKGANJ,
            INTERNAL,
            2,
            56,
            "দাপ্তরিক ডি-নথি বাস্তবায়ন ও ওয়েব পোর্টাল হালনাগাদ",
            "তাৎক্ষণিক / ০৩ কার্যদিবস (প্রয়োজ্য ক্ষেত্রে)",
            3,
        ),
        (
            PATGRAM,
            CITIZEN,
            6,
            32,
            "মানব সম্পদ উন্নয়নে বেকার যুবক-যুবতীদের কর্মসংস্থানের লক্ষ্যে আউটসোর্সিং/ ICT বিষয়ক প্রশিক্ষণ আয়োজন",
            "নির্দেশনা অনুযায়ী",
            None,
        ),
        (
            PATGRAM,
            INSTITUTIONAL,
            4,
            43,
            "সরকারী/ আধাসরকারী বিভিন্ন দপ্তরের আয়োজিত বিভিন্ন ধরনের প্রশিক্ষণ কর্মশালায় আইসিটি "
            "সংশ্লিষ্ট প্রশিক্ষণ ও পরামর্শ প্রদান",
            "তাৎক্ষণিক/২ কার্যদিবস (প্রযোজ্য ক্ষেত্রে)",
            2,
        ),
        (
            PATGRAM,
            INSTITUTIONAL,
            11,
            57,
            "আইসিটি শিল্পের উন্নয়ন কার্যক্রমকে গতিশীল রাখতে জেলা পর্যায়ে আইসিটি কমিটির মাসিক সভা আয়োজন",
            "তাৎক্ষনিক/ ৫ কার্যদিবস (প্রযোজ্য ক্ষেত্রে)",
            5,
        ),
        (
            PATGRAM,
            INTERNAL,
            6,
            71,
            "দাপ্তরিক সকল রেজিস্টার হালনাগাদকরণ",
            "তাৎক্ষনিক/ ৫ কার্যদিবস (প্রযোজ্য ক্ষেত্রে)",
            5,
        ),
    ],
)
def test_specific_services(
    parsed: Samples,
    name: str,
    category: ServiceCategory,
    number: int,
    line: int,
    title: str,
    time_text: str,
    days: int | None,
) -> None:
    found = service(parsed[name], category, number)
    assert (found.line, found.name) == (line, title)
    assert (found.time_limit_text, found.time_limit_days) == (time_text, days)


def test_other_columns_of_a_service(parsed: Samples) -> None:
    found = service(parsed[RAJAPUR], INSTITUTIONAL, 2)
    assert found.delivery_method == (
        "১। সংশ্লিষ্ট প্রতিষ্ঠানের চাহিদা অনুযায়ী পত্র মারফত অথবা ই-মেইলে প্রেরণ করা হয়।"
    )
    assert found.documents == "১। প্রতিবেদন প্রদানের বিষয়ের উপর নির্ভরশীল।"
    assert found.fee == "বিনামূল্যে"


def test_responsible_officer_run_together_in_one_cell(parsed: Samples) -> None:
    officer = service(parsed[RAJAPUR], INSTITUTIONAL, 2).responsible
    assert officer.name == "মোঃ জাহাজীর আলম"
    assert officer.designation == "সহকারী প্রোগ্রামার"
    assert officer.phone == "01719453904"
    assert officer.email == "jahangir672@yahoo.com"
    assert service(parsed[RAJAPUR], CITIZEN, 1).superior is None  # no superior column


def test_responsible_officer_with_bangla_phone(parsed: Samples) -> None:
    officer = service(parsed[MANIKGANJ], CITIZEN, 1).responsible
    assert (officer.name, officer.designation) == (None, "উপজেলা আইসিটি অফিসার")
    assert officer.phone == "01676435477"  # printed "মোবাইলঃ ০১৬৭৬-৪৩৫৪৭৭"
    assert officer.raw == "উপজেলা আইসিটি অফিসার মানিকগঞ্জ সদর, মানিকগঞ্জ মোবাইলঃ ০১৬৭৬-৪৩৫৪৭৭"


def test_empty_officer_cell_is_the_merged_cell_above(parsed: Samples) -> None:
    # Manikganj prints the officer once per table; the other rows' cells are empty.
    first = service(parsed[MANIKGANJ], INSTITUTIONAL, 1).responsible
    assert service(parsed[MANIKGANJ], INSTITUTIONAL, 8).responsible == first
    assert service(parsed[MANIKGANJ], INTERNAL, 3).responsible.phone == "01676435477"
    assert problems_at(parsed[MANIKGANJ], 37) == []


def test_officers_from_html_anchors(parsed: Samples) -> None:
    found = service(parsed[PATGRAM], CITIZEN, 1)
    assert found.responsible.name == "মোঃ কামরুল হাসান"
    assert found.responsible.designation == "সহকারী প্রোগ্রামার"
    assert found.responsible.phone == "01303388680"  # "ফোন:01303388680", no space
    assert found.responsible.email == "appatgramlalmonirhat@gmail.com"
    assert "<a" not in found.responsible.raw
    assert found.superior is not None
    assert found.superior.name == "অনিমেষ চন্দ্র বসুনিয়া"  # after "জনাব,"
    assert found.superior.designation == "প্রোগ্রামার"
    assert found.superior.phone == "02589986883"  # a landline, in Bangla digits
    assert found.superior.email == "doict.lalmonirhat@gmail.com"


@pytest.mark.parametrize(
    ("name", "office", "address", "website"),
    [
        (
            RAJAPUR,
            "উপজেলা কার্যালয়, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর",
            "রাজাপুর, বালকাঠি",
            "doict.rajapur.jhalakhati.gov.bd",
        ),
        (
            MANIKGANJ,
            "উপজেলা আইসিটি কার্যালয়",
            "মানিকগঞ্জ সদর, মানিকগঞ্জ",
            "www.doict.sadar.manikganj.gov.bd",
        ),
        (
            PATGRAM,
            "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, উপজেলা কার্যালয়",
            "পাটগ্রাম, লালমনিরহাট",
            "doict.patgram.lalmonirhat.gov.bd",
        ),
    ],
)
def test_office(parsed: Samples, name: str, office: str, address: str, website: str) -> None:
    charter = parsed[name]
    assert (charter.office_name, charter.address, charter.website) == (office, address, website)


def test_manikganj_grievance_ladder(parsed: Samples) -> None:
    gro, appeal, cell = parsed[MANIKGANJ].ladder
    assert [(s.role, s.time_limit_days, s.line) for s in (gro, appeal, cell)] == [
        (LadderRole.GRO, 30, 76),
        (LadderRole.APPEAL_OFFICER, 20, 77),
        (LadderRole.CELL, 60, 78),
    ]
    assert gro.when == "দায়িত্বপ্রাপ্ত কর্মকর্তা সমাধান দিতে ব্যর্থ হলে"
    assert (gro.contact.designation, gro.contact.phone) == ("উপজেলা আইসিটি অফিসার", "01676435477")
    assert appeal.contact.designation == "জেলা আইসিটি অফিসার"
    assert appeal.contact.email == "doictmanikganj@gmail.com"
    assert appeal.contact.phone == "01716606513"
    assert cell.contact.phone is None  # "৫নং গেইট" is a gate number, not a phone
    assert cell.contact.raw.startswith("অভিযোগ গ্রহণ কেন্দ্র ৫নং গেইট, বাংলাদেশ সচিবালয়, ঢাকা")
    assert (cell.contact.name, cell.contact.designation) == (None, None)


def test_manikganj_expectations(parsed: Samples) -> None:
    expectations = parsed[MANIKGANJ].expectations
    assert len(expectations) == 6
    assert expectations[0] == "স্বয়ংসম্পূর্ণ আবেদন জমা প্রদান"
    assert expectations[4] == "অন্যাবশ্যক ফোন / তদবির না করা"
    assert expectations[5] == "প্রয়োজ্য ক্ষেত্রে মোবাইল মেসেজ / ই-মেইলের নির্দেশনা অনুসরণ করা"


def test_complete_charter_has_no_problems(parsed: Samples) -> None:
    assert parsed[MANIKGANJ].problems == ()


def test_patgram_row_broken_over_a_repeated_header_is_one_service(parsed: Samples) -> None:
    patgram = parsed[PATGRAM]
    assert not [s for s in patgram.services if s.line == 47]
    joined = service(patgram, INSTITUTIONAL, 4)
    assert joined.delivery_method == "সংশ্লিষ্ট দপ্তরের অধিযাচন এর মাধ্যমে/টেলিফোন/ই- মেইল/ই-নথি/সরাসরি"
    assert joined.fee == "বিনামূল্যে"
    assert joined.responsible.phone == "01303388680"
    assert joined.superior is not None and joined.superior.designation == "প্রোগ্রামার"
    assert joined.superior.name == "অনিমেঘ চন্দ্র বসুনিয়া"
    assert not [p for p in patgram.problems if p.line > 0]
    assert patgram.ladder == () and patgram.expectations == ()
    assert any("GRS" in message for message in problems_at(patgram, 0))


def test_rajapur_reports_what_the_page_lacks(parsed: Samples) -> None:
    messages = problems_at(parsed[RAJAPUR], 0)
    assert len(messages) == len(parsed[RAJAPUR].problems) == 3
    assert any("internal" in message for message in messages)
    assert any("GRS" in message for message in messages)


def test_minutes_are_not_a_charter(parsed: Samples) -> None:
    minutes = parsed[MINUTES]
    assert (minutes.services, minutes.ladder, minutes.expectations) == ((), (), ())
    assert minutes.problems == (
        Problem(0, "no service tables found: this does not look like a citizen charter"),
    )


def test_to_json(parsed: Samples) -> None:
    data = json.loads(json.dumps(parsed[MANIKGANJ].to_json(), ensure_ascii=False))
    assert data["office"]["website"] == "www.doict.sadar.manikganj.gov.bd"
    first = data["services"][0]
    assert (first["category"], first["number"], first["time_limit_days"]) == ("citizen", 1, 3)
    assert first["responsible"]["phone"] == "01676435477"
    assert first["superior"] is None
    assert [step["role"] for step in data["ladder"]] == ["gro", "appeal_officer", "cell"]
    assert "tier" not in data["ladder"][0]
    assert data["ladder"][1]["contact"]["email"] == "doictmanikganj@gmail.com"
    assert len(data["expectations"]) == 6
    assert data["problems"] == []
    minutes = parsed[MINUTES].to_json()
    assert minutes["problems"] == [{"line": 0, "message": parsed[MINUTES].problems[0].message}]


def test_read_charter_file(tmp_path: Path) -> None:
    path = tmp_path / "charter.txt"
    path.write_text(sample_text(MANIKGANJ), encoding="utf-8")
    assert read_charter_file(path) == parse_charter(sample_text(MANIKGANJ))
    assert read_charter_file(str(path)).ladder[2].time_limit_days == 60


# --- time limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("তাৎক্ষণিক/ ৩ কার্যদিবস", 3),
        ("তাৎক্ষণিক / ০৩ কার্যদিবস (প্রযোজ্য ক্ষেত্রে)", 3),
        ("তাৎক্ষনিক/৫ কার্যদিবস (প্রযোজ্য ক্ষেত্রে)", 5),
        ("তাৎক্ষণিক/২", 2),
        ("৯০ কার্যদিবস / প্রয়োজন অনুযায়ী", 90),
        ("৩-৭ কার্যদিবস", 7),
        ("৩ - ৭ কার্যদিবস", 7),
        ("১৫ থেকে ২০ কার্যদিবস", 20),
        ("3-7 working days", 7),
        ("30 কার্যদিবস", 30),
        ("৩০ (ত্রিশ) কার্যদিবস", 30),
        ("৩০কার্যদিবস", 30),
        ("৩ কর্মদিবস", 3),
        ("<b>১০</b> কার্যদিবস", 10),
        ("২য় পর্যায়ে ১০ কার্যদিবস", 10),
        ("১০ কার্যদিবস (২০২৩ সালের পরিপত্র)", 10),
        ("তাৎক্ষণিক", 0),
        ("প্রয়োজন অনুযায়ী", None),
        ("নির্দেশনা অনুযায়ী", None),
        ("  নির্দেশনা   অনুযায়ী ", None),
    ],
)
def test_parse_time_limit(text: str, days: int | None) -> None:
    assert parse_time_limit(text) == days


@pytest.mark.parametrize(
    "text",
    ["", "   ", "কার্যদিবস (প্রযোজ্য ক্ষেত্রে)", "৭ দিন", "১ মাস", "২৪ ঘণ্টা", "শীঘ্রই", "২০২৩"],
)
def test_unreadable_time_limit_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time_limit(text)


# --- damaged and unusual input -----------------------------------------------------------------

HEADER = "\t".join(
    [
        "ক্রম",
        "সেবার নাম",
        "সেবা প্রদান পদ্ধতি",
        "প্রয়োজনীয় কাগজপত্র",
        "সেবার মূল্য",
        "সেবা প্রদানের সময়সীমা",
        "দায়িত্বপ্রাপ্ত কর্মকর্তা (নাম, পদবি, ফোন নম্বর ও ইমেইল)",
    ]
)
OFFICER = "জনাব মোঃ রহিম উদ্দিন সহকারী কমিশনার (ভূমি) ফোন: ০১৭১১-২২২৩৩৩"


def charter(*lines: str) -> str:
    return "\n".join(["উপজেলা ভূমি অফিস", "পাটগ্রাম, লালমনিরহাট", "", *lines])


def test_rows_broken_over_lines_and_html_in_cells() -> None:
    text = charter(
        "২. প্রতিশ্রুত সেবাসমূহ",
        "২.১) নাগরিক সেবা",
        HEADER,
        "(১)\t(২)\t(৩)\t(৪)\t(৫)\t(৬)\t(৭)",
        "১\tনামজারি\tঅনলাইনে<br>আবেদন",  # the row goes on over the next two lines
        "\tখতিয়ানের কপি\t১১৭০ টাকা\t২৮ কার্যদিবস\tজনাব মোঃ রহিম উদ্দিন",
        'সহকারী কমিশনার (ভূমি) ফোন: ০১৭১১-২২২৩৩৩ <a href="mailto:ac@land.gov.bd">ইমেইল</a>',
        "২\tপর্চা\tঅনলাইন\t-\t১০০ টাকা\t৩-৭ কার্যদিবস\t",
    )
    parsed = parse_charter(text)
    first, second = parsed.services
    assert (first.number, first.name, first.line) == (1, "নামজারি", 8)
    assert first.delivery_method == "অনলাইনে আবেদন"
    assert (first.documents, first.fee, first.time_limit_days) == ("খতিয়ানের কপি", "১১৭০ টাকা", 28)
    assert first.responsible.name == "মোঃ রহিম উদ্দিন"
    assert first.responsible.designation == "সহকারী কমিশনার"
    assert (first.responsible.phone, first.responsible.email) == ("01711222333", "ac@land.gov.bd")
    assert (second.number, second.time_limit_days, second.line) == (2, 7, 11)
    assert second.responsible == first.responsible
    assert not [p for p in parsed.problems if p.line > 0]


def test_header_broken_over_two_lines_and_heading_inside_table() -> None:
    text = charter(
        "২. প্রতিশ্রুত সেবাসমূহ",
        "২.২) প্রাতিষ্ঠানিক সেবা\t\t\t\t\t\t",  # a heading in a table row of its own
        HEADER.replace(" (নাম, পদবি, ফোন নম্বর ও ইমেইল)", ""),  # the header goes on below
        "(নাম, পদবি, ফোন নম্বর ও ইমেইল)\tউর্ধ্বতন কর্মকর্তা (নাম, পদবি, ফোন নম্বর ও ইমেইল)",
        f"১\tপ্রতিবেদন প্রেরণ\tপত্র\t-\tবিনামূল্যে\t৩ কার্যদিবস\t{OFFICER}\tজেলা প্রশাসক ০১৭০০-১২৩৪৫৬",
    )
    parsed = parse_charter(text)
    (only,) = parsed.services
    assert (only.category, only.number, only.line, only.time_limit_days) == (INSTITUTIONAL, 1, 8, 3)
    assert only.responsible.phone == "01711222333"
    assert only.superior is not None
    assert (only.superior.designation, only.superior.phone) == ("জেলা প্রশাসক", "01700123456")
    assert not [p for p in parsed.problems if p.line > 0]


def test_truncated_rows_and_wrong_column_counts() -> None:
    text = charter(
        "২.১) নাগরিক সেবা",
        HEADER,
        f"১\tনামজারি\tঅনলাইন\tখতিয়ান\t১১৭০ টাকা\t২৮ কার্যদিবস\t{OFFICER}",
        "২\tপর্চা\tঅনলাইন",  # cut short
        f"৩\tমিস কেস\tআবেদন\tদলিল\t১০০ টাকা\t৩০ কার্যদিবস\t{OFFICER}\tবাড়তি ঘর",  # one too many
        "৪\t\tঅনলাইন\t-\t-\t৫ কার্যদিবস\t",  # no service name
        f"৫\tভূমি উন্নয়ন কর\tঅনলাইন\t-\tনির্ধারিত হারে\t৭ দিন\t{OFFICER}",
    )
    parsed = parse_charter(text)
    assert [(s.number, s.time_limit_days) for s in parsed.services] == [
        (1, 28),
        (2, None),
        (3, 30),
        (5, None),
    ]
    assert parsed.services[2].responsible.raw == f"{OFFICER} বাড়তি ঘর"
    assert any("only 3 of 7 columns" in message for message in problems_at(parsed, 7))
    assert any("8 columns" in message for message in problems_at(parsed, 8))
    assert any("no service name" in message for message in problems_at(parsed, 9))
    assert any("not given in working days" in message for message in problems_at(parsed, 10))
    assert problems_at(parsed, 6) == []


def test_rows_without_a_header_and_other_offices_tables() -> None:
    text = charter(
        "২. প্রতিশ্রুত সেবাসমূহ",
        f"১\tনামজারি\tঅনলাইন\tখতিয়ান\t১১৭০ টাকা\t২৮ কার্যদিবস\t{OFFICER}",
        "",
        "৩. আওতাধীন দপ্তর/সংস্থার সেবা",
        HEADER,
        f"১\tঅন্য দপ্তরের সেবা\tঅনলাইন\t-\t-\t৩ কার্যদিবস\t{OFFICER}",
    )
    parsed = parse_charter(text)
    assert [s.name for s in parsed.services] == ["নামজারি"]
    assert parsed.services[0].category is CITIZEN
    assert any("without a header row" in message for message in problems_at(parsed, 5))
    assert any("no category heading" in message for message in problems_at(parsed, 5))


def test_category_heading_printed_after_its_table() -> None:
    # As in the Patgram charter, whose "২.১) নাগরিক সেবা" comes after the citizen table.
    text = charter(
        "২. প্রতিশ্রুত সেবাসমূহ",
        HEADER,
        f"১\tদপ্তরের প্রশিক্ষণ\tঅফিস আদেশ\t-\tবিনামূল্যে\t৫ কার্যদিবস\t{OFFICER}",
        "",
        "২.৩) অভ্যন্তরীণ সেবা",
    )
    parsed = parse_charter(text)
    assert [(s.category, s.number) for s in parsed.services] == [(INTERNAL, 1)]
    assert not [p for p in parsed.problems if p.line > 0]


def test_ladder_row_without_a_named_officer_is_read_by_its_number() -> None:
    text = charter(
        "২.১) নাগরিক সেবা",
        HEADER,
        f"১\tনামজারি\tঅনলাইন\tখতিয়ান\t১১৭০ টাকা\t২৮ কার্যদিবস\t{OFFICER}",
        "৫. অভিযোগ ব্যবস্থাপনা পদ্ধতি (GRS)",
        "ক্রম\tকখন যোগাযোগ করবেন\tকার সঙ্গে যোগাযোগ করবেন\tযোগাযোগের ঠিকানা\tনিষ্পত্তির সময়সীমা",
        "১\tসমাধান না পেলে\tঅভিযোগ নিষ্পত্তি কর্মকর্তা (অনিক)\tউপজেলা নির্বাহী অফিসার\t৩০ কার্যদিবস",
        "২\tনির্দিষ্ট সময়ে সমাধান না পেলে\t\tজেলা প্রশাসক ফোন: ০২-৯৯১১২২৩\t২০ কার্যদিবস",
    )
    parsed = parse_charter(text)
    assert [(s.role, s.time_limit_days) for s in parsed.ladder] == [
        (LadderRole.GRO, 30),
        (LadderRole.APPEAL_OFFICER, 20),
    ]
    assert parsed.ladder[0].contact.designation == "উপজেলা নির্বাহী অফিসার"
    assert parsed.ladder[1].contact.phone == "029911223"
    assert any("by its number" in message for message in problems_at(parsed, 10))


def test_charter_cut_in_half() -> None:
    text = sample_text(PATGRAM)
    whole = parse_charter(text)
    half = parse_charter(text[: len(text) // 2])
    kept = [s for s in whole.services if s.line < 47]
    assert half.services[: len(kept)] == tuple(kept)
    assert any("internal" in message for message in problems_at(half, 0))


def test_charter_cut_inside_a_row() -> None:
    lines = sample_text(PATGRAM).split("\n")
    cut = "\n".join([*lines[:49], lines[49][:40]])  # line 50, inside its second cell
    parsed = parse_charter(cut)
    assert [s.number for s in parsed.services if s.category is INSTITUTIONAL][-2:] == [6, 7]
    last = parsed.services[-1]
    assert (last.line, last.time_limit_days) == (50, None)
    assert any("cut short" in message for message in problems_at(parsed, 50))


@pytest.mark.parametrize("text", ["", "   \n\t\n  ", "\ufeff"])
def test_empty_text(text: str) -> None:
    parsed = parse_charter(text)
    assert parsed.services == () and parsed.office_name is None
    assert [p.line for p in parsed.problems] == [0]
    assert "empty file" in parsed.problems[0].message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert [p.message for p in read_charter_file(path).problems] == [
        "empty file: there is nothing to read"
    ]


def test_random_bytes_file(tmp_path: Path) -> None:
    path = tmp_path / "noise.bin"
    path.write_bytes(random.Random(20240611).randbytes(4096))
    parsed = read_charter_file(path)
    assert parsed.services == () and parsed.ladder == ()
    assert parsed.problems and all(p.line == 0 for p in parsed.problems)


def test_file_not_in_utf8_is_reported_and_still_read(tmp_path: Path) -> None:
    data = sample_text(MANIKGANJ).encode("utf-8").replace("বিনামূল্যে".encode(), b"\xff\xfe", 1)
    path = tmp_path / "latin.txt"
    path.write_bytes(data)
    parsed = read_charter_file(path)
    assert "not UTF-8" in parsed.problems[0].message
    assert "line 28" in parsed.problems[0].message
    assert len(parsed.services) == 17


def test_utf8_bom_and_windows_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + sample_text(MANIKGANJ).replace("\n", "\r\n").encode())
    parsed = read_charter_file(path)
    assert parsed == parse_charter(sample_text(MANIKGANJ))


# --- properties --------------------------------------------------------------------------------


def all_sample_lines() -> list[str]:
    return [line for name in (*CHARTERS, MINUTES) for line in sample_text(name).split("\n")]


def check_sane(text: str, parsed: ParsedCharter) -> None:
    lines = text.count("\n") + text.count("\r") + 1
    assert all(0 <= problem.line <= lines for problem in parsed.problems)
    assert all(1 <= item.line <= lines for item in (*parsed.services, *parsed.ladder))
    assert all(service.name for service in parsed.services)
    json.dumps(parsed.to_json())


@settings(deadline=None)
@given(st.text())
def test_any_text_parses_the_same_every_time(text: str) -> None:
    parsed = parse_charter(text)
    assert parse_charter(text) == parsed
    check_sane(text, parsed)


@settings(deadline=None, max_examples=150)
@given(st.data())
def test_spliced_sample_lines_parse_the_same_every_time(data: st.DataObject) -> None:
    pieces = st.sampled_from(all_sample_lines())
    cut = st.tuples(pieces, st.integers(0, 400), st.text(max_size=5))
    chosen = data.draw(st.lists(st.one_of(pieces, cut), max_size=40))
    text = "\n".join(p if isinstance(p, str) else p[0][: p[1]] + p[2] for p in chosen)
    parsed = parse_charter(text)
    assert parse_charter(text) == parsed
    check_sane(text, parsed)


@given(st.text())
def test_parse_time_limit_returns_days_or_raises_value_error(text: str) -> None:
    try:
        days = parse_time_limit(text)
    except ValueError:
        return
    assert days is None or 0 <= days <= 9999
