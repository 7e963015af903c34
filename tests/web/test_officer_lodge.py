"""Complaints received on paper, by phone or in person, entered by an officer of the office."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from grs.db.models import Case, Event
from tests.support import build_ladder
from tests.web.officer_support import logged_in, post

FORM = {
    "office_code": "UPZ",
    "channel": "paper",
    "complaint_type": "citizen",
    "against": "service",
    "subject": "সেবা পাইনি",
    "details": "ডাকযোগে পাঠানো অভিযোগ",
    "name": "করিম মিয়া",
    "mobile": "০১৭১১২৩৪৫৬৭",
}


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def lodge(client, **changes: str):
    return post(client, "/officer/lodge", {**FORM, **changes}, page="/officer/lodge")


def stored(rt) -> list[tuple[Case, Event]]:
    with rt.db.read_session() as s:
        rows = s.execute(select(Case, Event).join(Event, Event.case_id == Case.id)).all()
        return [(case, event) for case, event in rows]


def test_an_officer_enters_a_paper_complaint(app, rt, ladder):
    response = lodge(logged_in(app, "gro_upz"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    [(case, event)] = stored(rt)
    assert case.channel == "paper" and case.complainant_mobile == "01711234567"
    assert (event.action, event.actor_kind) == ("lodge", "officer")
    assert event.officer_id == ladder.officers["gro_upz"].id and event.data == {"channel": "paper"}
    assert "অভিযোগকারীকে ট্র্যাকিং নম্বরটি দিন" in html
    shown = re.search(r'class="tracking big">([^<]+)<', html).group(1)
    assert shown.replace("-", "") == case.tracking_number.translate(
        str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
    )


def test_an_anonymous_complaint_shows_its_receipt_code_once(app, rt, ladder):
    html = lodge(logged_in(app, "gro_upz"), anonymous="1", name="", mobile="").text
    assert "রসিদ কোডটিও দিন" in html
    [(case, _)] = stored(rt)
    assert case.anonymous and case.complainant_name == "" and case.receipt_code_hash


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"mobile": "12345"}, "বাংলাদেশের একটি মোবাইল নম্বর"),
        ({"subject": ""}, "এটি আবশ্যক"),
        ({"channel": "web"}, "প্রদত্ত বিকল্পগুলোর একটি"),  # the web form is the citizen's own
        ({"office_code": "UPZ2"}, "এমন কোনো দপ্তর নেই"),  # not an office of this officer
        ({"service_applied_on": "2026-13-40"}, "তারিখ লিখুন"),
    ],
)
def test_a_bad_entry_is_refused_with_the_reason(app, rt, ladder, changes, message):
    response = lodge(logged_in(app, "gro_upz"), **changes)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html and "ডাকযোগে পাঠানো অভিযোগ" in html  # what was typed is kept
    assert stored(rt) == []


def test_the_form_offers_only_the_officers_own_offices(app, ladder):
    html = logged_in(app, "gro_upz").get("/officer/lodge").text
    offices = html[html.index('name="office_code"') : html.index("</select>")]
    assert re.findall(r'<option value="([^"]+)"', offices) == ["UPZ"]
    assert "তথ্য প্রদান" in html  # the office's services


def test_an_officer_without_a_post_cannot_enter_complaints(app, ladder):
    client = logged_in(app, "admin")
    assert client.get("/officer/lodge").status_code == 403
    response = post(client, "/officer/lodge", FORM, page="/officer/password")
    assert response.status_code == 403
