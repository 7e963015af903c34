"""Lodging through the web: every validation message in both languages, the preview, the
acknowledgement and its deadline explanation, and the rate limit."""

from __future__ import annotations

import pytest

from grs.services.lodge_input import LIMITS
from tests.support import build_ladder, load
from tests.web.test_citizen_support import (
    VALID,
    counts,
    latest_tracking,
    lodge_via_web,
    submit,
    text,
    token,
)
from web import create_app


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _long(field: str) -> str:
    return "ক" * (LIMITS[field] + 1)


# (changed fields, English message, Bangla message): one row per message a citizen can get.
CASES = [
    ({"subject": ""}, "Subject: please fill this in", "বিষয়: এটি পূরণ করুন"),
    ({"subject": "  \t "}, "Subject: please fill this in", "বিষয়: এটি পূরণ করুন"),
    ({"details": ""}, "Details: please fill this in", "বিস্তারিত বিবরণ: এটি পূরণ করুন"),
    (
        {"subject": _long("subject")},
        "Subject: this is too long; at most 300 characters",
        "বিষয়: লেখাটি বেশি লম্বা; সর্বোচ্চ ৩০০ অক্ষর",
    ),
    (
        {"details": _long("details")},
        "Details: this is too long; at most 10,000 characters",
        "বিস্তারিত বিবরণ: লেখাটি বেশি লম্বা; সর্বোচ্চ ১০,০০০ অক্ষর",
    ),
    (
        {"remedy_sought": _long("remedy_sought")},
        "Remedy you want: this is too long; at most 5,000 characters",
        "আপনি যে প্রতিকার চান: লেখাটি বেশি লম্বা; সর্বোচ্চ ৫,০০০ অক্ষর",
    ),
    ({"name": ""}, "Name: please fill this in", "নাম: এটি পূরণ করুন"),
    (
        {"name": _long("name")},
        "Name: this is too long; at most 200 characters",
        "নাম: লেখাটি বেশি লম্বা; সর্বোচ্চ ২০০ অক্ষর",
    ),
    (
        {"address": _long("address")},
        "Address: this is too long; at most 1,000 characters",
        "ঠিকানা: লেখাটি বেশি লম্বা; সর্বোচ্চ ১,০০০ অক্ষর",
    ),
    (
        {"email": "a" * 195 + "@x.com"},
        "E-mail: this is too long; at most 200 characters",
        "ই-মেইল: লেখাটি বেশি লম্বা; সর্বোচ্চ ২০০ অক্ষর",
    ),
    (
        {"mobile": ""},
        "Mobile: enter your mobile number, or choose to complain anonymously",
        "মোবাইল: আপনার মোবাইল নম্বর লিখুন, অথবা নাম প্রকাশ না করে অভিযোগ করা বেছে নিন",
    ),
    (
        {"mobile": "12345"},
        "Mobile: enter a Bangladeshi mobile number such as 01712345678",
        "মোবাইল: ০১৭১২৩৪৫৬৭৮-এর মতো একটি বাংলাদেশি মোবাইল নম্বর লিখুন",
    ),
    (
        {"mobile": "01211234567"},  # 012 is no operator's prefix
        "Mobile: enter a Bangladeshi mobile number such as 01712345678",
        "মোবাইল: ০১৭১২৩৪৫৬৭৮-এর মতো একটি বাংলাদেশি মোবাইল নম্বর লিখুন",
    ),
    (
        {"email": "not-an-address"},
        "E-mail: enter an e-mail address such as name@example.com, or leave it empty",
        "ই-মেইল: name@example.com-এর মতো একটি ই-মেইল ঠিকানা লিখুন, অথবা ঘরটি খালি রাখুন",
    ),
    (
        {"complaint_type": "bogus"},
        "Kind of complaint: choose one of the options",
        "অভিযোগের ধরন: বিকল্পগুলোর একটি বেছে নিন",
    ),
    (
        {"against": "minister"},
        "Your complaint is about: choose one of the options",
        "আপনার অভিযোগ কার বিরুদ্ধে: বিকল্পগুলোর একটি বেছে নিন",
    ),
    (
        {"service_decided": "maybe"},
        "Decision on your application: choose one of the options",
        "আপনার আবেদনের সিদ্ধান্ত: বিকল্পগুলোর একটি বেছে নিন",
    ),
    (
        {"service_id": "abc"},
        "Service: choose one of the options",
        "সেবা: বিকল্পগুলোর একটি বেছে নিন",
    ),
    (
        {"service_id": "999999"},
        "Service: choose a service from this office's list",
        "সেবা: এই দপ্তরের তালিকা থেকে একটি সেবা বেছে নিন",
    ),
    (
        {"service_applied_on": "2026-13-45"},
        "Date you applied for the service: enter a date such as 2026-11-20",
        "সেবার জন্য আবেদনের তারিখ: ২০২৬-১১-২০-এর মতো করে একটি তারিখ লিখুন",
    ),
    (
        {"service_applied_on": "2027-01-01"},
        "Date you applied for the service: this date is in the future",
        "সেবার জন্য আবেদনের তারিখ: তারিখটি ভবিষ্যতের",
    ),
    (
        {"on_behalf": "1", "on_behalf_of": ""},
        "Your relation to that person: please fill this in",
        "ওই ব্যক্তির সঙ্গে আপনার সম্পর্ক: এটি পূরণ করুন",
    ),
    (
        {"on_behalf": "1", "on_behalf_of": _long("on_behalf_of")},
        "Your relation to that person: this is too long; at most 200 characters",
        "ওই ব্যক্তির সঙ্গে আপনার সম্পর্ক: লেখাটি বেশি লম্বা; সর্বোচ্চ ২০০ অক্ষর",
    ),
]


