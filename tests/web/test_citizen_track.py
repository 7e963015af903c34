"""Following a complaint: opening it, every state the page can show, and what a citizen sees
when it is overdue, paused, moved up, or at the officer responsible for the service."""

from __future__ import annotations

import re
from datetime import date

import pytest

from grs.services.escalation import sweep
from grs.tracking import new_tracking_number
from tests.support import build_ladder, do, lodge_case
from tests.web.test_citizen_support import MOBILE, open_case, text, token

GRO = "gro_upz"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _alert(response) -> str:
    match = re.search(r'role="alert">([^<]+)<', response.get_data(as_text=True))
    assert match, text(response)
    return match.group(1).strip()


def _page(client, lang: str = "en") -> str:
    response = client.get(f"/track/case?lang={lang}")
    assert response.status_code == 200
    return text(response)


def _unused_number() -> str:
    return new_tracking_number(date(2026, 11, 23))


def test_a_wrong_pair_reads_exactly_like_a_missing_case(client, rt, ladder):
    case = lodge_case(rt)
    wrong = open_case(client, case.tracking_number, mobile="01899999999")
    missing = open_case(client, _unused_number())
    assert wrong.status_code == missing.status_code == 404
    assert _alert(wrong) == _alert(missing)
    english = open_case(client, _unused_number()).get_data(as_text=True)
    assert "ট্র্যাকিং নম্বর ও এই মোবাইল নম্বর বা রসিদ কোড মিলিয়ে" in english
    client.get("/?lang=en")
    assert "No complaint matches this tracking number" in _alert(
        open_case(client, case.tracking_number, mobile="01899999999")
    )


TRACK_CASES = [
    (
        {"number": ""},
        "Tracking number: enter the 12-digit tracking number",
        "ট্র্যাকিং নম্বর: ১২ অঙ্কের ট্র্যাকিং নম্বরটি লিখুন",
    ),
    (
        {"number": "2612-3456-789"},
        "Tracking number: this is not a GRS tracking number; check the 12 digits on your receipt",
        "ট্র্যাকিং নম্বর: এটি জিআরএস ট্র্যাকিং নম্বর নয়; আপনার রসিদের ১২টি অঙ্ক মিলিয়ে দেখুন",
    ),
    (
        {"number": "²" * 12},  # digits int() cannot read once crashed the check digit
        "Tracking number: this is not a GRS tracking number",
        "ট্র্যাকিং নম্বর: এটি জিআরএস ট্র্যাকিং নম্বর নয়",
    ),
    (
        {"mobile": ""},
        "Mobile: enter the mobile number you gave, or your receipt code if you complained "
        "anonymously",
        "মোবাইল: আপনার দেওয়া মোবাইল নম্বর লিখুন, অথবা নাম প্রকাশ না করে অভিযোগ করে থাকলে রসিদ কোড লিখুন",
    ),
    (
        {"mobile": "999"},
        "Mobile: enter a Bangladeshi mobile number such as 01712345678",
        "মোবাইল: ০১৭১২৩৪৫৬৭৮-এর মতো একটি বাংলাদেশি মোবাইল নম্বর লিখুন",
    ),
]


@pytest.mark.parametrize("lang", ["en", "bn"])
@pytest.mark.parametrize(("fields", "english", "bangla"), TRACK_CASES)
def test_tracking_form_messages(client, rt, ladder, lang, fields, english, bangla):
    case = lodge_case(rt)
    data = {"number": case.tracking_number, "mobile": MOBILE, **fields}
    data["csrf_token"] = token(client)
    response = client.post(f"/track?lang={lang}", data=data)
    assert response.status_code == 422
    assert (english if lang == "en" else bangla) in text(response)


def test_numbers_typed_in_bangla_digits_with_spaces_open_the_case(client, rt, ladder):
    case = lodge_case(rt)
    n = case.tracking_number
    typed = f"{n[:4]} {n[4:8]}-{n[8:]}".translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    response = open_case(client, typed, mobile="+880 1711-234567")
    assert response.status_code == 303 and response.headers["Location"].endswith("/track/case")


def _accepted(rt, ladder, n):
    do(rt, n, "accept", ladder.officer(GRO))


