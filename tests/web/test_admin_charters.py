"""Charter management on the web: upload, preview, apply on confirmation, retire a service;
only administrators, with CSRF, and files checked for type and size."""

from __future__ import annotations

import re
from importlib.resources import files
from io import BytesIO

import pytest
from sqlalchemy import select

from grs.db.models import CharterVersion, OfficeAppealOfficer, Service
from grs.services import organisation as org
from tests.support import build_ladder
from tests.web.officer_support import logged_in, token

PAGE = "/officer/admin/charters"
CODE = "doict.sadar.manikganj.gov.bd"


def sample() -> bytes:
    name = "manikganj_sadar_upazila_ict.txt"
    return files("grs.charters.samples").joinpath(name).read_bytes()


@pytest.fixture
def admin(app, rt):
    build_ladder(rt)
    return logged_in(app, "admin")


def upload(client, data: bytes, name: str = "charter.txt", kind: str = "text/plain"):
    form = {"csrf_token": token(client, PAGE), "charter": (BytesIO(data), name, kind)}
    return client.post(f"{PAGE}/preview", data=form, content_type="multipart/form-data")


def carried(html: str) -> str:
    found = re.search(r'name="charter" value="([^"]+)"', html)
    assert found
    return found.group(1)


def apply(client, html: str):
    data = {"csrf_token": token(client, PAGE), "charter": carried(html)}
    return client.post(f"{PAGE}/apply", data=data)


def version_count(rt) -> int:
    with rt.db.read_session() as s:
        return len(list(s.scalars(select(CharterVersion))))


def test_upload_previews_then_applies_on_confirmation(admin, rt):
    preview = upload(admin, sample())
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "যোগ হওয়া সেবা (১৭)" in html and "নতুন দপ্তর" in html
    assert version_count(rt) == 0  # nothing kept by the preview
    applied = apply(admin, html)
    assert applied.status_code == 303 and applied.headers["Location"].endswith(f"/offices/{CODE}")
    assert version_count(rt) == 1
    again = upload(admin, sample()).get_data(as_text=True)
    assert "কিছুই বদলাবে না" in again and 'name="charter" value=' not in again


def test_bad_uploads_get_a_message_and_400(admin, rt):
    assert upload(admin, sample(), name="charter.pdf").status_code == 400
    assert upload(admin, sample(), kind="image/png").status_code == 400
    big = upload(admin, b"x" * (1024 * 1024 + 10))
    assert big.status_code == 400 and "১ মেগাবাইটের" in big.get_data(as_text=True)
    form = {"csrf_token": token(admin, PAGE)}
    assert admin.post(f"{PAGE}/preview", data=form).status_code == 400
    forged = {"csrf_token": token(admin, PAGE), "charter": "not base64!"}
    assert admin.post(f"{PAGE}/apply", data=forged).status_code == 400
    assert version_count(rt) == 0


def test_without_csrf_or_as_an_officer_nothing_happens(app, admin, rt):
    no_token = {"charter": (BytesIO(sample()), "charter.txt", "text/plain")}
    response = admin.post(f"{PAGE}/preview", data=no_token, content_type="multipart/form-data")
    assert response.status_code == 400
    officer = logged_in(app, "gro_upz")
    assert officer.get(PAGE).status_code in (403, 404)
    assert version_count(rt) == 0


def test_retire_a_service_from_the_office_page(admin, rt):
    with rt.db.read_session() as s:
        service = s.scalar(select(Service).where(Service.name == "পরামর্শ"))
    response = admin.post(
        f"/officer/admin/offices/UPZ/services/{service.id}/retire",
        data={"csrf_token": token(admin, "/officer/admin/offices/UPZ")},
    )
    assert response.status_code == 302
    with rt.db.read_session() as s:
        assert s.get(Service, service.id) is None  # no case referred to it
    missing = admin.post(
        "/officer/admin/offices/UPZ/services/999999/retire",
        data={"csrf_token": token(admin, "/officer/admin/offices/UPZ")},
    )
    assert missing.status_code == 400
    assert "এমন কোনো সেবা নেই" in missing.get_data(as_text=True)


def test_editing_one_service_changes_its_charter_fields_and_makes_a_version(admin, rt):
    page = "/officer/admin/offices/UPZ"
    data = {
        "category": "citizen", "number": "2", "name": "প্রশিক্ষণ", "time_limit_days": "10",
        "responsible_post": "ict_officer", "fee": "৫০০ টাকা", "documents": "আবেদনপত্র",
    }  # fmt: skip
    response = admin.post(f"{page}/services", data={"csrf_token": token(admin, page), **data})
    assert response.status_code == 302
    with rt.db.read_session() as s:
        service = s.scalar(select(Service).where(Service.name == "প্রশিক্ষণ"))
        assert (service.fee, service.documents, service.time_limit_days) == (
            "৫০০ টাকা", "আবেদনপত্র", 10,
        )  # fmt: skip
        assert service.delivery_method == ""  # not sent: left as it was
        (version,) = s.scalars(select(CharterVersion)).all()
        assert version.applied_by == "admin"


def test_the_preview_shows_the_named_appeal_officer_and_applying_records_it(app, rt, admin):
    with rt.db.write() as s:  # the district office the charter's appeal officer sits in
        district = org.upsert_office(
            s, org.OfficeInput("doict.manikganj.gov.bd", "জেলা আইসিটি কার্যালয়", "", "DIR")
        )
        org.post_by_code(s, district.code, "gro").contact = "জেলা আইসিটি অফিসার, 01716606513"
    html = upload(admin, sample()).get_data(as_text=True)
    assert "Applying this charter records it for this office" in _english(admin, html)
    assert apply(admin, html).status_code == 303
    with rt.db.read_session() as s:
        row = s.scalars(select(OfficeAppealOfficer)).one()
        assert (row.post.office.code, row.post.code) == ("doict.manikganj.gov.bd", "gro")


def _english(client, html: str) -> str:
    """The same preview in English: the page is posted again with ?lang=en."""
    data = {
        "csrf_token": token(client, PAGE),
        "charter": (BytesIO(sample()), "c.txt", "text/plain"),
    }
    response = client.post(f"{PAGE}/preview?lang=en", data=data, content_type="multipart/form-data")
    return response.get_data(as_text=True)
