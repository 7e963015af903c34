"""A case in full for the officer who handles it: the complaint, its history, its deadline
explained, and only the actions the workflow allows, each a POST carrying the version read."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from grs.db.models import Attachment, AuditEntry
from grs.services import organisation as org
from grs.services.case_lookup import find_case
from grs.services.escalation import sweep
from grs.services.permissions import allowed_actions
from tests.support import build_ladder, do, load, lodge_case
from tests.web.officer_support import logged_in, post


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def offered(html: str) -> set[str]:
    return set(re.findall(r'name="action" value="([a-z_]+)"', html))


def act(client, tracking: str, action: str, **fields: str):
    page = client.get(f"/officer/cases/{tracking}").get_data(as_text=True)
    version = re.search(r'name="expected_version" value="(\d+)"', page)
    data = {"action": action, "expected_version": version.group(1) if version else "1", **fields}
    return post(client, f"/officer/cases/{tracking}/act", data)


def test_the_case_page_shows_complaint_history_and_deadline(app, rt, ladder):
    case = lodge_case(rt, remedy_sought="তথ্য চাই")
    html = (
        logged_in(app, "gro_upz")
        .get(f"/officer/cases/{case.tracking_number}")
        .get_data(as_text=True)
    )
    for text in ("সেবা পাইনি", "আবেদন করেও তথ্য পাইনি", "তথ্য চাই", "রহিম উদ্দিন", "০১৭১১২৩৪৫৬৭"):
        assert text in html
    assert "অভিযোগ দাখিল হয়েছে" in html  # the history
    # Deadline: 30 working days counted after Monday 23 November 2026, not counted itself.
    assert "গণনা শুরু যে দিনের পর" in html and "২৩ নভেম্বর ২০২৬" in html
    assert "৩০ = ৩০" in html
    assert "বিজয় দিবস" in html and "সাপ্তাহিক ছুটি" in html  # 16 December, and the weekends
    assert "বাকি কার্যদিবস: ৩০" in html


def test_only_the_allowed_actions_are_offered(app, rt, ladder):
    case = lodge_case(rt)
    html = (
        logged_in(app, "gro_upz")
        .get(f"/officer/cases/{case.tracking_number}")
        .get_data(as_text=True)
    )
    with rt.db.read_session() as s:
        found = find_case(s, case.tracking_number)
        expected = set(allowed_actions(rt, s, found, ladder.officer("gro_upz")))
    assert offered(html) == expected == {
        "accept", "forward", "file_away", "request_info", "resolve", "add_note",
    }  # fmt: skip
    forms = html.count('name="expected_version" value="1"')
    # Besides the actions: the logout form and the proposal for the office's blacklist.
    assert forms == len(expected) == html.count('name="csrf_token"') - 2


def test_an_officer_of_the_office_who_does_not_act_sees_but_cannot_act(app, rt, ladder):
    case = lodge_case(rt)
    client = logged_in(app, "alt_upz")  # the alternate, while the GRO is at work
    response = client.get(f"/officer/cases/{case.tracking_number}")
    assert response.status_code == 200 and offered(response.get_data(as_text=True)) == set()
    refused = act(client, case.tracking_number, "accept")
    assert refused.status_code == 403
    assert "আজ আপনি সেই পদের দায়িত্বে নেই" in refused.get_data(as_text=True)
    assert load(rt, case.tracking_number).state == "new"
    with rt.db.read_session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "action_refused")).one()
        assert entry.username == "alt_upz" and entry.detail["reason"] == "not_your_case"


def test_the_alternate_acts_while_the_holder_is_absent(app, rt, ladder):
    case = lodge_case(rt)
    with rt.db.write() as s:
        org.add_absence(s, org.officer_by_username(s, "gro_upz"), date(2026, 11, 20),
                        date(2026, 11, 30), "প্রশিক্ষণ")  # fmt: skip
    client = logged_in(app, "alt_upz")
    assert "accept" in offered(client.get(f"/officer/cases/{case.tracking_number}").text)
    assert act(client, case.tracking_number, "accept").status_code == 302
    assert load(rt, case.tracking_number).state == "accepted"


def test_acting_records_the_officer_and_shows_the_new_state(app, rt, ladder):
    case = lodge_case(rt)
    client = logged_in(app, "gro_upz")
    response = act(client, case.tracking_number, "request_info", note="আবেদনের কপি দিন")
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "সম্পন্ন: অভিযোগকারীর কাছে তথ্য চাওয়া হয়েছে" in html
    assert "আবেদনের কপি দিন" in html and "সময় গণনা স্থগিত" in html
    assert load(rt, case.tracking_number).state == "info_requested"


@pytest.mark.parametrize(
    ("action", "fields", "message"),
    [
        ("request_info", {}, "লিখিত মন্তব্য আবশ্যক"),
        ("resolve", {"note": "x"}, "নিষ্পত্তির কারণ বেছে নিন"),
        ("forward", {"target_office": "NOPE"}, "এমন কোনো দপ্তর নেই"),
        ("forward", {"target_office": "UPZ"}, "ইতিমধ্যে ওই দপ্তরেই"),
        ("accept", {"expected_version": "x"}, "একটি সংখ্যা লিখুন"),
    ],
)
def test_bad_input_changes_nothing_and_says_why(app, rt, ladder, action, fields, message):
    case = lodge_case(rt)
    response = act(logged_in(app, "gro_upz"), case.tracking_number, action, **fields)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert re.search(r'<details class="action" open>\s*<summary>', html)  # the form stays open
    assert load(rt, case.tracking_number).version == 1


def test_acting_on_a_stale_page_is_a_conflict(app, rt, ladder):
    case = lodge_case(rt)
    client = logged_in(app, "gro_upz")
    do(rt, case.tracking_number, "accept", ladder.officer("gro_upz"))  # someone else, first
    response = post(client, f"/officer/cases/{case.tracking_number}/act",
                    {"action": "file_away", "note": "নথিজাত", "expected_version": "1"})  # fmt: skip
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "আপনার আগেই অন্য কেউ এই অভিযোগে ব্যবস্থা নিয়েছেন" in html
    assert "badge state-accepted" in html  # the state as it is now
    assert load(rt, case.tracking_number).state == "accepted"


def test_another_offices_case_does_not_exist_for_the_officer(app, rt, ladder):
    case = lodge_case(rt)
    client = logged_in(app, "gro_upz2")
    assert client.get(f"/officer/cases/{case.tracking_number}").status_code == 404
    data = {"action": "accept", "expected_version": "1"}
    assert post(client, f"/officer/cases/{case.tracking_number}/act", data).status_code == 404
    assert client.get("/officer/cases/123456789012").status_code == 404  # no such case: the same
    assert load(rt, case.tracking_number).state == "new"
    with rt.db.read_session() as s:
        refusals = s.scalars(select(AuditEntry).where(AuditEntry.action == "refused")).all()
    assert [(e.username, e.offices) for e in refusals] == [("gro_upz2", "UPZ2")] * 3


def add_attachment(rt, case, data: bytes = b"%PDF-1.4 test\n%%EOF\n") -> int:
    directory = rt.settings.path(rt.settings.upload_dir)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{case.id:04d}abcdef.pdf"
    (directory / name).write_bytes(data)
    with rt.db.write() as s:
        row = Attachment(
            case_id=case.id, stored_name=name, original_name="আবেদন.pdf",
            content_type="application/pdf", size=len(data), sha256="0" * 64,
            uploaded_at=datetime(2026, 11, 23, 6, tzinfo=UTC), uploaded_by="citizen",
        )  # fmt: skip
        s.add(row)
        s.flush()
        return row.id


def test_attachments_download_only_for_those_who_may_see_the_case(app, rt, ladder):
    case, other = lodge_case(rt), lodge_case(rt)
    attachment_id = add_attachment(rt, case)
    url = f"/officer/cases/{case.tracking_number}/attachments/{attachment_id}"
    client = logged_in(app, "gro_upz")
    assert "আবেদন.pdf" in client.get(f"/officer/cases/{case.tracking_number}").text
    response = client.get(url)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]
    # Through another case's address, or for another office: nothing there.
    wrong_case = f"/officer/cases/{other.tracking_number}/attachments/{attachment_id}"
    assert client.get(wrong_case).status_code == 404
    assert logged_in(app, "gro_upz2").get(url).status_code == 404
    assert logged_in(app, "ao_dist").get(url).status_code == 404
    assert logged_in(app, "alt_upz").get(url).status_code == 200  # an officer of the office


def test_the_case_page_in_english(app, rt, ladder):
    case = lodge_case(rt)
    html = logged_in(app, "gro_upz").get(f"/officer/cases/{case.tracking_number}?lang=en").text
    assert "What you can do" in html and "Counting starts after" in html
    assert "2026-11-23" in html and "Victory Day" in html


def test_a_decision_is_recorded_for_the_register_and_shown(app, rt, ladder):
    case = lodge_case(rt)
    client = logged_in(app, "gro_upz")
    page = client.get(f"/officer/cases/{case.tracking_number}?lang=en").text
    assert 'name="decision_cause"' in page and 'name="decision_prevention"' in page
    response = act(client, case.tracking_number, "resolve", closure_reason="service_given",
                   decision_cause="সার্ভার বিকল", decision_text="সনদ দেওয়া হলো",
                   decision_prevention="বিকল্প সার্ভার")  # fmt: skip
    assert response.status_code == 302
    stored = load(rt, case.tracking_number)
    assert (stored.decision_cause, stored.decision_text, stored.decision_prevention) == (
        "সার্ভার বিকল",
        "সনদ দেওয়া হলো",
        "বিকল্প সার্ভার",
    )
    html = client.get(f"/officer/cases/{case.tracking_number}?lang=bn").text
    assert "পুনরাবৃত্তি রোধে সুপারিশ" in html and html.count("বিকল্প সার্ভার") == 2  # side, history


def test_an_overlong_decision_record_is_refused_with_the_form_kept(app, rt, ladder):
    case = lodge_case(rt)
    client = logged_in(app, "gro_upz")
    response = act(client, case.tracking_number, "resolve", closure_reason="other",
                   decision_text="ক" * 5_001)  # fmt: skip
    assert response.status_code == 400
    assert load(rt, case.tracking_number).state == "new"


def test_the_officer_sees_the_answer_by_date_and_then_no_answer(app, rt, clock, ladder):
    case = lodge_case(rt)
    client = logged_in(app, "gro_upz")
    act(client, case.tracking_number, "request_info", note="আবেদনের কপি দিন")
    html = client.get(f"/officer/cases/{case.tracking_number}?lang=en").text
    assert "asked to answer by 2026-12-07" in html and "Answer by: 2026-12-07" in html
    sweep(rt, date(2026, 12, 8))
    html = client.get(f"/officer/cases/{case.tracking_number}?lang=en").text
    assert "No answer: the deadline runs again" in html
    assert "asked to answer by" not in html


def test_handled_earlier_lists_a_forwarded_case_readable_but_not_actionable(app, rt, ladder):
    case = lodge_case(rt)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    do(rt, case.tracking_number, "forward", gro, target_office="UPZ2")
    client = logged_in(app, "gro_upz")
    listing = client.get("/officer/handled-earlier?lang=en").text
    assert f"/officer/cases/{case.tracking_number}" in listing
    page = client.get(f"/officer/cases/{case.tracking_number}?lang=en")
    assert page.status_code == 200 and "you can read it but not act on it" in page.text
    assert offered(page.text) == set()
    response = post(client, f"/officer/cases/{case.tracking_number}/act",
                    {"action": "add_note", "note": "x", "expected_version": "3"})  # fmt: skip
    assert response.status_code == 404
    assert load(rt, case.tracking_number).version == 3
    stranger = logged_in(app, "gro_dir")
    assert stranger.get(f"/officer/cases/{case.tracking_number}").status_code == 404
    assert case.tracking_number not in stranger.get("/officer/handled-earlier").text
    holder = logged_in(app, "gro_upz2")  # the case is in the new office's hands, not earlier
    assert case.tracking_number not in holder.get("/officer/handled-earlier").text


@pytest.mark.parametrize("chosen", ["অন্য উপজেলা কার্যালয় (UPZ2)", "অন্য উপজেলা কার্যালয়", "UPZ2"])
def test_forwarding_by_office_name_lands_on_the_queue_saying_where_it_went(app, rt, ladder, chosen):
    case = lodge_case(rt)
    client = logged_in(app, "gro_upz")
    page = client.get(f"/officer/cases/{case.tracking_number}").get_data(as_text=True)
    assert '<option value="অন্য উপজেলা কার্যালয় (UPZ2)">' in page  # offered by name
    response = act(client, case.tracking_number, "forward", target_office=chosen)
    assert response.status_code == 302 and response.headers["Location"].endswith("/officer/")
    queue = client.get(response.headers["Location"])
    assert queue.status_code == 200
    html = queue.get_data(as_text=True)
    assert "এখন এই দপ্তরে: অন্য উপজেলা কার্যালয়" in html
    assert "আপনার তালিকা থেকে সরে গেছে" in html
    assert load(rt, case.tracking_number).office.code == "UPZ2"


RLO, LRI = "\u202e", "\u2066"  # right-to-left override; left-to-right isolate


def test_bidi_controls_in_citizens_text_are_isolated_on_officer_pages(app, rt, ladder):
    subject = f"রসিদ {RLO}fdp.exe{LRI} দেখুন"
    case = lodge_case(rt, subject=subject, details=f"বিস্তারিত {RLO}txet", name=f"নাম{RLO}")
    client = logged_in(app, "gro_upz")
    page = client.get(f"/officer/cases/{case.tracking_number}").get_data(as_text=True)
    assert f"<bdi>{subject}</bdi></h1>" in page
    assert f'<p class="text" dir="auto">বিস্তারিত {RLO}txet</p>' in page
    assert f"<bdi>নাম{RLO}</bdi>" in page
    queue = client.get("/officer/").get_data(as_text=True)
    assert f"<bdi>{subject}</bdi>" in queue
