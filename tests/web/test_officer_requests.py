"""Opinions and investigations on the officers' pages: asking from the case page, the asked
officer's queue section, the read-only page with its answer form, and the refusals."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import select

from grs.db.models import Attachment, CaseAssignment
from tests.support import build_ladder, do, load, lodge_case
from tests.web.citizen_support_pdf import pdf_bytes
from tests.web.officer_support import logged_in, post, token


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def accepted(rt, ladder):
    case = lodge_case(rt, service_id=ladder.services["as_needed"].id)
    return do(rt, case.tracking_number, "accept", ladder.officer("gro_upz"))


def act(client, tracking: str, action: str, data: dict | None = None, **fields: str):
    page = client.get(f"/officer/cases/{tracking}").get_data(as_text=True)
    version = re.search(r'name="expected_version" value="(\d+)"', page)
    form = {"action": action, "expected_version": version.group(1) if version else "1"}
    return client.post(f"/officer/cases/{tracking}/act",
                       data={"csrf_token": token(client, f"/officer/cases/{tracking}"),
                             **form, **fields, **(data or {})})  # fmt: skip


def answer(client, tracking: str, note: str, files=()):
    data = {"csrf_token": token(client, "/officer/"), "note": note,
            "attachments": [(io.BytesIO(body), name) for name, body in files]}  # fmt: skip
    return client.post(f"/officer/cases/{tracking}/answer", data=data,
                       content_type="multipart/form-data")  # fmt: skip


def test_an_opinion_asked_on_the_page_is_answered_by_the_service_officer(app, rt, ladder):
    case = accepted(rt, ladder)
    tracking = case.tracking_number
    gro = logged_in(app, "gro_upz")
    page = gro.get(f"/officer/cases/{tracking}").get_data(as_text=True)
    assert 'name="asked_post"' in page and "(UPZ/ict_officer)" in page  # the posts to choose
    assert act(gro, tracking, "request_opinion").status_code == 302
    officer = logged_in(app, "ict_upz")
    queue = officer.get("/officer/").get_data(as_text=True)
    assert "আপনার কাছে চাওয়া মতামত ও তদন্ত" in queue and "সেবা পাইনি" in queue
    page = officer.get(f"/officer/cases/{tracking}").get_data(as_text=True)
    assert "আপনার মতামত চাওয়া হয়েছে" in page and 'name="action"' not in page  # no ladder actions
    assert act(officer, tracking, "accept").status_code == 404  # acting is as for a stranger
    empty = answer(officer, tracking, "  ")
    assert empty.status_code == 400 and "লিখিত মন্তব্য" in empty.get_data(as_text=True)
    done = answer(officer, tracking, "সেবা দেওয়া সম্ভব", [("মত.pdf", pdf_bytes())])
    assert done.status_code == 302
    assert load(rt, tracking).state == "accepted"
    assert officer.get(f"/officer/cases/{tracking}").status_code == 404  # out of sight now
    history = gro.get(f"/officer/cases/{tracking}").get_data(as_text=True)
    assert "মতামত দেওয়া হয়েছে" in history and "সেবা দেওয়া সম্ভব" in history
    assert "মত.pdf" in history
    with rt.db.read_session() as s:
        (row,) = s.scalars(select(CaseAssignment))
        (file,) = s.scalars(select(Attachment))
    assert file.assignment_id == row.id and row.status == "given"


def test_an_answer_after_the_request_was_taken_back_is_refused_plainly(app, rt, ladder):
    case = accepted(rt, ladder)
    tracking = case.tracking_number
    gro = logged_in(app, "gro_upz")
    act(gro, tracking, "request_opinion", opinion_days="3")
    officer = logged_in(app, "ict_upz")
    csrf = token(officer, f"/officer/cases/{tracking}")  # the page was open when it was taken back
    assert act(gro, tracking, "withdraw_opinion_request").status_code == 302
    late = officer.post(
        f"/officer/cases/{tracking}/answer", data={"csrf_token": csrf, "note": "মত"}
    )
    assert late.status_code == 409
    assert "অনুরোধটি প্রত্যাহার করা হয়েছে" in late.get_data(as_text=True)
    assert officer.get(f"/officer/cases/{tracking}").status_code == 404
    english = officer.post(f"/officer/cases/{tracking}/answer?lang=en",
                           data={"csrf_token": csrf, "note": "late"})  # fmt: skip
    assert english.status_code == 409
    assert "The request was taken back" in english.get_data(as_text=True)


def test_a_fourth_investigator_is_refused_with_a_message(app, rt, ladder):
    case = accepted(rt, ladder)
    tracking = case.tracking_number
    gro = logged_in(app, "gro_upz")
    four = ["UPZ/ict_officer", "DIST/gro", "DIR/gro", "UPZ2/gro"]
    refused = act(gro, tracking, "start_investigation", data={"investigator": four})
    assert refused.status_code == 400
    assert "সর্বোচ্চ তিনজন" in refused.get_data(as_text=True)
    assert load(rt, tracking).state == "accepted"
    unknown = act(gro, tracking, "start_investigation", data={"investigator": ["UPZ/nobody"]})
    assert unknown.status_code == 400 and "এমন কোনো পদ নেই" in unknown.get_data(as_text=True)
    done = act(gro, tracking, "start_investigation",
               data={"investigator": ["UPZ2/gro", "DIST/gro"]}, report_days="15")  # fmt: skip
    assert done.status_code == 302 and load(rt, tracking).state == "investigating"
    for username in ("gro_upz2", "ao_dist"):
        investigator = logged_in(app, username)
        assert "তদন্ত প্রতিবেদন" in investigator.get("/officer/").get_data(as_text=True)
        assert investigator.get(f"/officer/cases/{tracking}").status_code == 200
    stranger = logged_in(app, "gro_dir")
    assert stranger.get(f"/officer/cases/{tracking}").status_code == 404
    assert answer(stranger, tracking, "আমার প্রতিবেদন").status_code == 404  # not named
    reporter = logged_in(app, "gro_upz2")
    assert answer(reporter, tracking, "তদন্তে অভিযোগ প্রমাণিত").status_code == 302
    assert load(rt, tracking).state == "accepted"
    for username in ("gro_upz2", "ao_dist"):  # the report answers for every officer named
        assert logged_in(app, username).get(f"/officer/cases/{tracking}").status_code == 404
    page = gro.get(f"/officer/cases/{tracking}").get_data(as_text=True)
    assert "তদন্ত প্রতিবেদন দাখিল হয়েছে" in page and "তদন্তে অভিযোগ প্রমাণিত" in page


def test_the_forms_read_in_english_too(app, rt, ladder):
    case = accepted(rt, ladder)
    gro = logged_in(app, "gro_upz")
    page = gro.get(f"/officer/cases/{case.tracking_number}?lang=en").get_data(as_text=True)
    assert "Post asked" in page and "Investigating officer 3" in page
    assert "Working days for the report" in page
    refused = post(gro, f"/officer/cases/{case.tracking_number}/answer?lang=en", {"note": "x"})
    assert refused.status_code == 403  # the case's own GRO, who was not asked
    assert "You were not asked about this case." in refused.get_data(as_text=True)
    assert load(rt, case.tracking_number).version == case.version
