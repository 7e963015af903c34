"""The quarterly citizen-charter review: an office enters its items with evidence; the district
reads the compliance table of the offices below, downloads it; others get a 404."""

from __future__ import annotations

import io
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from grs.db.models import CharterReviewEntry
from grs.reviews.items import ITEMS
from grs.services import administration as admin
from grs.services import organisation as org
from tests.support import PASSWORD, build_ladder, password_hash
from tests.web.citizen_support_pdf import pdf_bytes
from tests.web.officer_support import logged_in, token

Q = "2026-Q3"


@pytest.fixture
def ladder(rt, clock):
    built = build_ladder(rt)
    with rt.db.write() as s:
        focal = org.add_officer(s, "focal_upz2", "focal", PASSWORD, password_hash=password_hash())
        org.assign_post(s, focal, org.post_by_code(s, "UPZ2", "focal_point"))
    clock.set("2026-11-23")
    return built


def enter(client, office, item, day, data=None, name="আদেশ.pdf"):
    form = {"csrf_token": token(client, "/officer/password"), "done_on": day, "note": "অফিস আদেশ"}
    form["evidence"] = (BytesIO(data if data is not None else pdf_bytes()), name)
    return client.post(f"/officer/reviews/{office}/items/{item}?quarter={Q}", data=form,
                       content_type="multipart/form-data")  # fmt: skip


def count(rt):
    with rt.db.read_session() as s:
        return s.scalar(select(func.count(CharterReviewEntry.id)))


def test_offices_enter_items_and_the_district_sees_done_late_and_not_done(app, rt, ladder):
    upz = logged_in(app, "gro_upz")
    assert enter(upz, "UPZ", "committee_formed", "২০২৬-০৮-১০").status_code == 302  # Bangla digits
    assert enter(upz, "UPZ", "training", "2026-10-03").status_code == 302  # after the quarter
    focal = logged_in(app, "focal_upz2")  # the focal point enters for their office
    assert enter(focal, "UPZ2", "focal_points", "2026-07-01").status_code == 302
    html = (
        logged_in(app, "ao_dist").get(f"/officer/reviews/DIST?quarter={Q}").get_data(as_text=True)
    )
    assert "আওতাধীন দপ্তরসমূহের বাস্তবায়ন" in html
    assert "পরিবীক্ষণ কমিটি গঠন" in html and "সম্পন্ন" in html and "বিলম্বে" in html
    xlsx = logged_in(app, "ao_dist").get(f"/officer/reviews/DIST/export.xlsx?quarter={Q}")
    rows = list(load_workbook(io.BytesIO(xlsx.data)).active.iter_rows(values_only=True))
    header = rows[0]
    assert header[0] == "দপ্তর" and header[1 : len(ITEMS) + 1] == tuple(it.label.bn for it in ITEMS)
    by_office = {r[0]: r for r in rows[1:]}
    upz_row = by_office["উপজেলা আইসিটি কার্যালয়"]
    assert upz_row[header.index("পরিবীক্ষণ কমিটি গঠন")].startswith("সম্পন্ন")
    assert upz_row[header.index("কর্মশালা/প্রশিক্ষণ/সেমিনার আয়োজন")].startswith("বিলম্বে")
    assert upz_row[header.index("স্টেকহোল্ডারগণের সমন্বয়ে অবহিতকরণ সভা")] == "হয়নি"
    other = by_office["অন্য উপজেলা কার্যালয়"]
    assert other[header.index("ফোকাল পয়েন্ট ও বিকল্প ফোকাল পয়েন্ট কর্মকর্তা নিয়োগ")].startswith("সম্পন্ন")
    assert by_office["জেলা আইসিটি কার্যালয়"][-1] == "0"


def test_evidence_opens_for_readers_only(app, rt, ladder):
    enter(logged_in(app, "gro_upz"), "UPZ", "training", "2026-08-01")
    with rt.db.read_session() as s:
        entry_id = s.scalar(select(CharterReviewEntry.id))
    path = f"/officer/reviews/evidence/{entry_id}"
    assert logged_in(app, "ao_dist").get(path).data.startswith(b"%PDF")
    assert logged_in(app, "gro_upz2").get(path).status_code == 404


@pytest.mark.parametrize(
    ("user", "office", "status"),
    [("gro_upz2", "UPZ", 404), ("ict_upz", "UPZ", 404), ("ao_dist", "UPZ", 404)],
)
def test_only_the_office_itself_enters(app, rt, ladder, user, office, status):
    # The district's GRO reads the upazila's review but does not write it.
    assert enter(logged_in(app, user), office, "training", "2026-08-01").status_code == status
    assert count(rt) == 0


@pytest.mark.parametrize(
    ("day", "data", "name"),
    [
        ("", None, "a.pdf"),  # no date
        ("2026-06-30", None, "a.pdf"),  # before the quarter
        ("2026-12-30", None, "a.pdf"),  # in the future
        ("2026-08-01", b"", "a.pdf"),  # no evidence
        ("2026-08-01", b"<html><script>x</script>", "a.pdf"),  # not a PDF at all
    ],
)
def test_bad_entries_are_refused_with_a_message_and_nothing_kept(app, rt, ladder, day, data,
                                                                 name):  # fmt: skip
    response = enter(logged_in(app, "gro_upz"), "UPZ", "training", day, data, name)
    assert response.status_code == 400
    assert 'role="alert"' in response.get_data(as_text=True)
    assert count(rt) == 0


def test_another_office_review_is_a_404(app, ladder):
    client = logged_in(app, "gro_upz")
    assert client.get(f"/officer/reviews/UPZ2?quarter={Q}").status_code == 404
    assert client.get(f"/officer/reviews/DIST/export.csv?quarter={Q}").status_code == 404
    assert client.get("/officer/reviews/UPZ?quarter=2026-03").status_code == 400


def test_a_charter_version_of_the_quarter_shows_as_done_with_its_link(app, rt, clock, ladder):
    clock.set("2026-08-20")
    admin.save_service(rt, "cli:root", admin.ServiceInput("UPZ", "citizen", 4, "সনদ", 7))
    clock.set("2026-11-23")
    html = logged_in(app, "gro_upz").get(f"/officer/reviews/UPZ?quarter={Q}").get_data(as_text=True)
    assert "/offices/UPZ?version=1" in html
    assert "চার্টার সংস্করণ ১, প্রকাশ" in html
    assert logged_in(app, "gro_upz").get("/offices/UPZ?version=1").status_code == 200
