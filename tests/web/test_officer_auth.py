"""Officer login, throttling per account and address, session expiry, and ending every session
at once."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from grs.db.models import AuditEntry, LoginAttempt
from grs.services import accounts
from grs.services import organisation as org
from tests.support import PASSWORD, build_ladder
from tests.web.officer_support import (
    MinuteClock,
    is_login_redirect,
    logged_in,
    login,
    post,
    token,
)


@pytest.fixture
def clock():
    return MinuteClock("2026-11-23")


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def audit_actions(rt, username=None):
    with rt.db.read_session() as s:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if username:
            query = query.where(AuditEntry.username == username)
        return [(e.action, e.offices) for e in s.scalars(query)]


def test_login_opens_the_queue_and_is_audited(app, client, rt, ladder, caplog):
    caplog.set_level(logging.INFO, logger="grs.audit")
    response = login(client, "gro_upz")
    assert response.status_code == 302 and response.headers["Location"] == "/officer/"
    page = client.get("/officer/")
    assert page.status_code == 200 and "আমার অভিযোগ তালিকা" in page.get_data(as_text=True)
    assert audit_actions(rt, "gro_upz") == [("login", "UPZ")]
    assert any("officer=gro_upz offices=UPZ action=login" in r.message for r in caplog.records)
    # Remember-me is off: only the session cookie, nothing that outlives the browser.
    assert client.get_cookie("remember_token") is None


def test_wrong_and_unknown_logins_get_the_same_answer(client, rt, ladder):
    wrong = login(client, "gro_upz", "not-the-password")
    unknown = login(client, "nobody", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    text = "ব্যবহারকারীর নাম অথবা পাসওয়ার্ড ভুল"
    assert text in wrong.get_data(as_text=True) and text in unknown.get_data(as_text=True)
    assert audit_actions(rt) == [("login_failed", "UPZ"), ("login_failed", "")]
    assert is_login_redirect(client.get("/officer/"))


def test_the_login_form_needs_its_csrf_token(client, ladder):
    response = client.post("/officer/login", data={"username": "gro_upz", "password": PASSWORD})
    assert response.status_code == 400
    assert is_login_redirect(client.get("/officer/"))


HOME, STRANGER = {"REMOTE_ADDR": "10.0.0.7"}, {"REMOTE_ADDR": "203.0.113.9"}


def login_from(client, where, username, password=PASSWORD):
    data = {"csrf_token": token(client), "username": username, "password": password}
    return client.post("/officer/login", data=data, environ_base=where)


def test_five_failures_from_one_address_make_it_wait(app, client, rt, clock, ladder):
    for _ in range(5):
        assert login(client, "gro_upz", "wrong-password-here").status_code == 401
        clock.advance_minutes(0.1)
    refused = login(client, "gro_upz")  # the right password, but too soon after the fifth
    assert refused.status_code == 429
    assert "কয়েক মিনিট অপেক্ষা করুন" in refused.get_data(as_text=True)
    assert is_login_redirect(client.get("/officer/"))
    assert login(app.test_client(), "alt_upz").status_code == 302  # another account: unaffected
    assert audit_actions(rt, "gro_upz")[-1] == ("login_throttled", "UPZ")
    clock.advance_minutes(1)  # a minute after the last failure
    assert login(client, "gro_upz").status_code == 302
    with rt.db.read_session() as s:  # a success clears the address's count
        assert not s.scalars(select(LoginAttempt).where(LoginAttempt.username == "gro_upz")).all()


def test_the_wait_doubles_with_every_further_failure(client, clock, ladder):
    for _ in range(5):
        login(client, "gro_upz", "wrong-password-here")
    waits = []
    for _ in range(3):  # the sixth, seventh and eighth failures, each as soon as allowed
        minutes = 0
        while login(client, "gro_upz", "wrong-password-here").status_code == 429:
            clock.advance_minutes(0.5)
            minutes += 0.5
        waits.append(minutes)
    assert waits == [1, 2, 4]
    clock.advance_minutes(7.5)
    assert login(client, "gro_upz").status_code == 429  # the ninth try waits eight minutes
    clock.advance_minutes(0.5)
    assert login(client, "gro_upz").status_code == 302


def test_a_stranger_hammering_an_account_does_not_lock_its_officer_out(app, rt, clock, ladder):
    stranger, officer = app.test_client(), app.test_client()
    for _ in range(30):
        login_from(stranger, STRANGER, "gro_upz", "guess-guess-guess")
        clock.advance_minutes(0.05)
    assert login_from(stranger, STRANGER, "gro_upz").status_code == 429  # he waits
    assert login_from(officer, HOME, "gro_upz").status_code == 302  # the officer does not
    admin = logged_in(app, "admin")
    page = admin.get("/officer/admin/officers").get_data(as_text=True)
    assert "আক্রমণের মুখে থাকা অ্যাকাউন্ট" in page and "gro_upz" in page
    with rt.db.read_session() as s:
        attacked = accounts.accounts_under_attack(s, rt.now())
    assert [(a.username, a.addresses) for a in attacked] == [("gro_upz", 1)]


def test_accounts_under_attack_are_logged_once(app, rt, ladder, caplog):
    caplog.set_level(logging.WARNING, logger="grs.security")
    client = app.test_client()
    for n in range(15):  # many addresses, one failure each
        where = {"REMOTE_ADDR": f"198.51.100.{n}"}
        assert login_from(client, where, "ao_dist", "guess-guess-guess").status_code == 401
    warned = [r.getMessage() for r in caplog.records if r.name == "grs.security"]
    assert warned == ["account 'ao_dist': 10 failed logins within an hour"]
    with rt.db.read_session() as s:
        attacked = accounts.accounts_under_attack(s, rt.now())
    assert [(a.username, a.failures, a.addresses) for a in attacked] == [("ao_dist", 15, 15)]


def test_throttled_in_english(client, ladder):
    for _ in range(5):
        login(client, "gro_upz", "wrong-password-here")
    response = client.post(
        "/officer/login?lang=en",
        data={"csrf_token": token(client), "username": "gro_upz", "password": PASSWORD},
    )
    assert response.status_code == 429
    assert "Too many failed attempts for this account" in response.get_data(as_text=True)


def test_a_session_ends_after_30_idle_minutes(app, clock, ladder):
    client = logged_in(app, "gro_upz")
    for _ in range(4):  # in use every 29 minutes: stays open
        clock.advance_minutes(29)
        assert client.get("/officer/").status_code == 200
    clock.advance_minutes(31)
    response = client.get("/officer/")
    assert is_login_redirect(response)
    follow = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "আপনার সেশন শেষ হয়েছে" in follow
    assert client.get("/officer/").status_code == 302  # and it stays ended


def test_a_session_ends_12_hours_after_login_however_busy(app, clock, ladder):
    client = logged_in(app, "gro_upz")
    for _ in range(35):  # 11 h 40 min of steady work
        clock.advance_minutes(20)
        assert client.get("/officer/").status_code == 200
    clock.advance_minutes(21)
    assert is_login_redirect(client.get("/officer/"))


def test_logout_ends_every_session_of_the_officer(app, ladder):
    first, second = logged_in(app, "gro_upz"), logged_in(app, "gro_upz")
    other = logged_in(app, "alt_upz")
    stolen = first.get_cookie("session").value
    response = post(first, "/officer/logout")
    assert is_login_redirect(response)
    assert is_login_redirect(first.get("/officer/"))
    assert is_login_redirect(second.get("/officer/"))  # the second device too
    replay = app.test_client()
    replay.set_cookie("session", stolen)  # a copy of the old cookie is worthless
    assert is_login_redirect(replay.get("/officer/"))
    assert other.get("/officer/").status_code == 200  # another officer: unaffected


def test_logout_is_a_post_with_csrf(app, ladder):
    client = logged_in(app, "gro_upz")
    assert client.get("/officer/logout").status_code == 405
    assert client.post("/officer/logout").status_code == 400
    assert client.get("/officer/").status_code == 200


def test_password_change_ends_every_session(app, rt, ladder):
    first, second = logged_in(app, "gro_upz"), logged_in(app, "gro_upz")
    new = "a-new-long-password"
    data = {"current": PASSWORD, "new_password": new, "confirm_password": new}
    response = post(first, "/officer/password", data, page="/officer/password")
    assert is_login_redirect(response)
    assert is_login_redirect(first.get("/officer/"))
    assert is_login_redirect(second.get("/officer/"))
    assert login(app.test_client(), "gro_upz").status_code == 401
    assert login(app.test_client(), "gro_upz", new).status_code == 302
    assert ("password_changed", "UPZ") in audit_actions(rt, "gro_upz")


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        ("wrong-password-x", "a-new-long-password", "a-new-long-password", "বর্তমান পাসওয়ার্ডটি ভুল"),
        (PASSWORD, "short", "short", "কমপক্ষে ১০টি অক্ষর"),
        (PASSWORD, "a-new-long-password", "another-password", "মেলেনি"),
    ],
)
def test_a_refused_password_change_keeps_the_session(app, ladder, current, new, confirm, message):
    client = logged_in(app, "gro_upz")
    data = {"current": current, "new_password": new, "confirm_password": confirm}
    response = post(client, "/officer/password", data, page="/officer/password")
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert client.get("/officer/").status_code == 200
    assert login(app.test_client(), "gro_upz").status_code == 302


def test_wrong_current_passwords_are_throttled_too(app, ladder):
    client = logged_in(app, "gro_upz")
    data = {"current": "wrong-password-x", "new_password": "a-new-long-password"}
    data["confirm_password"] = data["new_password"]
    for _ in range(5):
        post(client, "/officer/password", data, page="/officer/password")
    response = post(client, "/officer/password", {**data, "current": PASSWORD}, "/officer/password")
    assert response.status_code == 429


def test_a_disabled_officer_is_logged_out_and_cannot_log_in(app, rt, ladder):
    client = logged_in(app, "gro_upz")
    with rt.db.write() as s:
        accounts.set_active(s, org.officer_by_username(s, "gro_upz"), False)
    assert is_login_redirect(client.get("/officer/"))
    response = login(app.test_client(), "gro_upz")
    assert response.status_code == 403 and "নিষ্ক্রিয়" in response.get_data(as_text=True)
    with rt.db.write() as s:  # enabling again does not revive the old session
        accounts.set_active(s, org.officer_by_username(s, "gro_upz"), True)
    assert is_login_redirect(client.get("/officer/"))


def test_after_login_the_page_asked_for_opens(client, ladder):
    first = client.get("/officer/lodge")
    assert first.headers["Location"] == "/officer/login?next=/officer/lodge"
    response = login(client, "gro_upz", next="/officer/lodge")
    assert response.headers["Location"] == "/officer/lodge"


OFF_SITE = [
    "//evil.example/x",
    "https://evil.example/",
    "/\\evil",
    "/\tevil.example/",
    "/\t/evil.example/",
    "/%09/evil.example/",
    "/%2F/evil.example/",
    "/%5Cevil.example/",
    "/\n/evil.example/",
    "/\r\nSet-Cookie: x=1",
    "javascript:alert(1)",
    " //evil.example/",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_login_never_redirects_off_site(client, ladder, target):
    response = login(client, "gro_upz", next=target)
    assert response.status_code == 302 and response.headers["Location"] == "/officer/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_logged_in_officer_is_never_sent_off_site(app, ladder, target):
    client = logged_in(app, "gro_upz")
    response = client.get("/officer/login", query_string={"next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/officer/"
