"""An officer's day in a real browser: a GRO works an overdue case from request to resolution,
the appeal officer finds a case that escalated, and an administrator adds a holiday and is told
how many deadlines moved. Screenshots of each page land in tests/e2e/screenshots/officer-*.png."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from grs.bangla import bn_digits
from grs.services.escalation import sweep
from grs.tracking import format_tracking_number
from tests.support import PASSWORD, build_ladder, do, load, lodge_case

pytestmark = pytest.mark.e2e
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 360, "height": 780}


def log_in(browser, base: str, username: str, viewport=WIDE, shots=None):
    page = browser.new_context(viewport=viewport, locale="bn-BD").new_page()
    page.goto(f"{base}/officer/login")
    if shots:
        shoot(page, shots, "login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    return page


def shoot(page, directory, name: str) -> None:
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(directory / f"officer-{name}.png"), full_page=True)


def open_action(page, label: str):
    """Open the action's fold on the case page; returns its form."""
    page.click(f"details.action summary:text-is('{label}')")
    return page.locator("details.action[open] form")


def test_an_officers_day(browser, live_server, e2e_rt, e2e_clock, screenshot_dir):
    build_ladder(e2e_rt)
    first = lodge_case(e2e_rt, subject="ই-সেবা কেন্দ্রে সেবা পাইনি", remedy_sought="সেবা চাই")
    second = lodge_case(e2e_rt, subject="প্রশিক্ষণের আবেদনের উত্তর পাইনি")
    e2e_clock.set(first.due_on + timedelta(days=2))  # the deadline has passed, not yet swept
    shown = bn_digits(format_tracking_number(first.tracking_number))

    gro = log_in(browser, live_server, "gro_upz", shots=screenshot_dir)
    assert gro.locator("h1").inner_text() == "আমার অভিযোগ তালিকা"
    row = gro.locator("tr", has_text=shown)
    assert "সময়সীমা পার" in row.inner_text()
    shoot(gro, screenshot_dir, "queue")
    narrow = log_in(browser, live_server, "gro_upz", NARROW)
    shoot(narrow, screenshot_dir, "queue-360")

    gro.click(f"a[href='/officer/cases/{first.tracking_number}']")
    assert "ই-সেবা কেন্দ্রে সেবা পাইনি" in gro.locator("h1").inner_text()
    assert "কার্যদিবস দেরি" in gro.locator(".deadline").inner_text()
    gro.click(".deadline summary")  # the days skipped, with the holidays' names
    assert "বিজয় দিবস" in gro.locator(".deadline").inner_text()
    shoot(gro, screenshot_dir, "case")

    form = open_action(gro, "অভিযোগকারীর কাছে তথ্য চান")
    form.locator("textarea[name=note]").fill("আবেদনের রসিদের কপি পাঠান।")
    form.locator("button[type=submit]").click()
    assert "তথ্য চাওয়া হয়েছে" in gro.locator(".case-status").inner_text()
    assert "সময় গণনা স্থগিত" in gro.locator(".deadline").inner_text()

    do(e2e_rt, first.tracking_number, "answer_info", note="রসিদের কপি সংযুক্ত করলাম।")
    gro.reload()
    assert "গৃহীত" in gro.locator(".case-status").inner_text()
    assert "রসিদের কপি সংযুক্ত করলাম।" in gro.locator(".timeline").inner_text()
    form = open_action(gro, "নিষ্পত্তি করুন")
    form.locator("select[name=closure_reason]").select_option("service_given")
    form.locator("textarea[name=note]").fill("সেবা প্রদান করা হয়েছে।")
    form.locator("button[type=submit]").click()
    assert "নিষ্পত্তি হয়েছে" in gro.locator(".case-status").inner_text()
    assert "সম্পন্ন" in gro.locator(".flash").inner_text()
    shoot(gro, screenshot_dir, "case-resolved")
    assert load(e2e_rt, first.tracking_number).state == "resolved"

    report = sweep(e2e_rt, e2e_clock.day)  # the worker's run: the other case climbs
    assert report.escalated == {1: 1}
    appeal = log_in(browser, live_server, "ao_dist")
    row = appeal.locator("tr", has_text=bn_digits(format_tracking_number(second.tracking_number)))
    assert "২ · আপিল কর্মকর্তা" in row.inner_text()
    shoot(appeal, screenshot_dir, "appeal-queue")
    appeal.click(f"a[href='/officer/cases/{second.tracking_number}']")
    assert "সময়সীমা পার হওয়ায় পরের ধাপে গেছে" in appeal.locator(".timeline").inner_text()
    due_before = appeal.locator(".deadline .due").inner_text()

    escalated = load(e2e_rt, second.tracking_number)
    with e2e_rt.db.read_session() as session:
        holiday = e2e_rt.calendar(session).add_working_days(escalated.tier_started_on, 3)
    admin = log_in(browser, live_server, "admin")
    admin.goto(f"{live_server}/officer/admin/holidays?year={holiday.year}")
    admin.fill("#date", holiday.isoformat())
    admin.fill("#name_bn", "বিশেষ সাধারণ ছুটি")
    admin.fill("#name_en", "Special public holiday")
    admin.fill("#source", "মন্ত্রিপরিষদ বিভাগের প্রজ্ঞাপন")
    admin.fill("#reason", "সরকারি ঘোষণা")
    admin.click("form.grid-form button[type=submit]")
    flash = admin.locator(".flash").inner_text()
    assert "চলমান অভিযোগের সময়সীমা বদলেছে: ১টি" in flash
    assert "বিশেষ সাধারণ ছুটি" in admin.locator("table.holidays").inner_text()
    shoot(admin, screenshot_dir, "admin-holidays")

    appeal.reload()
    assert appeal.locator(".deadline .due").inner_text() != due_before
    assert "সময়সীমা পুনর্গণনা করা হয়েছে" in appeal.locator(".timeline").inner_text()
    shoot(appeal, screenshot_dir, "appeal-case")
    assert re.search(r"[০-৯]", due_before)  # dates in Bangla digits