@pytest.mark.parametrize("lang", ["en", "bn"])
@pytest.mark.parametrize(("fields", "english", "bangla"), CASES)
def test_each_problem_is_named_on_the_form_and_nothing_is_stored(
    client, rt, ladder, lang, fields, english, bangla
):
    before = counts(rt)
    data = {**VALID, **fields, "csrf_token": token(client)}
    checked = client.post(f"/lodge/UPZ?lang={lang}", data=data)
    assert checked.status_code == 422
    assert (english if lang == "en" else bangla) in text(checked)
    submitted = submit(client, **fields)
    assert submitted.status_code == 422
    assert (english if lang == "en" else bangla) in text(submitted)
    assert counts(rt) == before


def test_every_problem_is_listed_at_once_and_linked_to_its_field(client, ladder):
    data = {**VALID, "subject": "", "mobile": "1", "csrf_token": token(client)}
    page = client.post("/lodge/UPZ?lang=en", data=data).get_data(as_text=True)
    assert '<a href="#f-subject">Subject: please fill this in</a>' in page
    assert '<a href="#f-mobile">Mobile: enter a Bangladeshi' in page
    assert 'id="f-mobile" name="mobile" value="1"' in page  # what was typed stays
    assert 'aria-invalid="true"' in page and 'aria-describedby="mobile-hint mobile-error"' in page


def test_the_preview_shows_everything_and_carries_every_field(client, rt, ladder):
    service = ladder.services["long"]
    fields = {
        **VALID,
        "service_id": str(service.id),
        "service_applied_on": "২০২৬-১১-২২",  # typed with Bangla digits
        "on_behalf": "1",
        "on_behalf_of": "বাবা",
        "remedy_sought": "প্রশিক্ষণ চাই",
        "email": "rahim@example.com",
        "address": "গ্রাম ক, উপজেলা খ",
    }
    before = counts(rt)
    preview = client.post("/lodge/UPZ?lang=en", data={**fields, "csrf_token": token(client)})
    assert preview.status_code == 200 and counts(rt) == before
    page = preview.get_data(as_text=True)
    for value in ("প্রশিক্ষণ", "বাবা", "প্রশিক্ষণ চাই", "rahim@example.com", "গ্রাম ক, উপজেলা খ"):
        assert value in page
    for name in ("subject", "details", "mobile", "name", "on_behalf_of", "service_id"):
        assert f'<input type="hidden" name="{name}" value="' in page
    assert 'name="service_applied_on" value="2026-11-22"' in page
    assert 'type="file" id="f-attachments" name="attachments" multiple' in page
    back = client.post(
        "/lodge/UPZ?lang=en", data={**fields, "step": "edit", "csrf_token": token(client)}
    ).get_data(as_text=True)
    assert 'value="বাবা"' in back and "প্রশিক্ষণ চাই</textarea>" in back


