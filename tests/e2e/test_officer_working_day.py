"""An officer's working day in Bangla at 360 and 1280 px: search the queue by a complainant's
name, see what is due soon and how many cases are in each state, forward a case by choosing
the office's name, be told where it went, and print a case with its history."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_officer_journey import NARROW, WIDE, log_in, open_action
from tests.support import build_ladder, lodge_case

pytestmark = pytest.mark.e2e
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize("viewport", [NARROW, WIDE], ids=["360", "1280"])
def test_search_forward_by_name_and_print(
    browser, live_server, e2e_rt, e2e_clock, screenshot_dir, viewport
):
    build_ladder(e2e_rt)
    land = lodge_case(e2e_rt, subject="জমির নামজারি হয়নি", name="করিম উদ্দিন")
    lodge_case(e2e_rt, subject="প্রশিক্ষণ পাইনি", name="রহিমা খাতুন")
    e2e_clock.set(land.due_on.isoformat())
    width = viewport["width"]
    page = log_in(browser, live_server, "gro_upz", viewport)
    assert "গ্রহণের অপেক্ষায়: ২" in page.locator(".state-counts").inner_text()
    assert page.locator(".badge.due-soon").count() == 2
    page.fill("#q", "করিম")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/officer/?q=*")  # loaded, with its styles: the click only begins it
    page.evaluate("document.fonts.ready")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 1 and "জমির নামজারি হয়নি" in rows.inner_text()
    assert page.evaluate(OVERFLOW) <= 0
    page.screenshot(path=screenshot_dir / f"officer-queue-search-{width}.png", full_page=True)

    page.click(f"a[href='/officer/cases/{land.tracking_number}']")
    page.wait_for_load_state()
    page.emulate_media(media="print")
    assert page.locator("section.actions").is_hidden()  # the print is the case and its history
    page.screenshot(path=screenshot_dir / f"officer-case-print-{width}.png", full_page=True)
    page.emulate_media(media="screen")
    expect(page.get_by_role("button", name="ইতিহাসসহ অভিযোগটি প্রিন্ট করুন")).to_be_visible()

    form = open_action(page, "অন্য দপ্তরে পাঠান")
    options = form.locator("datalist option")
    assert "অন্য উপজেলা কার্যালয় (UPZ2)" in [
        options.nth(i).get_attribute("value") for i in range(options.count())
    ]
    form.locator("input[name=target_office]").fill("অন্য উপজেলা কার্যালয় (UPZ2)")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/officer/")
    flash = page.locator(".flash").all_inner_texts()
    assert any("এখন এই দপ্তরে: অন্য উপজেলা কার্যালয়" in text for text in flash), flash
    assert page.locator("nav.officer-nav").is_visible() or width == NARROW["width"]
    page.screenshot(path=screenshot_dir / f"officer-forwarded-{width}.png", full_page=True)
    page.context.close()


def test_the_office_page_fits_a_phone(browser, live_server, e2e_rt, screenshot_dir):
    build_ladder(e2e_rt)
    page = log_in(browser, live_server, "admin", NARROW)
    page.goto(f"{live_server}/officer/admin/offices/UPZ")
    page.evaluate("document.fonts.ready")
    page.screenshot(path=screenshot_dir / "officer-admin-office-360.png", full_page=True)
    assert page.evaluate(OVERFLOW) <= 0
    page.context.close()