STATES = {
    "new": ([], "Waiting to be taken up", "গ্রহণের অপেক্ষায়"),
    "accepted": (["accept"], "Accepted, being dealt with", "গৃহীত, কাজ চলছে"),
    "info_requested": (["request_info"], "Information requested", "তথ্য চাওয়া হয়েছে"),
    "opinion_requested": (["accept", "request_opinion"], "Opinion requested", "মতামত চাওয়া"),
    "investigating": (["accept", "start_investigation"], "Under investigation", "তদন্ত চলছে"),
    "service_ordered": (["accept", "order_service"], "Service ordered", "সেবা প্রদানের নির্দেশ"),
    "resolved": (["resolve"], "Decided", "নিষ্পত্তি হয়েছে"),
    "filed": (["file_away"], "Filed away", "নথিজাত"),
    "closed": (["resolve", "accept_outcome"], "Closed", "বন্ধ"),
}
ARGS = {
    "request_info": {"note": "জমির দলিলের কপি দিন"},
    "file_away": {"note": "তথ্য অপর্যাপ্ত"},
    "resolve": {"closure_reason": "service_given", "note": "সেবা দেওয়া হয়েছে"},
}


@pytest.mark.parametrize("state", list(STATES))
def test_every_state_reads_plainly_in_both_languages(client, rt, ladder, state):
    steps, english, bangla = STATES[state]
    n = lodge_case(rt).tracking_number
    for step in steps:
        actor = ladder.officer(GRO) if step != "accept_outcome" else None
        do(rt, n, step, *(actor,) if actor else (), **ARGS.get(step, {}))
    open_case(client, n)
    page = _page(client, "en")
    assert f"Complaint {n[:4]}-{n[4:8]}-{n[8:]}" in page and english in page
    assert "Grievance redress officer, Upazila" in page
    assert english in page and bangla in _page(client, "bn")
    offered = {
        "answer": "Answer the officer" in page,
        "accept": "Are you satisfied with the decision?" in page,
        "appeal": "Appeal to Grievance redress officer, District by 2026-12-23" in page,
        "rate": "How was your complaint handled?" in page,
    }
    expected = {
        "answer": state == "info_requested",
        "accept": state in ("resolved", "filed"),
        "appeal": state in ("resolved", "filed"),
        "rate": state in ("resolved", "filed", "closed"),
    }
    assert offered == expected
    if state == "info_requested":
        assert "জমির দলিলের কপি দিন" in page and "The deadline has been paused since" in page
        assert "Please answer by 2026-12-07." in page and "উত্তর দিন।" in _page(client, "bn")
    if state in ("resolved", "closed"):
        assert "The service was given" in page and "Decided on 2026-11-23" in page
    if state in STATES and state not in ("resolved", "filed", "closed", "info_requested"):
        assert "you can appeal to Grievance redress officer, District from the next day" in page


def test_an_overdue_case_says_so_and_offers_an_appeal_now(client, rt, clock, ladder):
    case = lodge_case(rt)
    clock.set(case.due_on)
    clock.advance(1)
    open_case(client, case.tracking_number)
    page = _page(client)
    assert f"The deadline of {case.due_on.isoformat()} has passed without a decision" in page
    assert "will move up by itself to the appeal officer" in page
    assert "Appeal to Grievance redress officer, District now" in page
    assert "মেয়াদ" in _page(client, "bn") or "পার হয়ে গেছে" in _page(client, "bn")


def test_a_paused_case_shows_the_days_that_will_remain(client, rt, clock, ladder):
    case = lodge_case(rt)
    do(rt, case.tracking_number, "request_info", ladder.officer(GRO), note="দলিল দিন")
    clock.set("2026-12-10")  # time passes while paused: the days left do not shrink
    open_case(client, case.tracking_number)
    page = _page(client)
    assert "The deadline has been paused since 2026-11-23" in page
    assert "When you answer, 30 working days will remain." in page
    assert "৩০ কার্যদিবস বাকি থাকবে" in _page(client, "bn")


def test_a_case_moved_up_by_the_sweep_explains_why(client, rt, ladder):
    case = lodge_case(rt)
    sweep(rt, date(2027, 2, 1))
    open_case(client, case.tracking_number)
    page = _page(client)
    assert "moved up by itself to the appeal officer" in page
    assert "Grievance redress officer, District" in page
    assert "Moved up automatically because the deadline passed" in page
    assert "Now with the appeal officer." in page


