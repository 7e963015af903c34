"""A citizen's whole journey in a real Chromium, in Bangla, on a phone-sized screen: lodge with a
document, read the receipt, open the case with the tracking number, answer the officer's
question, and appeal the decision. Every page is photographed at 360 and 1280 px wide, and at
each one the Bangla font must have loaded and nothing may stick out sideways."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from grs.bangla import ascii_digits
from tests.support import build_ladder, do, load
from tests.web.test_citizen_support import pdf_bytes, png_bytes

pytestmark = pytest.mark.e2e
WIDTHS = (360, 1280)
FONT_LOADED = """async () => {
  await document.fonts.ready;
  return [...document.fonts].some(f => f.family.includes("Noto Sans Bengali")
                                       && f.status === "loaded");
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# Shown elements with Bangla (as text or typed into a box) whose font is not the shipped Bangla
# one: another font may lack the glyphs and draw empty boxes instead.
WRONG_FONT = r"""() => [...document.querySelectorAll("body *")].filter(el => {
  const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("");
  const typed = ["INPUT", "TEXTAREA"].includes(el.tagName) ? el.value : "";
  return el.getClientRects().length > 0 && /[\u0980-\u09FF]/.test(own + typed)
    && !getComputedStyle(el).fontFamily.startsWith('"Noto Sans Bengali"');
}).map(el => el.tagName + "." + el.className)"""


def shoot(page, folder: Path, name: str) -> None:
    """Photograph the page at each width, checking the font and the width first."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate(FONT_LOADED), f"{name}: the Bangla font did not load"
        assert page.evaluate(WRONG_FONT) == [], f"{name}: Bangla in another font"
        assert page.evaluate(OVERFLOW) <= 0, f"{name}: wider than the screen at {width} px"
        page.screenshot(path=folder / f"citizen-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})


def test_lodge_track_answer_and_appeal_in_bangla(
    browser, live_server, e2e_rt, screenshot_dir, tmp_path
):
    ladder = build_ladder(e2e_rt)
    deed, photo = tmp_path / "দলিল.pdf", tmp_path / "ছবি.png"
    deed.write_bytes(pdf_bytes())
    photo.write_bytes(png_bytes())
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()

    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "bn"
    shoot(page, screenshot_dir, "home")
    page.get_by_role("link", name="অভিযোগ দাখিল করুন").first.click()

    # Choose the office: typing narrows the list at once (the script), Continue opens the form.
    page.get_by_label("দপ্তর খুঁজুন").fill("উপজেলা আইসিটি")
    page.get_by_label("উপজেলা আইসিটি কার্যালয়").check()
    shoot(page, screenshot_dir, "office")
    page.get_by_role("button", name="এগিয়ে যান").click()

    service = page.get_by_label("সেবা (ঐচ্ছিক)")
    assert "প্রশিক্ষণ (১৫ কার্যদিবস)" in service.inner_text()
    service.select_option(str(ladder.services["as_needed"].id))
    page.get_by_label("বিষয়", exact=True).fill("প্রশিক্ষণের আবেদনের কোনো উত্তর পাইনি")
    page.get_by_label("বিস্তারিত বিবরণ").fill("গত মাসে আবেদন করেছি, এখনো কোনো খবর নেই।")
    page.get_by_label("নাম", exact=True).fill("রহিমা খাতুন")
    page.get_by_label("মোবাইল", exact=True).fill("০১৭১১২৩৪৫৬৭")
    shoot(page, screenshot_dir, "lodge")
    page.get_by_role("button", name="যাচাইয়ের পাতায় যান").click()
    page.wait_for_load_state()  # the click waits only for the page to begin

    assert "দাখিলের আগে আপনার অভিযোগ যাচাই করুন" in page.content()
    page.set_input_files("#f-attachments", [str(deed)])
    shoot(page, screenshot_dir, "preview")
    page.get_by_role("button", name="অভিযোগ দাখিল করুন").click()

    number = ascii_digits(page.locator(".tracking-number").inner_text()).strip()
    assert re.fullmatch(r"\d{4}-\d{4}-\d{4}", number)
    expect(page.get_by_role("button", name="রসিদটি প্রিন্ট করুন")).to_be_visible()  # script ran
    shoot(page, screenshot_dir, "ack")
    tracking = number.replace("-", "")

    # Track by hand, the keyboard only: Tab to the number, type it in Bangla digits, then Enter.
    page.goto(live_server + "/track")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-number":
            break
    page.keyboard.type(number.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")))
    page.keyboard.press("Tab")
    page.keyboard.type("01711234567")
    page.keyboard.press("Enter")
    page.wait_for_url("**/track/case")
    assert "গ্রহণের অপেক্ষায়" in page.content()
    shoot(page, screenshot_dir, "track")

    do(e2e_rt, tracking, "request_info", ladder.officer("gro_upz"), note="আবেদনের রসিদের ছবি দিন")
    page.reload()
    assert "আবেদনের রসিদের ছবি দিন" in page.content()
    shoot(page, screenshot_dir, "info-requested")
    page.get_by_label("আপনার বার্তা").fill("রসিদের ছবি সংযুক্ত করলাম।")
    page.set_input_files("#f-attachments", [str(photo)])
    page.get_by_role("button", name="উত্তর পাঠান").click()
    page.wait_for_load_state()  # the click waits only for the page to begin
    assert "আপনার উত্তর পাঠানো হয়েছে" in page.content()
    assert load(e2e_rt, tracking).state == "accepted"
    shoot(page, screenshot_dir, "answered")

    do(e2e_rt, tracking, "resolve", ladder.officer("gro_upz"), closure_reason="other")
    page.reload()
    appeal = page.get_by_role("button", name=re.compile("আপিল করুন"))
    assert "২৩ ডিসেম্বর ২০২৬" in appeal.inner_text()  # by when
    assert "জেলা আইসিটি কার্যালয়" in appeal.inner_text()  # to whom
    shoot(page, screenshot_dir, "decided")
    page.get_by_label("আপনার বার্তা").fill("প্রশিক্ষণ এখনো পাইনি।")
    appeal.click()
    page.wait_for_load_state()  # the click waits only for the page to begin
    assert "আপনার আপিল দাখিল হয়েছে" in page.content()
    case = load(e2e_rt, tracking)
    assert (case.tier, case.state) == (2, "new")
    shoot(page, screenshot_dir, "appealed")

    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()  # the click waits only for the page to begin
    assert "Your appeal" not in page.content()  # the flash was shown once, in Bangla
    assert "Now with the appeal officer." in page.content()
    shoot(page, screenshot_dir, "appealed-en")
    context.close()


def test_anonymous_complaint_with_a_mistake_first(browser, live_server, e2e_rt, screenshot_dir):
    build_ladder(e2e_rt)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(live_server + "/lodge/UPZ")
    page.get_by_label("নাম প্রকাশ না করে অভিযোগ করুন").check()
    expect(page.get_by_label("নাম", exact=True)).to_be_hidden()  # not asked for any more
    page.get_by_label("বিস্তারিত বিবরণ").fill("অফিসে ঘুষ চাওয়া হয়েছে।")
    page.get_by_role("button", name="যাচাইয়ের পাতায় যান").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()  # keyboard and screen-reader users land on the problems
    assert "বিষয়: এটি পূরণ করুন" in summary.inner_text()
    shoot(page, screenshot_dir, "lodge-errors")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("বিষয়", exact=True)).to_be_focused()
    page.keyboard.type("ঘুষ দাবি")
    page.get_by_role("button", name="যাচাইয়ের পাতায় যান").click()
    page.get_by_role("button", name="অভিযোগ দাখিল করুন").click()

    code = page.locator(".receipt-code code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){5}", code)
    shoot(page, screenshot_dir, "ack-anonymous")
    number = ascii_digits(page.locator(".tracking-number").inner_text()).strip()
    page.get_by_role("button", name="রসিদটি প্রিন্ট করুন").wait_for()

    page.goto(live_server + "/track")
    page.get_by_label("ট্র্যাকিং নম্বর").fill(number)
    page.get_by_text("নাম প্রকাশ না করে অভিযোগ করেছেন? রসিদ কোড ব্যবহার করুন").click()
    page.get_by_label("রসিদ কোড").fill(code.lower().replace("-", " "))  # as read aloud
    page.get_by_role("button", name="আমার অভিযোগ দেখান").click()
    page.wait_for_url("**/track/case")
    assert "এটি নাম প্রকাশ না করা অভিযোগ।" in page.content()
    shoot(page, screenshot_dir, "track-anonymous")
    context.close()
