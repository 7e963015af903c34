"""What a citizen does to a case from its page: answer, accept, appeal, rate; each refusal in
both languages; every success answered with a redirect (reloading never repeats an action)."""

from __future__ import annotations

from io import BytesIO

import pytest
from sqlalchemy import select

from grs.db.models import Attachment, Event
from tests.support import build_ladder, do, load, lodge_case
from tests.web.test_citizen_support import (
    case_action,
    counts,
    latest_tracking,
    open_case,
    png_bytes,
    stored_files,
    submit,
    text,
)

GRO = "gro_upz"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _opened(client, rt, **lodge):
    case = lodge_case(rt, **lodge)
    assert open_case(client, case.tracking_number).status_code == 303
    return case.tracking_number


def _english(client) -> None:
    client.get("/?lang=en")


def test_answering_an_information_request_with_a_document(client, rt, clock, ladder):
    n = _opened(client, rt)
    do(rt, n, "request_info", ladder.officer(GRO), note="দলিল দিন")
    clock.set("2026-11-30")
    files = [(BytesIO(png_bytes()), "দলিল.png")]
    response = case_action(client, "answer_info", files=files, note="দলিল সংযুক্ত করলাম")
    assert response.status_code == 303 and response.headers["Location"].endswith("/track/case")
    case = load(rt, n)
    assert case.state == "accepted" and case.paused_days == 5
    with rt.db.read_session() as s:
        row = s.scalars(select(Attachment)).one()
        event = s.get(Event, row.event_id)
    assert (event.action, event.note) == ("answer_info", "দলিল সংযুক্ত করলাম")
    assert (row.original_name, row.content_type, row.uploaded_by) == (
        "দলিল.png",
        "image/png",
        "citizen",
    )
    assert [p.name for p in stored_files(rt)] == [row.stored_name]
    page = text(client.get("/track/case"))
    assert "আপনার উত্তর পাঠানো হয়েছে" in page and "দলিল.png" in page
    assert "দলিল সংযুক্ত করলাম" in page


@pytest.mark.parametrize(
    ("note", "english", "bangla"),
    [
        ("", "Your answer: write your answer", "আপনার উত্তর: আপনার উত্তর লিখুন"),
        (
            "ক" * 5001,
            "Your answer: this is too long; at most 5,000 characters",
            "আপনার উত্তর: লেখাটি বেশি লম্বা; সর্বোচ্চ ৫,০০০ অক্ষর",
        ),
    ],
)
def test_answer_refusals_keep_the_case_waiting(client, rt, ladder, note, english, bangla):
    n = _opened(client, rt)
    do(rt, n, "request_info", ladder.officer(GRO), note="দলিল দিন")
    assert bangla in text(case_action(client, "answer_info", note=note))
    _english(client)
    response = case_action(client, "answer_info", note=note)
    assert response.status_code == 422 and english in text(response)
    assert load(rt, n).state == "info_requested"


def test_an_answer_with_a_refused_file_stores_nothing(client, rt, ladder):
    n = _opened(client, rt)
    do(rt, n, "request_info", ladder.officer(GRO), note="দলিল দিন")
    before = counts(rt)
    files = [(BytesIO(b"<html><script>alert(1)</script></html>"), "evil.pdf")]
    _english(client)
    response = case_action(client, "answer_info", files=files, note="here")
    assert response.status_code == 422
    assert "the file “evil.pdf” is not a PDF, JPEG or PNG file" in text(response)
    assert "here</textarea>" in response.get_data(as_text=True)  # the answer is not lost
    assert counts(rt) == before and stored_files(rt) == []
    assert load(rt, n).state == "info_requested"


def test_accepting_the_outcome_needs_a_confirmation(client, rt, ladder):
    n = _opened(client, rt)
    do(rt, n, "resolve", ladder.officer(GRO), closure_reason="answer_accepted")
    refused = case_action(client, "accept_outcome")
    assert refused.status_code == 422
    assert "নিশ্চিতকরণ: নিশ্চিত করতে ঘরে টিক দিন" in text(refused)
    _english(client)
    assert "Confirmation: tick the box to confirm" in text(case_action(client, "accept_outcome"))
    assert load(rt, n).state == "resolved"
    assert case_action(client, "accept_outcome", confirm="1").status_code == 303
    assert load(rt, n).state == "closed"
    assert "You accepted the decision and your complaint is closed" in text(
        client.get("/track/case")
    )


