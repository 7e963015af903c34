"""The officer's inbox (header count, list, mark as read), the administrators' undelivered
messages with their resend button, and the citizen's choices about messages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grs.db.models import Case, Notification
from tests.notify_support import pending_rows
from tests.support import build_ladder, lodge_case
from tests.web.officer_support import logged_in, post
from tests.web.test_citizen_support import latest_tracking, submit, text


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def test_inbox_counts_lists_links_and_marks_read(rt, app, ladder):
    case = lodge_case(rt)
    lodge_case(rt)
    gro = logged_in(app, "gro_upz")
    page = gro.get("/officer/inbox")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'class="count"' in html and ">২<" in html  # two unread, in Bangla digits
    assert f"/officer/cases/{case.tracking_number}" in html
    assert "নতুন অভিযোগ" in text(page)
    with rt.db.read_session() as s:
        first = s.scalar(
            select(Notification.id).where(Notification.channel == "inbox").order_by(Notification.id)
        )
    assert post(gro, "/officer/inbox/read", {"id": str(first)}, "/officer/inbox").status_code == 302
    assert ">১<" in gro.get("/officer/inbox").get_data(as_text=True)
    assert post(gro, "/officer/inbox/read", {}, "/officer/inbox").status_code == 302
    assert 'class="count"' not in gro.get("/officer/inbox").get_data(as_text=True)


def test_marking_read_needs_csrf_and_touches_only_ones_own(rt, app, ladder):
    lodge_case(rt)
    gro = logged_in(app, "gro_upz")
    assert gro.post("/officer/inbox/read", data={}).status_code == 400  # no CSRF token
    other = logged_in(app, "gro_upz2")
    assert 'class="count"' not in other.get("/officer/inbox").get_data(as_text=True)
    with rt.db.read_session() as s:
        mine = s.scalar(select(Notification.id).where(Notification.channel == "inbox"))
    post(other, "/officer/inbox/read", {"id": str(mine)}, "/officer/inbox")
    assert 'class="count"' in gro.get("/officer/inbox").get_data(as_text=True)
    bad = post(gro, "/officer/inbox/read", {"id": "abc"}, "/officer/inbox")
    assert bad.status_code == 400


def test_administrators_see_undelivered_messages_masked_and_resend_them(rt, app, ladder):
    with rt.db.write() as s:
        pending_rows(s, 1)
        row = s.scalars(select(Notification)).one()
        row.status, row.attempts, row.last_error = "failed", 6, "gateway answered 500"
    admin = logged_in(app, "admin")
    page = admin.get("/officer/admin/messages")
    body = text(page)
    assert page.status_code == 200 and "gateway answered 500" in body
    assert "01711234567" not in body and "*********67" in body
    assert logged_in(app, "gro_upz").get("/officer/admin/messages").status_code == 403
    assert admin.post("/officer/admin/messages/resend", data={"id": "1"}).status_code == 400
    done = post(
        admin, "/officer/admin/messages/resend", {"id": str(row.id)}, "/officer/admin/messages"
    )
    assert done.status_code == 302
    with rt.db.read_session() as s:
        assert s.get_one(Notification, row.id).status == "pending"
    again = post(
        admin, "/officer/admin/messages/resend", {"id": str(row.id)}, "/officer/admin/messages"
    )
    assert again.status_code == 404


def test_a_citizen_lodging_in_english_may_refuse_sms(rt, client, ladder):
    assert "আমাকে কোনো এসএমএস পাঠাবেন না" in text(client.get("/lodge/UPZ"))
    client.get("/?lang=en")
    assert "Send me no SMS" in text(client.get("/lodge/UPZ"))
    response = submit(client, no_sms="1", email="rahim@example.com")
    assert response.status_code == 303
    tracking = latest_tracking(client)
    with rt.db.read_session() as s:
        case = s.scalars(select(Case).where(Case.tracking_number == tracking)).one()
        assert (case.language, case.sms_opt_out) == ("en", True)
        channels = s.scalars(
            select(Notification.channel).where(
                Notification.case_id == case.id, Notification.officer_id.is_(None)
            )
        ).all()
    assert channels == ["email"]
