"""A complainant turns SMS about their case off, and on again, from the case page: the next
message to them goes by e-mail only, then by SMS again; only for the case they opened."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grs.db.models import AuditEntry, Case, Notification
from grs.services.lodging import lodge
from tests.support import build_ladder, complaint, do, lodge_case
from tests.web.conftest import csrf_token
from tests.web.officer_support import logged_in
from tests.web.test_citizen_support import MOBILE, open_case, text, token

EMAIL = "rahim@example.com"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def choose(client, sms: str, **extra: str):
    page = client.get("/track/case").get_data(as_text=True)
    return client.post("/track/sms", data={"sms": sms, "csrf_token": csrf_token(page), **extra})


def citizen_channels(rt, case_id: int, kind: str) -> list[str]:
    with rt.db.read_session() as s:
        query = select(Notification.channel).where(
            Notification.case_id == case_id,
            Notification.officer_id.is_(None),
            Notification.kind == kind,
        )
        return sorted(s.scalars(query))


def opted_out(rt, case_id: int) -> bool:
    with rt.db.read_session() as s:
        return s.get_one(Case, case_id).sms_opt_out


def test_turning_sms_off_sends_the_next_message_by_e_mail_only(rt, client, app, ladder):
    case = lodge_case(rt, email=EMAIL)
    open_case(client, case.tracking_number)
    page = client.get("/track/case")
    assert "এই অভিযোগ সম্পর্কে এসএমএস" in text(page) and "আমাকে কোনো এসএমএস পাঠাবেন না" in text(page)
    done = choose(client, "off")
    assert done.status_code == 303 and done.headers["Location"].endswith("/track/case")
    assert "আপনি আর কোনো এসএমএস পাবেন না" in text(client.get("/track/case"))
    assert opted_out(rt, case.id)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    do(rt, case.tracking_number, "request_info", gro, note="Your application number?")
    assert citizen_channels(rt, case.id, "info_requested") == ["email"]
    with rt.db.read_session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "citizen_sms_off")).one()
        assert entry.target == f"case:{case.tracking_number}" and MOBILE not in str(entry.detail)
    audit = text(logged_in(app, "admin").get("/officer/admin/audit"))
    assert "অভিযোগকারী এসএমএস না পাঠাতে বলেছেন" in audit and MOBILE not in audit


def test_turning_sms_on_again_sends_sms_again(rt, client, ladder):
    case = lodge_case(rt, email=EMAIL, no_sms=True)
    open_case(client, case.tracking_number)
    client.get("/?lang=en")
    page = text(client.get("/track/case"))
    assert "You asked for no SMS." in page and "Send me SMS again" in page
    assert choose(client, "on").status_code == 303
    assert "You will get SMS about this complaint again." in text(client.get("/track/case"))
    assert not opted_out(rt, case.id)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    do(rt, case.tracking_number, "request_info", gro, note="Your application number?")
    assert citizen_channels(rt, case.id, "info_requested") == ["email", "sms"]
    assert choose(client, "on").status_code == 303  # already on: nothing changes or is recorded
    with rt.db.read_session() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("citizen_sms%")))
        assert list(actions) == ["citizen_sms_on"]


def test_the_choice_needs_csrf_and_a_known_answer(rt, client, ladder):
    case = lodge_case(rt)
    open_case(client, case.tracking_number)
    assert client.post("/track/sms", data={"sms": "off"}).status_code == 400
    client.get("/?lang=en")
    bad = choose(client, "maybe")
    assert bad.status_code == 422 and "Please choose whether you want SMS." in text(bad)
    assert not opted_out(rt, case.id)


def test_only_the_opened_case_changes(rt, client, app, ladder):
    mine = lodge_case(rt)
    theirs = lodge_case(rt, mobile="01819999999")
    stranger = app.test_client()
    refused = stranger.post("/track/sms", data={"sms": "off", "csrf_token": token(stranger)})
    assert refused.status_code == 303 and refused.headers["Location"].endswith("/track")
    open_case(client, mine.tracking_number)
    # The form names no case: one naming another is still taken for the opened one.
    named = choose(client, "off", case=str(theirs.id), number=theirs.tracking_number)
    assert named.status_code == 303
    assert opted_out(rt, mine.id) and not opted_out(rt, theirs.id)
    assert not opted_out(rt, lodge_case(rt).id)


def test_an_anonymous_case_has_no_sms_choice(rt, client, ladder):
    with rt.db.write() as s:
        lodged = lodge(rt, s, complaint(anonymous=True, name="", mobile=""))
        tracking, receipt = lodged.case.tracking_number, lodged.receipt_code
    assert open_case(client, tracking, mobile="", receipt=receipt or "").status_code == 303
    client.get("/?lang=en")
    page = client.get("/track/case").get_data(as_text=True)
    assert "This is an anonymous complaint." in page
    assert "/track/sms" not in page and "SMS about this complaint" not in page
    refused = choose(client, "off")
    assert refused.status_code == 409 and "no mobile number" in text(refused)
