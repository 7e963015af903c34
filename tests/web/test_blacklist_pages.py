"""The blacklist pages: the GRO proposes from a case or the office's page, the appeal officer
approves, rejects and lifts; marked complaints in the queue and on the case page; bad input is a
clear message and a 4xx with nothing written; contacts never reach a log line."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import func, select

from grs.db.models import AuditEntry, BlacklistEntry, Case
from tests.support import build_ladder, lodge_case
from tests.web.officer_support import logged_in, post
from tests.web.test_citizen_support import lodge_via_web, open_case

MOBILE = "01711234567"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _html(response) -> str:
    return response.get_data(as_text=True)


def _rows(rt) -> tuple[int, int]:
    with rt.db.read_session() as s:
        return (
            int(s.scalar(select(func.count(BlacklistEntry.id))) or 0),
            int(s.scalar(select(func.count(AuditEntry.id)).where(
                AuditEntry.action.startswith("blacklist"))) or 0),
        )  # fmt: skip


def _entry_id(rt) -> int:
    with rt.db.read_session() as s:
        return int(s.scalar(select(func.max(BlacklistEntry.id))) or 0)


def _propose_from_case(app, tracking: str, reason: str = "বারবার মিথ্যা অভিযোগ"):
    gro = logged_in(app, "gro_upz")
    page = _html(gro.get(f"/officer/cases/{tracking}?lang=en"))
    assert "Propose this complainant" in page
    sent = post(gro, "/officer/blacklist/UPZ/propose",
                {"case": tracking, "contact": MOBILE, "reason": reason})  # fmt: skip
    return gro, sent


def test_propose_approve_then_marked_in_queue_and_case_then_lift(app, rt, ladder, client):
    first = lodge_case(rt)
    gro, sent = _propose_from_case(app, first.tracking_number)
    assert sent.status_code == 302 and sent.headers["Location"].endswith(first.tracking_number)
    again = _html(gro.get(f"/officer/cases/{first.tracking_number}?lang=en"))
    assert "Propose this complainant" not in again  # proposed already: nothing more to offer
    ao = logged_in(app, "ao_dist")
    page = _html(ao.get("/officer/blacklist/UPZ"))
    assert "বারবার মিথ্যা অভিযোগ" in page and "০১৭১১২৩৪৫৬৭" in page  # Bangla digits
    entry = _entry_id(rt)
    approved = post(ao, f"/officer/blacklist/UPZ/entries/{entry}/decide", {"decision": "approve"})
    assert approved.status_code == 302
    tracking = lodge_via_web(client)  # the citizen's web form: accepted as usual
    queue = _html(gro.get("/officer/?lang=en"))
    assert queue.count("Complainant blacklisted") == 1  # only the complaint lodged since
    case_page = _html(gro.get(f"/officer/cases/{tracking}?lang=en"))
    assert "Complainant blacklisted" in case_page
    assert "Marked: the complainant is on this office&#39;s blacklist" in case_page
    open_case(client, tracking, MOBILE)
    citizen = client.get("/track/case?lang=en")
    assert citizen.status_code == 200 and "Complaint lodged" in _html(citizen)
    assert "blacklist" not in _html(citizen).lower()  # the citizen sees nothing different
    lifted = post(ao, f"/officer/blacklist/UPZ/entries/{entry}/lift", {"reason": "ঠিক আছে"})
    assert lifted.status_code == 302
    later = _html(gro.get(f"/officer/cases/{lodge_case(rt).tracking_number}?lang=en"))
    assert "Complainant blacklisted" not in later
    assert "Propose this complainant" in later  # lifted: it may be proposed afresh
    assert "Lifted" in _html(ao.get("/officer/blacklist/UPZ?lang=en"))


def test_paper_entry_of_a_blacklisted_complainant_is_marked(app, rt, ladder):
    _, sent = _propose_from_case(app, lodge_case(rt).tracking_number)
    ao = logged_in(app, "ao_dist")
    post(ao, f"/officer/blacklist/UPZ/entries/{_entry_id(rt)}/decide", {"decision": "approve"})
    gro = logged_in(app, "gro_upz")
    form = {"office_code": "UPZ", "channel": "paper", "complaint_type": "citizen",
            "subject": "কাগজে", "details": "d", "name": "n", "mobile": "+৮৮০১৭১১২৩৪৫৬৭"}  # fmt: skip
    assert post(gro, "/officer/lodge", form).status_code == 200
    with rt.db.read_session() as s:
        case = s.scalars(select(Case).order_by(Case.id.desc()).limit(1)).one()
    assert (case.channel, case.blacklist_entry_id) == ("paper", _entry_id(rt))


@pytest.mark.parametrize(
    ("contact", "reason", "message"),
    [
        (MOBILE, "", "Give the reason"),
        ("01711", "কারণ", "Enter a Bangladeshi mobile number"),
        ("someone@", "কারণ", "Enter a Bangladeshi mobile number"),
    ],
)
def test_a_bad_proposal_is_a_400_and_writes_nothing(app, rt, ladder, contact, reason, message):
    gro = logged_in(app, "gro_upz")
    sent = post(gro, "/officer/blacklist/UPZ/propose?lang=en",
                {"contact": contact, "reason": reason})  # fmt: skip
    assert sent.status_code == 400 and message in _html(sent)
    assert _rows(rt) == (0, 0)


def test_conflicting_steps_are_409_with_a_message(app, rt, ladder):
    gro, ao = logged_in(app, "gro_upz"), logged_in(app, "ao_dist")
    post(gro, "/officer/blacklist/UPZ/propose", {"contact": MOBILE, "reason": "কারণ"})
    entry = _entry_id(rt)
    lift = post(ao, f"/officer/blacklist/UPZ/entries/{entry}/lift?lang=en", {"reason": "r"})
    assert lift.status_code == 409 and "is not blacklisted now" in _html(lift)
    reject = post(ao, f"/officer/blacklist/UPZ/entries/{entry}/decide?lang=en",
                  {"decision": "reject", "note": ""})  # fmt: skip
    assert reject.status_code == 400 and "Give the reason" in _html(reject)
    post(ao, f"/officer/blacklist/UPZ/entries/{entry}/decide", {"decision": "approve"})
    rows = _rows(rt)
    again = post(ao, f"/officer/blacklist/UPZ/entries/{entry}/decide?lang=en",
                 {"decision": "approve"})  # fmt: skip
    assert again.status_code == 409 and "decided already" in _html(again)
    duplicate = post(gro, "/officer/blacklist/UPZ/propose?lang=en",
                     {"contact": "০১৭১১২৩৪৫৬৭", "reason": "আবার"})  # fmt: skip
    assert duplicate.status_code == 409 and "already proposed or blacklisted" in _html(duplicate)
    odd = post(ao, f"/officer/blacklist/UPZ/entries/{entry}/decide", {"decision": "maybe"})
    assert odd.status_code == 400
    assert _rows(rt) == rows


def test_officers_of_other_offices_get_404(app, rt, ladder):
    gro = logged_in(app, "gro_upz")
    post(gro, "/officer/blacklist/UPZ/propose", {"contact": MOBILE, "reason": "কারণ"})
    entry = _entry_id(rt)
    for username in ("gro_upz2", "ict_upz", "gro_dir", "cell", "alt_upz"):
        other = logged_in(app, username)
        assert other.get("/officer/blacklist/UPZ").status_code == 404, username
        for path in ("propose", f"entries/{entry}/decide", f"entries/{entry}/lift"):
            data = {"contact": "01811111111", "reason": "r", "decision": "approve"}
            assert post(other, f"/officer/blacklist/UPZ/{path}", data).status_code == 404
    assert post(gro, f"/officer/blacklist/UPZ/entries/{entry}/decide",
                {"decision": "approve"}).status_code == 404  # fmt: skip
    assert logged_in(app, "gro_upz2").get("/officer/blacklist/NOPE").status_code == 404
    assert _rows(rt) == (1, 1)


def test_the_offices_page_lists_where_the_officer_works_on_a_blacklist(app, rt, ladder):
    html = _html(logged_in(app, "ao_dist").get("/officer/blacklist"))
    codes = re.findall(r'href="/officer/blacklist/([A-Z0-9]+)"', html)
    assert codes == ["DIST", "UPZ", "UPZ2"]  # its own office as GRO, both below as appeal officer
    assert re.findall(r'href="/officer/blacklist/([A-Z0-9]+)"',
                      _html(logged_in(app, "ict_upz").get("/officer/blacklist"))) == []  # fmt: skip


def test_no_log_line_holds_the_contact(app, rt, ladder, caplog):
    caplog.set_level(logging.DEBUG)
    gro, ao = logged_in(app, "gro_upz"), logged_in(app, "ao_dist")
    post(gro, "/officer/blacklist/UPZ/propose", {"contact": "rahim@example.com", "reason": "r"})
    post(ao, f"/officer/blacklist/UPZ/entries/{_entry_id(rt)}/decide", {"decision": "approve"})
    post(gro, "/officer/blacklist/UPZ/propose", {"contact": MOBILE, "reason": "r"})
    lines = [r.getMessage() for r in caplog.records]
    assert any("blacklist_approved" in line and '"contact_kind": "email"' in line for line in lines)
    assert not [line for line in lines if "example.com" in line or MOBILE[-6:] in line]