def test_a_tier_zero_case_names_the_service_officer(client, rt, ladder):
    service = ladder.services["long"]
    case = lodge_case(rt, service_id=service.id, service_applied_on="2026-11-22")
    open_case(client, case.tracking_number)
    page = _page(client)
    assert "the officer responsible for the service" in page
    assert "Deadline for a decision 2026-12-13" in page


def test_a_case_at_the_cell_that_is_overdue_is_reported(client, rt, clock, ladder):
    case = lodge_case(rt, against="appeal_officer")
    sweep(rt, date(2027, 6, 1))
    clock.set("2027-06-01")
    open_case(client, case.tracking_number)
    page = _page(client)
    assert "the Cabinet Division's grievance management cell" in page
    assert "reported to the Cabinet Division as overdue" in page
    assert "Appeal" not in page.split("History")[0].split("Where your complaint is now")[1]


def test_the_session_holds_only_the_case_id_and_lapses(client, rt, ladder, monkeypatch):
    case = lodge_case(rt)
    open_case(client, case.tracking_number)
    with client.session_transaction() as session:
        assert set(session["citizen_case"]) == {"id", "until", "grant"}
        assert MOBILE not in repr(dict(session))
    import web.citizen.access as access

    later = access.time.time() + access.LIFETIME_SECONDS + 1
    monkeypatch.setattr(access.time, "time", lambda: later)
    lapsed = client.get("/track/case?lang=en")
    assert lapsed.status_code == 303 and lapsed.headers["Location"].endswith("/track")
    assert "closes after 30 minutes" in text(client.get("/track"))


def test_leaving_closes_the_case_on_this_device(client, rt, ladder):
    case = lodge_case(rt)
    open_case(client, case.tracking_number)
    assert client.get("/track/case").status_code == 200
    client.post("/track/leave", data={"csrf_token": token(client)})
    assert client.get("/track/case").status_code == 303


def test_leaving_ends_a_copied_cookie_too(app, client, rt, ladder):
    case = lodge_case(rt)
    open_case(client, case.tracking_number)
    copy = app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)  # the cookie, stolen
    assert copy.get("/track/case").status_code == 200
    client.post("/track/leave", data={"csrf_token": token(client)})
    assert copy.get("/track/case").status_code == 303  # closed server-side, not just here


def test_the_track_box_on_home_prefills_nothing_but_the_number(client, rt, ladder):
    page = client.get("/track?number=2612-3456-7890&mobile=01711234567").get_data(as_text=True)
    assert 'value="2612-3456-7890"' in page and "01711234567" not in page


def test_an_officer_post_typed_with_latin_digits_reads_in_the_page_digits(client, rt, ladder):
    from grs.services import organisation as org

    with rt.db.write() as s:
        post = org.post_by_code(s, "UPZ", "gro")
        post.title_bn, post.title_en = "অভিযোগ নিষ্পত্তি কর্মকর্তা 2", "Grievance officer 2"
        post.contact = "01712345678, gro2@upz.gov.bd"
    case = lodge_case(rt)
    assert open_case(client, case.tracking_number).status_code == 303
    bangla = _page(client, "bn")
    assert "অভিযোগ নিষ্পত্তি কর্মকর্তা ২" in bangla
    assert "০১৭১২৩৪৫৬৭৮, gro2@upz.gov.bd" in bangla  # an address keeps its digits
    english = _page(client, "en")
    assert "Grievance officer 2" in english
    assert "01712345678, gro2@upz.gov.bd" in english


def test_the_citizen_reads_what_was_found_and_decided_but_not_the_offices_suggestion(
    client, rt, ladder
):
    n = lodge_case(rt).tracking_number
    record = {
        "decision_cause": "নামজারি ফাইল ভুল টেবিলে পড়ে ছিল",
        "decision_text": "সাত দিনের মধ্যে নামজারি সম্পন্ন করতে নির্দেশ",
        "decision_prevention": "ফাইল গ্রহণের রেজিস্টার প্রতিদিন মেলানো হবে",
    }
    do(rt, n, "resolve", ladder.officer(GRO), closure_reason="service_given", **record)
    open_case(client, n)
    english, bangla = _page(client, "en"), _page(client, "bn")
    assert "What the officer found" in english and "The decision" in english
    assert "কর্মকর্তা যা পেয়েছেন" in bangla and "সিদ্ধান্ত" in bangla
    for page in (english, bangla):
        assert record["decision_cause"] in page and record["decision_text"] in page
        assert record["decision_prevention"] not in page