def test_appealing_a_decision_names_the_officer_and_the_last_day(client, rt, clock, ladder):
    n = _opened(client, rt)
    do(rt, n, "resolve", ladder.officer(GRO), closure_reason="other", note="সমাধান")
    _english(client)
    page = text(client.get("/track/case"))
    assert "you can appeal to the appeal officer: Grievance redress officer, District" in page
    assert "Appeal to Grievance redress officer, District by 2026-12-23" in page
    bangla = text(client.get("/track/case?lang=bn"))
    assert "২৩ ডিসেম্বর ২০২৬-এর মধ্যে" in bangla
    clock.set("2026-11-30")
    response = case_action(client, "appeal", lang="en", note="সমাধান হয়নি")
    assert response.status_code == 303
    case = load(rt, n)
    assert (case.tier, case.state, case.current_post.code) == (2, "new", "gro")
    page = text(client.get("/track/case?lang=en"))
    assert "Your appeal has been lodged" in page and "You appealed" in page
    assert "Now with the appeal officer." in page and "সমাধান হয়নি" in page


def test_appeal_refusals(client, rt, clock, ladder):
    n = _opened(client, rt)
    _english(client)
    early = case_action(client, "appeal")
    assert early.status_code == 409
    assert "You can appeal once the deadline has passed or after a decision" in text(early)
    do(rt, n, "resolve", ladder.officer(GRO), closure_reason="other")
    clock.set("2026-12-24")
    assert "The time to appeal ended on 2026-12-23." in text(client.get("/track/case"))
    late = case_action(client, "appeal")
    assert late.status_code == 409
    assert "The time to appeal this decision has passed." in text(late)
    bangla = case_action(client, "appeal", lang="bn")
    assert bangla.status_code == 409
    assert "এই সিদ্ধান্তের বিরুদ্ধে আপিলের সময় পার হয়ে গেছে।" in text(bangla)
    assert load(rt, n).tier == 1


def test_rating_after_closure(client, rt, ladder):
    n = _opened(client, rt)
    do(rt, n, "resolve", ladder.officer(GRO), closure_reason="service_given")
    do(rt, n, "accept_outcome")
    for bad in ("", "4.3", "6", "-1", "NaN", "abc"):
        response = case_action(client, "rate", rating=bad)
        assert response.status_code == 422
        assert "মূল্যায়ন: ০ থেকে ৫-এর মধ্যে ০.৫ ধাপে একটি মূল্যায়ন বেছে নিন" in text(response)
    _english(client)
    assert "Rating: choose a rating from 0 to 5 in steps of 0.5" in text(
        case_action(client, "rate", rating="9")
    )
    assert case_action(client, "rate", rating="4.5").status_code == 303
    assert str(load(rt, n).rating) == "4.5"
    page = text(client.get("/track/case"))
    assert "Thank you for your rating." in page and "4.5 out of 5" in page
    assert "How was your complaint handled?" not in page
    again = case_action(client, "rate", rating="1")
    assert again.status_code == 409 and "You have already rated this complaint." in text(again)


def test_an_action_the_state_does_not_allow_is_explained(client, rt, ladder):
    _opened(client, rt)
    _english(client)
    response = case_action(client, "accept_outcome", confirm="1")
    assert response.status_code == 409
    assert "This cannot be done at the complaint's present stage." in text(response)
    bangla = case_action(client, "accept_outcome", confirm="1", lang="bn")
    assert bangla.status_code == 409
    assert "অভিযোগের বর্তমান পর্যায়ে এটি করা যায় না।" in text(bangla)


def test_a_stale_page_is_refused_as_a_conflict(client, rt, ladder):
    n = _opened(client, rt)
    do(rt, n, "resolve", ladder.officer(GRO), closure_reason="other")
    _english(client)
    response = case_action(client, "accept_outcome", confirm="1", version="1")
    assert response.status_code == 409
    assert "The complaint changed while you were looking at it." in text(response)
    assert load(rt, n).state == "resolved"


def test_actions_need_an_opened_case_and_a_known_action(client, rt, ladder):
    _opened(client, rt)
    assert case_action(client, "resolve").status_code == 404
    assert case_action(client, "escalate").status_code == 404
    client.post("/track/leave", data={"csrf_token": "x"})  # refused: the form is forged
    with client.session_transaction() as session:
        session.pop("citizen_case")
    assert case_action(client, "appeal").status_code == 303


def test_no_page_calls_a_case_nobody_has_taken_up_accepted(client, rt, clock, ladder):
    accepted = ("গৃহীত", "গ্রহণ করা হয়েছে", "গ্রহণ করেছেন")
    submit(client)
    ack = text(client.get("/lodged?lang=bn"))
    assert "আপনার অভিযোগ দাখিল হয়েছে" in ack
    assert not [word for word in accepted if word in ack]
    case = load(rt, latest_tracking(client))
    do(rt, case.tracking_number, "resolve", ladder.officer(GRO), closure_reason="other", note="x")
    clock.set("2026-11-30")
    case_action(client, "appeal", lang="bn", note="সমাধান হয়নি")
    appealed = text(client.get("/track/case?lang=bn"))
    assert "গ্রহণের অপেক্ষায়" in appealed
    assert not [word for word in accepted if word in appealed]
