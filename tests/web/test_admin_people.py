"""Administration of officers: accounts, disabling, absences; and the audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grs.db.models import AuditEntry, Officer
from tests.support import build_ladder, lodge_case
from tests.web.officer_support import is_login_redirect, logged_in, login, post

PAGE = "/officer/admin/officers"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


@pytest.fixture
def admin(app, ladder):
    return logged_in(app, "admin")


def test_creating_an_officer(app, admin, rt):
    data = {"username": "newgro", "name": "নতুন কর্মকর্তা", "password": "a-long-password-1"}
    response = post(admin, PAGE, data, page=PAGE)
    assert response.status_code == 302
    assert login(app.test_client(), "newgro", "a-long-password-1").status_code == 302
    weak = post(admin, PAGE, {**data, "username": "other", "password": "short"}, page=PAGE)
    assert weak.status_code == 400 and "কমপক্ষে ১০টি অক্ষর" in weak.text
    taken = post(admin, PAGE, data, page=PAGE)
    assert taken.status_code == 400 and "আগেই নেওয়া হয়েছে" in taken.text
    with rt.db.read_session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "officer_created")).one()
        assert entry.target == "officer:newgro" and "password" not in str(entry.detail)


def test_disabling_ends_the_officers_sessions(app, admin, rt):
    officer = logged_in(app, "gro_upz")
    asked = post(admin, f"{PAGE}/gro_upz/active", {"active": "0"}, page=PAGE)
    assert asked.status_code == 200 and "gro_upz অ্যাকাউন্টটি নিষ্ক্রিয় করবেন?" in asked.text
    assert officer.get("/officer/").status_code == 200  # nothing happened before the answer
    response = post(admin, f"{PAGE}/gro_upz/active", {"active": "0", "confirmed": "1"}, page=PAGE)
    assert response.status_code == 302
    assert is_login_redirect(officer.get("/officer/"))
    assert login(app.test_client(), "gro_upz").status_code == 403
    post(admin, f"{PAGE}/gro_upz/active", {"active": "1"}, page=PAGE)
    assert login(app.test_client(), "gro_upz").status_code == 302
    own = post(admin, f"{PAGE}/admin/active", {"active": "0", "confirmed": "1"}, page=PAGE)
    assert own.status_code == 400
    with rt.db.read_session() as s:
        assert s.scalars(select(Officer.active).where(Officer.username == "admin")).one()


def test_an_absence_hands_the_queue_to_the_alternate(app, admin, rt):
    case = lodge_case(rt)
    data = {"starts_on": "2026-11-23", "ends_on": "2026-11-26", "reason": "প্রশিক্ষণ"}
    assert post(admin, f"{PAGE}/gro_upz/absences", data, page=PAGE).status_code == 302
    assert case.tracking_number in logged_in(app, "alt_upz").get("/officer/").text
    assert "২৩ নভেম্বর ২০২৬" in admin.get(PAGE).text
    assert 'type="date"' not in admin.get(PAGE).text
    typed = {"starts_on": "২০২৬-১২-১০", "ends_on": "২০২৬-১২-১১", "reason": "ছুটি"}
    assert post(admin, f"{PAGE}/gro_upz/absences", typed, page=PAGE).status_code == 302
    assert "১০ ডিসেম্বর ২০২৬" in admin.get(PAGE).text
    backwards = {"starts_on": "2026-11-26", "ends_on": "2026-11-23"}
    assert post(admin, f"{PAGE}/gro_upz/absences", backwards, page=PAGE).status_code == 400
    assert post(admin, f"{PAGE}/nobody/absences", data, page=PAGE).status_code == 400


def test_the_audit_trail_shows_logins_refusals_and_changes(app, admin, rt):
    login(app.test_client(), "gro_upz", "wrong-password-here")
    logged_in(app, "gro_upz").get("/officer/admin/")  # refused: not an administrator
    html = admin.get("/officer/admin/audit").text
    for text in ("লগইন ব্যর্থ", "প্রত্যাখ্যাত", "not_admin", "gro_upz", "UPZ"):
        assert text in html
    only_logins = admin.get("/officer/admin/audit?kind=login").text
    assert "লগইন ব্যর্থ" in only_logins and "not_admin" not in only_logins


@pytest.mark.parametrize("how", ["end", "delete"])
def test_an_absence_can_be_ended_or_deleted(app, admin, rt, clock, how):
    from grs.db.models import Absence

    case = lodge_case(rt)
    data = {"starts_on": "2026-11-20", "ends_on": "2026-11-30", "reason": "প্রশিক্ষণ"}
    post(admin, f"{PAGE}/gro_upz/absences", data, page=PAGE)
    assert case.tracking_number in logged_in(app, "alt_upz").get("/officer/").text
    with rt.db.read_session() as s:
        absence_id = s.scalars(select(Absence.id)).one()
    done = post(admin, f"{PAGE}/gro_upz/absences/{absence_id}/end", {"how": how}, page=PAGE)
    assert done.status_code == 302
    assert case.tracking_number not in logged_in(app, "alt_upz").get("/officer/").text
    with rt.db.read_session() as s:
        left = s.scalars(select(Absence)).all()
        if how == "end":  # kept, as the record of the days the officer was away
            assert [(a.starts_on.isoformat(), a.ends_on.isoformat()) for a in left] == [
                ("2026-11-20", "2026-11-22")
            ]
        else:
            assert left == []
    again = post(admin, f"{PAGE}/gro_upz/absences/999/end", {"how": how}, page=PAGE)
    assert again.status_code == 404 and "এমন কোনো অনুপস্থিতি নেই" in again.text
