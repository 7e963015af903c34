"""The appeal officer a charter names, recorded by the importer, on SQLite and PostgreSQL: a post
of another known office or of the same office is recorded for the office, as the administrators'
page records it; the parent office's GRO (the default) is not; an officer GRS does not know is
reported and nothing is recorded. The charters are the shipped samples and test charters."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from grs.charters.parse import parse_charter
from grs.db.models import Office, OfficeAppealOfficer
from grs.services import organisation as org
from grs.services.charter_changes import preview_charter
from grs.services.charter_import import import_charter
from grs.workflow.ladder import appeal_officer_post
from tests.integration.test_charter_import import MANIKGANJ, sample

CHARTERS = Path(__file__).resolve().parents[1] / "charters"
DISTRICT = "doict.manikganj.gov.bd"  # the website the Manikganj charter gives its appeal officer
UPAZILA = "doict.sadar.manikganj.gov.bd"
LAND = "land.debiganj.panchagarh.gov.bd"


def _office(rt, code: str, parent: str | None = None, contact: str = "") -> None:
    with rt.db.write() as s:
        if s.scalar(select(Office.id).where(Office.code == "CELL")) is None:
            org.upsert_office(s, org.OfficeInput("CELL", "সেল", "Cell", kind="cell"))
        office = org.upsert_office(s, org.OfficeInput(code, code, code, parent or "CELL"))
        org.post_by_code(s, office.code, "gro").contact = contact


def _import(rt, text: str, parent: str | None = None):
    with rt.db.write() as s:
        return import_charter(s, parse_charter(text), rt.workflow, parent)


def _appeal_post(rt, code: str) -> tuple[str, str, bool]:
    """(office, post code, named) of the office's appeal officer."""
    with rt.db.read_session() as s:
        office = org.office_by_code(s, code)
        post = appeal_officer_post(s, office)
        named = s.scalar(
            select(OfficeAppealOfficer).where(OfficeAppealOfficer.office_id == office.id)
        )
        return post.office.code, post.code, named is not None


def test_the_parent_offices_gro_is_the_default_and_nothing_is_recorded(rt):
    _office(rt, DISTRICT, contact="জেলা আইসিটি অফিসার, 01716606513")
    report = _import(rt, sample(MANIKGANJ), parent=DISTRICT)
    assert report.appeal_officer is not None and report.appeal_officer.status == "default"
    assert _appeal_post(rt, UPAZILA) == (DISTRICT, "gro", False)


def test_another_known_office_named_by_its_website_is_recorded(rt):
    _office(rt, "DIV")  # the upazila office sits under another office here
    _office(rt, DISTRICT, contact="01716606513")
    report = _import(rt, sample(MANIKGANJ), parent="DIV")
    outcome = report.appeal_officer
    assert outcome is not None
    assert (outcome.status, outcome.office_code) == ("recorded", DISTRICT)
    assert _appeal_post(rt, UPAZILA) == (DISTRICT, "gro", True)
    again = _import(rt, sample(MANIKGANJ), parent="DIV")  # the same charter again: no change
    assert again.appeal_officer is not None and again.appeal_officer.status == "unchanged"
    assert again.changes == 0


def test_a_post_of_another_office_found_by_its_phone(rt):
    _office(rt, "uno.debiganj.panchagarh.gov.bd")
    with rt.db.write() as s:
        uno_office = org.office_by_code(s, "uno.debiganj.panchagarh.gov.bd")
        uno = org.ensure_post(s, uno_office, "uno", "appeal_officer", "উপজেলা নির্বাহী অফিসার")
        uno.contact = "ইউএনও, ফোন ০১৭০০-১১১২২২"
    report = _import(rt, (CHARTERS / "upazila_land_office.txt").read_text(encoding="utf-8"))
    assert report.appeal_officer is not None and report.appeal_officer.status == "recorded"
    assert _appeal_post(rt, LAND) == ("uno.debiganj.panchagarh.gov.bd", "uno", True)


def test_a_post_of_the_same_office_found_by_its_title(rt):
    text = (CHARTERS / "upazila_land_office.txt").read_text(encoding="utf-8")
    _import(rt, text)
    with rt.db.write() as s:
        org.ensure_post(s, org.office_by_code(s, LAND), "uno", "appeal_officer",
                        "উপজেলা নির্বাহী অফিসার")  # fmt: skip
    report = _import(rt, text)
    assert report.appeal_officer is not None and report.appeal_officer.status == "recorded"
    assert _appeal_post(rt, LAND) == (LAND, "uno", True)


def test_an_unknown_appeal_officer_is_reported_and_nothing_is_recorded(rt):
    report = _import(rt, (CHARTERS / "upazila_health_complex.txt").read_text(encoding="utf-8"))
    assert report.appeal_officer is not None
    assert report.appeal_officer.status == "not_found"
    assert "সিভিল সার্জন" in report.appeal_officer.named
    with rt.db.read_session() as s:
        assert s.scalars(select(OfficeAppealOfficer)).all() == []


def test_two_posts_with_the_phone_are_ambiguous_and_nothing_is_recorded(rt):
    for code in ("a.gov.bd", "b.gov.bd"):
        _office(rt, code, contact="01700111222")
    report = _import(rt, (CHARTERS / "upazila_land_office.txt").read_text(encoding="utf-8"))
    assert report.appeal_officer is not None and report.appeal_officer.status == "not_found"


@pytest.mark.parametrize("known", [True, False])
def test_the_preview_says_what_applying_would_record(rt, known):
    _office(rt, "DIV")
    if known:
        _office(rt, DISTRICT, contact="01716606513")
    preview = preview_charter(rt, sample(MANIKGANJ).encode(), "cli:root")
    assert preview.appeal_officer is not None
    assert preview.appeal_officer.status == ("recorded" if known else "not_found")
    with rt.db.read_session() as s:  # a preview keeps nothing
        assert s.scalars(select(OfficeAppealOfficer)).all() == []