def test_submit_lodges_and_acknowledges_with_the_deadline_explained(client, rt, ladder):
    response = submit(client)
    assert response.status_code == 303 and response.headers["Location"].endswith("/lodged")
    tracking = latest_tracking(client)
    case = load(rt, tracking)
    assert (case.tier, case.channel, case.complainant_mobile) == (1, "web", "01711234567")
    ack = text(client.get("/lodged?lang=en"))
    shown = f"{tracking[:4]}-{tracking[4:8]}-{tracking[8:]}"
    assert shown in ack
    assert "Grievance redress officer, Upazila" in ack
    assert "the grievance redress officer (GRO)" in ack
    assert f"Decision expected by {case.due_on.isoformat()}" in ack
    assert "30 working days, counted from the day after 2026-11-23" in ack
    # 23 Nov 2026 + 30 working days passes Victory Day (16 Dec), skipped by name.
    assert "public holidays" in ack and "Victory Day" in ack
    bangla = text(client.get("/lodged?lang=bn"))
    assert "আপনার অভিযোগ দাখিল হয়েছে" in bangla
    assert "৩০ কার্যদিবস" in bangla and "বিজয় দিবস" in bangla
    assert shown.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")) in bangla


def test_a_service_still_within_its_charter_goes_to_its_officer(client, rt, ladder):
    service = ladder.services["long"]
    submit(client, service_id=str(service.id), service_applied_on="2026-11-22")
    ack = text(client.get("/lodged?lang=en"))
    assert "the officer responsible for the service" in ack
    assert "15 working days, counted from the day after 2026-11-22" in ack
    assert "citizen charter has not yet passed" in ack


def test_an_application_before_the_calendar_years_goes_to_the_gro(client, rt, ladder):
    service = ladder.services["long"]
    response = submit(client, service_id=str(service.id), service_applied_on="2015-01-01")
    assert response.status_code == 303
    assert load(rt, latest_tracking(client)).tier == 1


def test_complaints_about_the_gro_and_the_appeal_officer(client, rt, ladder):
    lodge_via_web(client, against="gro")
    assert load(rt, latest_tracking(client)).tier == 2
    lodge_via_web(client, against="appeal_officer")
    assert "Cabinet Division" in text(client.get("/lodged?lang=en"))


def test_an_office_without_a_gro_is_explained(client, rt, ladder):
    from grs.db.models import Post
    from grs.services import organisation as org

    with rt.db.write() as s:
        org.upsert_office(s, org.OfficeInput("NEW", "নতুন কার্যালয়", "New office", "DIST"))
        office = org.office_by_code(s, "NEW")
        for post in s.query(Post).filter(Post.office_id == office.id):
            post.kind = "vacant"  # no GRO post at all
    before = counts(rt)
    response = submit(client, office="NEW")
    assert response.status_code == 422 and counts(rt) == before
    assert "এই দপ্তরে এখনো অভিযোগ নিষ্পত্তি কর্মকর্তা নেই" in text(response)


def test_unknown_office_on_submit_is_a_404_and_stores_nothing(client, rt, ladder):
    before = counts(rt)
    assert submit(client, office="NOPE").status_code == 404
    assert submit(client, office="CELL").status_code == 404
    assert counts(rt) == before


def test_a_service_of_another_office_is_refused(client, rt, ladder):
    before = counts(rt)
    response = submit(client, office="UPZ2", service_id=str(ladder.services["long"].id))
    assert response.status_code == 422 and counts(rt) == before
    assert "এই দপ্তরের তালিকা থেকে একটি সেবা বেছে নিন" in text(response)


def test_rate_limits_answer_429_with_a_friendly_page(rt, ladder):
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "RATELIMIT_ENABLED": True}, runtime=rt)
    client = app.test_client()
    for _ in range(10):
        assert submit(client).status_code == 303
    refused = submit(client)
    assert refused.status_code == 429
    assert "অনেকবার চেষ্টা করা হয়েছে" in text(refused)
    data = {"number": "1", "mobile": "", "csrf_token": token(client)}
    statuses = [client.post("/track", data=data).status_code for _ in range(21)]
    assert statuses[:20] == [422] * 20 and statuses[20] == 429


@pytest.mark.parametrize(
    ("lang", "heading", "court", "rti"),
    [
        ("en", "What GRS cannot take", "before a court", "Right to Information Act"),
        ("bn", "যেসব বিষয় জিআরএসে নেওয়া যায় না", "আদালতে বিচারাধীন", "তথ্য অধিকার আইনে"),
    ],
)
def test_the_form_says_what_grs_cannot_take_before_the_citizen_writes(
    client, ladder, lang, heading, court, rti
):
    page = client.get(f"/lodge/UPZ?lang={lang}").get_data(as_text=True)
    assert heading in page and court in page and rti in page
    assert page.index(heading) < page.index('name="subject"')
