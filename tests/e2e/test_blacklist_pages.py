"""The blacklist in a real browser: the GRO proposes a complainant from the case page, the
appeal officer approves on the office's blacklist page, and the next complaint from that number
carries the mark in the GRO's queue and on its case page. Screenshots land in
tests/e2e/screenshots/blacklist-*.png."""

from __future__ import annotations

import pytest

from tests.e2e.test_officer_journey import NARROW, log_in
from tests.support import build_ladder, lodge_case

pytestmark = pytest.mark.e2e


def shoot(page, directory, name: str) -> None:
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(directory / f"blacklist-{name}.png"), full_page=True)


def test_propose_approve_and_the_mark(browser, live_server, e2e_rt, screenshot_dir):
    build_ladder(e2e_rt)
    first = lodge_case(e2e_rt, subject="একই অভিযোগ আবার")
    gro = log_in(browser, live_server, "gro_upz")
    gro.goto(f"{live_server}/officer/cases/{first.tracking_number}")
    gro.click("details.blacklist-propose summary")
    gro.fill("#blacklist-reason", "গত ছয় মাসে একই মিথ্যা অভিযোগ নয়বার")
    gro.click("details.blacklist-propose button[type=submit]")
    assert "প্রস্তাব করা হয়েছে" in gro.locator("main").inner_text()

    ao = log_in(browser, live_server, "ao_dist")
    ao.goto(f"{live_server}/officer/blacklist/UPZ")
    assert "০১৭১১২৩৪৫৬৭" in ao.locator(".blacklist-entry").inner_text()
    shoot(ao, screenshot_dir, "pending")
    ao.click(".blacklist-entry button[value=approve]")
    assert "কালো তালিকাভুক্ত" in ao.locator("table").inner_text()
    shoot(ao, screenshot_dir, "approved")

    marked = lodge_case(e2e_rt, subject="নতুন অভিযোগ")
    gro.goto(f"{live_server}/officer/")
    row = gro.locator("tr", has_text="নতুন অভিযোগ")
    assert "অভিযোগকারী কালো তালিকাভুক্ত" in row.inner_text()
    assert "অভিযোগকারী কালো তালিকাভুক্ত" not in gro.locator("tr", has_text="একই অভিযোগ আবার").inner_text()
    shoot(gro, screenshot_dir, "queue")
    gro.goto(f"{live_server}/officer/cases/{marked.tracking_number}")
    assert gro.locator(".blacklist-mark").is_visible()
    shoot(gro, screenshot_dir, "case")
    narrow = log_in(browser, live_server, "ao_dist", NARROW)
    narrow.goto(f"{live_server}/officer/blacklist/UPZ")
    shoot(narrow, screenshot_dir, "page-360")
