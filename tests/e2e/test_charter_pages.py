"""The public charter pages in a real Chromium, in Bangla: browse the directory down to an
office, read its charter, and go from a service to the lodge form with it chosen. Each page is
photographed at 360 and 1280 px, with the Bangla font loaded and nothing sticking out."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files

import pytest

from grs.charters.parse import parse_charter
from grs.services import organisation as org
from grs.services.charter_import import import_charter
from tests.e2e.test_citizen_journey import FONT_LOADED, OVERFLOW, WIDTHS, WRONG_FONT

pytestmark = pytest.mark.e2e
MANIKGANJ = "doict.sadar.manikganj.gov.bd"
BANGLA_FONT_LOADED = """() => [...document.fonts].some(
  f => f.family.includes("Noto Sans Bengali") && f.status === "loaded")"""


def shoot(page, folder, name: str) -> None:
    page.wait_for_load_state("load")  # a click may have only begun to open the page
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        # On a busy machine the font may start loading only after the first layout.
        page.wait_for_function(BANGLA_FONT_LOADED, timeout=20_000)
        assert page.evaluate(FONT_LOADED), f"{name}: the Bangla font did not load"
        assert page.evaluate(WRONG_FONT) == [], f"{name}: Bangla in another font"
        assert page.evaluate(OVERFLOW) <= 0, f"{name}: wider than the screen at {width} px"
        page.screenshot(path=folder / f"charter-{name}-{width}.png", full_page=True)
        page.screenshot(path=folder / f"charter-{name}-{width}-first-screen.png")
    page.set_viewport_size({"width": WIDTHS[0], "height": 800})


def load_charters(rt) -> None:
    samples = files("grs.charters.samples")
    with rt.db.write() as s:
        org.upsert_office(s, org.OfficeInput("CELL", "অভিযোগ ব্যবস্থাপনা সেল", "Cell", kind="cell"))
        org.upsert_office(s, org.OfficeInput("DIST", "জেলা আইসিটি কার্যালয়, মানিকগঞ্জ", "", "CELL"))
        for name, parent in (
            ("manikganj_sadar_upazila_ict.txt", "DIST"),
            ("patgram_upazila_ict.txt", None),
            ("rajapur_upazila_ict.txt", None),
        ):
            parsed = parse_charter(samples.joinpath(name).read_text(encoding="utf-8"))
            at = datetime(2026, 11, 2, 5, tzinfo=UTC)
            import_charter(s, parsed, rt.workflow, parent, applied_by="admin", at=at)


def test_directory_to_office_charter_to_lodge_in_bangla(
    browser, live_server, e2e_rt, screenshot_dir
):
    load_charters(e2e_rt)
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()

    page.goto(live_server + "/offices")
    assert page.locator("html").get_attribute("lang") == "bn"
    shoot(page, screenshot_dir, "directory")
    page.get_by_role("link", name="ঢাকা").click()
    page.get_by_role("link", name="মানিকগঞ্জ", exact=True).click()
    page.get_by_role("link", name="মানিকগঞ্জ সদর").click()
    shoot(page, screenshot_dir, "directory-upazila")
    page.get_by_role("link", name="উপজেলা আইসিটি কার্যালয়, মানিকগঞ্জ সদর, মানিকগঞ্জ").click()

    page.wait_for_url(f"**/offices/{MANIKGANJ}")  # and loaded: content() reads the DOM so far
    content = page.content()
    assert "প্রকল্পের তথ্য প্রদান" in content and "আপনার কাছে আমাদের প্রত্যাশা" in content
    assert "বিকল্প অভিযোগ নিষ্পত্তি কর্মকর্তা" in content
    shoot(page, screenshot_dir, "office")
    page.locator("#grs").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "charter-office-ladder-360-screen.png")

    page.get_by_role("link", name="এই সেবা নিয়ে অভিযোগ করুন").nth(2).click()
    chosen = page.get_by_label("সেবা (ঐচ্ছিক)")
    assert "প্রকল্পের তথ্য প্রদান" in chosen.locator("option:checked").inner_text()

    page.goto(live_server + "/offices?q=পাটগ্রাম")
    page.locator('a[href="/offices/doict.patgram.lalmonirhat.gov.bd"]').click()
    page.wait_for_url("**/offices/doict.patgram.lalmonirhat.gov.bd")  # not the page it left
    page.wait_for_load_state()
    assert "ঊর্ধ্বতন কর্মকর্তা" in page.content()
    shoot(page, screenshot_dir, "office-superior")
    context.close()
