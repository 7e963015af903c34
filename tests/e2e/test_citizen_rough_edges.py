"""What a new citizen runs into on a phone in Bangla: switching language mid-form, a photo too
large to send, the office picker's search, and the words on the status badge."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

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


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_a_photo_too_large_to_send_comes_back_to_the_preview(
    browser, live_server, e2e_rt, screenshot_dir, tmp_path, script
):
    build_ladder(e2e_rt)
    settings = e2e_rt.settings
    photo = tmp_path / "ছবি.jpg"
    too_large = (settings.max_files * settings.max_upload_mb + 2) << 20
    photo.write_bytes(b"\xff\xd8" + b"0" * too_large)
    context = browser.new_context(
        viewport={"width": 360, "height": 800}, java_script_enabled=script
    )
    page = context.new_page()
    _half_filled(page, live_server)
    page.get_by_label("মোবাইল", exact=True).fill("01711234567")
    page.get_by_role("button", name="যাচাইয়ের পাতায় যান").click()
    page.set_input_files("#f-attachments", [str(photo)])
    page.get_by_role("button", name="অভিযোগ দাখিল করুন").click()
    page.wait_for_load_state()
    error = page.locator("#attachments-error")
    assert "প্রতিটি ফাইল সর্বোচ্চ" in error.inner_text()
    assert "জমির নামজারি হয়নি" in page.locator("dl.summary").inner_text()
    assert page.locator("#f-attachments").get_attribute("aria-describedby").endswith("error")
    shoot(page, screenshot_dir, f"too-large-{'script' if script else 'no-script'}")
    context.close()


LONG_NAME = (
    "উপজেলা আইসিটি কার্যালয়, তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, মানিকগঞ্জ সদর উপজেলা পরিষদ ভবন, দ্বিতীয় তলা"
)


def test_the_office_picker_wraps_long_names_and_never_sends_a_hidden_office(
    browser, live_server, e2e_rt, screenshot_dir
):
    from grs.db.models import Office

    build_ladder(e2e_rt)
    with e2e_rt.db.write() as session:
        session.query(Office).filter_by(code="UPZ").one().name_bn = LONG_NAME
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(live_server + "/lodge")
    choice = page.get_by_label(LONG_NAME)
    choice.check()
    label = page.locator("label.office-choice", has_text="মানিকগঞ্জ")
    assert label.bounding_box()["height"] > 60  # wrapped onto several lines, not cut
    assert label.evaluate("el => el.scrollWidth <= el.clientWidth")
    shoot(page, screenshot_dir, "office-long-name")

    search = page.get_by_label("দপ্তর খুঁজুন")
    search.fill("পাসপোর্ট")
    no_match = page.get_by_text("আপনি যা লিখেছেন তার সঙ্গে মেলে এমন কোনো দপ্তর নেই")
    expect(no_match).to_be_visible()
    assert not choice.is_checked()  # hidden, so no longer chosen
    shoot(page, screenshot_dir, "office-no-match")
    page.get_by_role("button", name="এগিয়ে যান").click()
    page.wait_for_load_state()
    assert "/lodge/" not in page.url  # not taken to an office the citizen could not see
    assert "তালিকা থেকে দপ্তরটি বেছে নিন।" in page.content()

    search.fill("অন্য")
    expect(no_match).to_be_hidden()
    page.get_by_label("অন্য উপজেলা কার্যালয়").check()
    page.get_by_role("button", name="এগিয়ে যান").click()
    page.wait_for_url("**/lodge/UPZ2")
    context.close()


def test_pages_have_a_favicon_and_no_console_errors(browser, live_server, e2e_rt):
    build_ladder(e2e_rt)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for path in ("/", "/lodge", "/lodge/UPZ", "/track", "/officer/login"):
        page.goto(live_server + path)
        icon = page.locator("link[rel=icon]").get_attribute("href")
        assert page.request.get(live_server + icon).status == 200
    page.wait_for_timeout(300)  # the browser fetches the icon after the page
    assert errors == []
    context.close()
