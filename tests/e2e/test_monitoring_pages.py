"""The dashboard and a report in a real browser, in Bangla, at 360 and 1280 px: no part of the
page runs off the side, charts draw, and the tables hold the figures. Screenshots land in
tests/e2e/screenshots/monitoring-*.png."""

from __future__ import annotations

from datetime import date

import pytest

from grs.services.escalation import sweep
from tests.integration.report_support import generate
from tests.support import PASSWORD, build_ladder

pytestmark = pytest.mark.e2e
SIZES = {"1280": {"width": 1280, "height": 900}, "360": {"width": 360, "height": 780}}


def log_in(browser, base: str, username: str, viewport):
    page = browser.new_context(viewport=viewport, locale="bn-BD").new_page()
    page.goto(f"{base}/officer/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    return page


def shoot(page, directory, name: str) -> None:
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(directory / f"monitoring-{name}.png"), full_page=True)


def page_fits(page) -> bool:
    """The page itself never scrolls sideways; wide tables scroll inside their own box."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("size", ["1280", "360"])
def test_dashboard_and_report_in_bangla(browser, live_server, e2e_rt, e2e_clock, screenshot_dir,
                                        size):  # fmt: skip
    ladder = build_ladder(e2e_rt)
    generate(e2e_rt, e2e_clock, ladder, date(2026, 7, 1), 100, seed=3)
    sweep(e2e_rt, e2e_clock.day)
    page = log_in(browser, live_server, "ao_dist", SIZES[size])
    page.goto(f"{live_server}/officer/dashboard")
    assert page.locator("h1").inner_text() == "ড্যাশবোর্ড"
    assert page.locator("section.chart svg").count() >= 2
    assert page.locator("section.chart svg").first.bounding_box()["width"] <= SIZES[size]["width"]
    assert "সেপ্টেম্বর ২০২৬" in page.locator("section.chart table").first.inner_text()
    assert page_fits(page)
    shoot(page, screenshot_dir, f"dashboard-{size}")
    page.goto(f"{live_server}/officer/reports/DIST?period=2026-Q3")
    assert "অভিযোগ প্রতিকার প্রতিবেদন" in page.locator("h1").inner_text()
    total = page.locator("section.report-block").nth(1).locator("tfoot").inner_text()
    assert "মোট" in total and any(ch in total for ch in "১২৩৪৫৬৭৮৯")
    assert page_fits(page)
    shoot(page, screenshot_dir, f"report-{size}")
    page.emulate_media(media="print")
    shoot(page, screenshot_dir, f"report-print-{size}")
