"""What a new citizen runs into on a phone in Bangla: switching language mid-form, a photo too
large to send, the office picker's search, and the words on the status badge."""

from __future__ import annotations

import pytest

from tests.e2e.test_citizen_journey import shoot
from tests.support import build_ladder

pytestmark = pytest.mark.e2e


def _half_filled(page, live_server: str) -> None:
    page.goto(live_server + "/lodge/UPZ")
    page.get_by_label("বিষয়", exact=True).fill("জমির নামজারি হয়নি")
    page.get_by_label("বিস্তারিত বিবরণ").fill("তিন মাস আগে আবেদন করেছি।")
    page.get_by_label("নাম", exact=True).fill("করিম উদ্দিন")


def test_the_header_language_link_keeps_a_half_filled_form(
    browser, live_server, e2e_rt, screenshot_dir
):
    build_ladder(e2e_rt)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    _half_filled(page, live_server)
    page.locator("header").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_label("Subject", exact=True).input_value() == "জমির নামজারি হয়নি"
    assert page.get_by_label("Name", exact=True).input_value() == "করিম উদ্দিন"
    assert "Please fill this in" not in page.content()  # a switch is not a check
    page.locator("header").get_by_role("link", name="বাংলা").click()
    page.wait_for_load_state()
    assert page.get_by_label("বিস্তারিত বিবরণ").input_value() == "তিন মাস আগে আবেদন করেছি।"
    shoot(page, screenshot_dir, "language-kept")
    context.close()
