"""The public charter pages: an office's charter and the office directory, with no login."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from sqlalchemy import select

from grs.charters.parse import parse_charter
from grs.db.models import Service
from grs.services import organisation as org
from grs.services.charter_import import import_charter

WEB = Path(__file__).resolve().parents[2] / "web"
MANIKGANJ = "doict.sadar.manikganj.gov.bd"
PATGRAM = "doict.patgram.lalmonirhat.gov.bd"


def sample(name: str) -> str:
    return files("grs.charters.samples").joinpath(name).read_text(encoding="utf-8")


def load(rt, name: str, at: datetime | None = None, text: str | None = None, parent=None):
    with rt.db.write() as s:
        parsed = parse_charter(text or sample(name))
        return import_charter(s, parsed, rt.workflow, parent, applied_by="admin", at=at)


@pytest.fixture
def offices(rt):
    with rt.db.write() as s:
        org.upsert_office(s, org.OfficeInput("CELL", "অভিযোগ ব্যবস্থাপনা সেল", "Cell", kind="cell"))
        org.upsert_office(s, org.OfficeInput("DIST", "জেলা আইসিটি কার্যালয়, মানিকগঞ্জ", "", "CELL"))
    load(rt, "manikganj_sadar_upazila_ict.txt", datetime(2026, 10, 5, tzinfo=UTC), parent="DIST")
    load(rt, "patgram_upazila_ict.txt", datetime(2026, 11, 1, tzinfo=UTC))


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_office_page_shows_services_by_category_with_every_field(client, offices):
    html = page(client, f"/offices/{MANIKGANJ}")
    assert "উপজেলা আইসিটি কার্যালয়, মানিকগঞ্জ সদর, মানিকগঞ্জ" in html
    for heading in ("নাগরিক", "প্রাতিষ্ঠানিক", "অভ্যন্তরীণ"):
        assert heading in html or heading in html.replace("সেবা", "")
    assert "প্রকল্পের তথ্য প্রদান" in html  # a citizen service
    assert "সেবা প্রদান পদ্ধতি" in html and "সেবার মূল্য ও পরিশোধ পদ্ধতি" in html
    assert "৪৫ কার্যদিবস" in html  # institutional 5, in Bangla digits
    assert "01676435477" in html or "০১৬৭৬৪৩৫৪৭৭" in html  # the responsible officer's phone


def test_office_page_names_the_superior_officer(client, offices):
    html = page(client, f"/offices/{PATGRAM}")
    assert "ঊর্ধ্বতন কর্মকর্তা" in html
    assert "অনিমেঘ চন্দ্র বসুনিয়া" in html


def test_office_page_shows_the_ladder_expectations_and_update_date(client, offices):
    html = page(client, f"/offices/{MANIKGANJ}")
    assert "বিকল্প অভিযোগ নিষ্পত্তি কর্মকর্তা" in html  # the alternate GRO
    assert "জেলা আইসিটি কার্যালয়, মানিকগঞ্জ" in html  # the appeal officer's office
    assert "অভিযোগ ব্যবস্থাপনা সেল" in html
    assert "স্বয়ংসম্পূর্ণ আবেদন জমা প্রদান" in html  # what we expect from you
    assert "চার্টার সর্বশেষ হালনাগাদ" in html and "২০২৬" in html


def test_each_service_links_to_the_lodge_form_with_it_chosen(client, rt, offices):
    with rt.db.read_session() as s:
        service = s.scalar(
            select(Service).where(Service.name == "প্রকল্পের তথ্য প্রদান", Service.category == "citizen")
        )
        service_id = service.id
    html = page(client, f"/offices/{MANIKGANJ}")
    link = f"/lodge/{MANIKGANJ}?service={service_id}"
    assert link in html
    form = page(client, link)
    assert f'<option value="{service_id}" selected>' in form


def test_english_page(client, offices):
    html = page(client, f"/offices/{MANIKGANJ}?lang=en")
    assert "Superior officer" not in html  # Manikganj's charter names none
    assert "Complain about this service" in html and "What we expect from you" in html
    assert "working days" in html


def test_unknown_office_and_version_are_404(client, offices):
    assert client.get("/offices/nowhere").status_code == 404
    assert client.get(f"/offices/{MANIKGANJ}?version=99").status_code == 404
    assert client.get(f"/offices/{MANIKGANJ}?version=abc").status_code == 404
    assert client.get("/offices/CELL").status_code == 404


def test_an_earlier_version_is_shown_as_it_was(client, rt, offices):
    changed = sample("manikganj_sadar_upazila_ict.txt").replace(
        "প্রকল্পের তথ্য প্রদান", "প্রকল্পের হালনাগাদ তথ্য প্রদান"
    )
    report = load(rt, "", datetime(2026, 11, 20, tzinfo=UTC), text=changed)
    assert report.version == 2
    now = page(client, f"/offices/{MANIKGANJ}")
    assert "প্রকল্পের হালনাগাদ তথ্য প্রদান" in now and "সংস্করণ ২" in now
    before = page(client, f"/offices/{MANIKGANJ}?version=1")
    assert "প্রকল্পের তথ্য প্রদান" in before and "পুরোনো সংস্করণ" in before
    assert "/lodge/" + MANIKGANJ + "?service=" not in before  # no complaints against the past


def test_directory_browses_division_district_upazila_office(client, offices):
    top = page(client, "/offices")
    assert "ঢাকা" in top and "রংপুর" in top
    division = page(client, "/offices?division=ঢাকা")
    assert "মানিকগঞ্জ" in division and "লালমনিরহাট" not in division
    district = page(client, "/offices?division=ঢাকা&district=মানিকগঞ্জ")
    assert "মানিকগঞ্জ সদর" in district
    upazila = page(client, "/offices?division=ঢাকা&district=মানিকগঞ্জ&upazila=মানিকগঞ্জ সদর")
    assert f"/offices/{MANIKGANJ}" in upazila and f"/offices/{PATGRAM}" not in upazila


def test_directory_search(client, offices):
    html = page(client, "/offices?q=পাটগ্রাম")
    assert f"/offices/{PATGRAM}" in html and f"/offices/{MANIKGANJ}" not in html
    assert "কোনো দপ্তর পাওয়া যায়নি" in page(client, "/offices?q=zzzz")


def test_pages_need_no_login_and_have_print_styles(client, offices):
    html = page(client, f"/offices/{MANIKGANJ}")
    assert "charter.css" in html
    css = (WEB / "static/css/charter.css").read_text(encoding="utf-8")
    assert "@media print" in css


def test_every_charter_message_has_a_bangla_translation():
    found = extract_from_dir(
        str(WEB.parent),
        method_map=[("web/charter/**.py", "python"), ("web/charter/templates/**.html", "jinja2")],
        keywords=DEFAULT_KEYWORDS,
    )
    used = {message for _f, _l, message, _c, _ctx in found}
    catalog = read_po((WEB / "charter/translations/bn/LC_MESSAGES/messages.po").open("rb"))
    translated = {m.id: m.string for m in catalog if m.id and m.context == "charter"}
    assert not sorted(m for m in used if not translated.get(m))
    assert not sorted(set(translated) - used)
