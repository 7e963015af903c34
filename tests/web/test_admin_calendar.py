"""The holiday calendar: an administrator sees a year's holidays with kind and source, adds or
removes a date, and is told how many open deadlines moved."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from grs.db.models import AuditEntry
from tests.support import build_ladder, load, lodge_case
from tests.web.officer_support import logged_in, post


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def change(client, **fields: str):
    page = "/officer/admin/holidays?year=2026"
    return post(client, "/officer/admin/holidays?year=2026", fields, page=page)


def test_the_year_lists_every_holiday_with_kind_and_source(app, ladder):
    html = logged_in(app, "admin").get("/officer/admin/holidays?year=2026").text
    assert "ছুটির তালিকা ২০২৬" in html
    assert "বিজয় দিবস" in html and "১৬ ডিসেম্বর ২০২৬" in html
    assert "সাধারণ ছুটি" in html and "নির্বাহী আদেশে ছুটি" in html
    assert "সরকারি তালিকা ২০২৬" in html and "official list 2026" not in html
    english = logged_in(app, "admin").get("/officer/admin/holidays?year=2026&lang=en").text
    assert "Victory Day" in english and "Holiday by executive order" in english


def test_adding_and_removing_a_holiday_moves_open_deadlines(app, rt, ladder):
    case = lodge_case(rt)
    before = case.due_on
    client = logged_in(app, "admin")
    response = change(client, date="2026-12-01", action="add", name_bn="বিশেষ ছুটি",
                      kind="executive_order", reason="সরকারি আদেশ", source="প্রজ্ঞাপন ১২")  # fmt: skip
    assert response.status_code == 302
    html = client.get(response.headers["Location"]).text
    assert "১ ডিসেম্বর ২০২৬ তারিখে ছুটি যোগ করা হয়েছে" in html
    assert "চলমান অভিযোগের সময়সীমা বদলেছে: ১টি" in html
    assert "প্রশাসক: প্রজ্ঞাপন ১২" in html  # listed with its source
    moved = load(rt, case.tracking_number).due_on
    assert moved > before
    asked = change(client, date="2026-12-01", action="remove", reason="আদেশ প্রত্যাহার")
    assert asked.status_code == 200 and "১ ডিসেম্বর ২০২৬ তারিখের ছুটি বাতিল করবেন?" in asked.text
    assert load(rt, case.tracking_number).due_on == moved  # asked first, nothing changed yet
    response = change(
        client, date="2026-12-01", action="remove", reason="আদেশ প্রত্যাহার", confirmed="1"
    )
    html = client.get(response.headers["Location"]).text
    assert "বাতিল করা হয়েছে" in html and "চলমান অভিযোগের সময়সীমা বদলেছে: ১টি" in html
    assert load(rt, case.tracking_number).due_on == before
    with rt.db.read_session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action.like("holiday_%"))).all()
    assert [(e.action, e.detail["moved"], e.username) for e in entries] == [
        ("holiday_added", 1, "admin"), ("holiday_removed", 1, "admin"),
    ]  # fmt: skip


def test_a_holiday_outside_every_open_deadline_moves_none(app, rt, ladder):
    lodge_case(rt)
    client = logged_in(app, "admin")
    response = change(client, date="2026-06-10", action="add", name_en="Test", reason="test")
    assert "চলমান অভিযোগের সময়সীমা বদলেছে: ০টি" in client.get(response.headers["Location"]).text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "2026-12-01", "action": "add", "name_bn": "x"}, "এটি আবশ্যক"),  # no reason
        ({"date": "2026-12-01", "action": "add", "reason": "r"}, "এটি আবশ্যক"),  # no name
        ({"date": "1-12-2026", "action": "add", "reason": "r", "name_bn": "x"}, "তারিখ লিখুন"),
        ({"date": "2040-12-01", "action": "add", "reason": "r", "name_bn": "x"},
         "ক্যালেন্ডারে কেবল ২০২০ থেকে ২০৩৫ সাল পর্যন্ত আছে"),
        ({"date": "2026-12-16", "action": "add", "reason": "r", "name_bn": "x"},
         "ওই তারিখ আগে থেকেই ছুটি: কিছুই বদলানো হয়নি"),  # Victory Day
        ({"date": "2026-12-01", "action": "remove", "reason": "r"},
         "ওই তারিখ ছুটির দিন নয়: কিছুই বদলানো হয়নি"),  # a Tuesday
        ({"date": "2026-12-01", "action": "add", "reason": "r", "name_bn": "x", "kind": "fun"},
         "প্রদত্ত বিকল্পগুলোর একটি"),
    ],
)  # fmt: skip
def test_a_bad_change_is_refused_and_nothing_moves(app, rt, ladder, fields, message):
    case = lodge_case(rt)
    response = change(logged_in(app, "admin"), **fields)
    assert response.status_code == 400 and message in response.text
    assert load(rt, case.tracking_number).due_on == case.due_on


def test_the_date_is_typed_year_month_day_as_the_hint_says_in_either_digits(app, ladder):
    client = logged_in(app, "admin")
    html = client.get("/officer/admin/holidays?year=2026").text
    assert 'type="date"' not in html  # a date box would show the browser's mm/dd/yyyy
    assert 'id="date"' in html and 'placeholder="বছর-মাস-দিন"' in html
    response = change(client, date="২০২৬-১২-১০", action="add", name_bn="বিশেষ ছুটি", reason="আদেশ")
    assert response.status_code == 302
    assert "১০ ডিসেম্বর ২০২৬ তারিখে ছুটি যোগ করা হয়েছে" in client.get(response.headers["Location"]).text


def test_no_officer_form_has_a_browser_date_box():
    templates = Path(__file__).parents[2] / "web" / "officer" / "templates"
    boxed = [p.name for p in templates.rglob("*.html") if 'type="date"' in p.read_text()]
    assert boxed == []
