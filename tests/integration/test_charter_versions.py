"""Charter versions, the preview of an uploaded charter, applying it, and retiring services,
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files

import pytest
from sqlalchemy import func, select

from grs.charters.parse import parse_charter
from grs.db.models import Case, CharterVersion, Office, Service
from grs.errors import InvalidInput
from grs.services import organisation as org
from grs.services.charter_changes import apply_charter, preview_charter, retire_service
from grs.services.charter_import import import_charter
from grs.services.charter_versions import quarter_of, updated_in_quarter, versions_of
from tests.support import lodge_case

CODE = "doict.sadar.manikganj.gov.bd"


def manikganj() -> str:
    name = "manikganj_sadar_upazila_ict.txt"
    return files("grs.charters.samples").joinpath(name).read_text(encoding="utf-8")


@pytest.fixture
def office(rt):
    with rt.db.write() as s:
        org.upsert_office(s, org.OfficeInput("CELL", "অভিযোগ ব্যবস্থাপনা সেল", "Cell", kind="cell"))
        org.upsert_office(s, org.OfficeInput("DIST", "জেলা আইসিটি কার্যালয়", "", "CELL"))
        import_charter(
            s, parse_charter(manikganj()), rt.workflow, "DIST",
            applied_by="admin", at=datetime(2026, 8, 10, 6, tzinfo=UTC),
        )  # fmt: skip
    return CODE


def versions(rt) -> list[CharterVersion]:
    with rt.db.read_session() as s:
        office_id = s.scalar(select(Office.id).where(Office.code == CODE))
        return versions_of(s, office_id)


def services(rt) -> dict[str, Service]:
    with rt.db.read_session() as s:
        rows = s.scalars(select(Service).join(Office).where(Office.code == CODE))
        return {f"{r.category}-{r.number}": r for r in rows}


def kinds(changes) -> set[tuple[str, str, str]]:
    return {(c["kind"], c["key"], c["field"]) for c in changes}


def test_first_import_is_version_one_with_every_service_added(rt, office):
    (first,) = versions(rt)
    assert (first.number, first.applied_by) == (1, "admin")
    added = [c for c in first.changes if c["kind"] == "service_added"]
    assert len(added) == 17  # 3 citizen, 11 institutional, 3 internal
    assert len(first.snapshot["services"]) == 17
    assert first.snapshot["expectations"][0] == "স্বয়ংসম্পূর্ণ আবেদন জমা প্রদান"


def test_reapplying_the_same_charter_changes_nothing(rt, office):
    preview = preview_charter(rt, manikganj().encode(), "admin")
    assert preview.changes == [] and not preview.new_office
    report = apply_charter(rt, manikganj().encode(), "admin")
    assert (report.changes, report.version) == (0, None)
    assert len(versions(rt)) == 1


def changed_charter() -> str:
    text = manikganj()
    text = text.replace("প্রকল্পের তথ্য প্রদান", "প্রকল্পের হালনাগাদ তথ্য প্রদান")  # citizen 3 name
    text = text.replace("৪৫ কার্যদিবস / প্রয়োজন অনুযায়ী", "৩০ কার্যদিবস")  # institutional 5 time
    text = text.replace("স্বয়ংসম্পূর্ণ আবেদন জমা প্রদান", "পূর্ণাঙ্গ আবেদন জমা প্রদান")
    lines = text.split("\n")
    internal_three = next(i for i, line in enumerate(lines) if line.startswith("৩\tবিভিন্ন শিক্ষা"))
    del lines[internal_three]  # internal 3 removed
    lines.insert(
        internal_three,
        "৪\tনতুন অভ্যন্তরীণ সেবা\tসরাসরি\t-\tবিনামূল্যে\t৭ কার্যদিবস\t"
        "জনাব করিম উপজেলা আইসিটি অফিসার ফোন: ০১৭০০-০০০০০০",
    )  # internal 4 added
    return "\n".join(lines)


def test_preview_names_each_kind_of_change_and_keeps_nothing(rt, office):
    preview = preview_charter(rt, changed_charter().encode(), "admin")
    found = kinds(preview.changes)
    assert ("service_changed", "citizen-3", "name") in found
    assert ("service_changed", "institutional-5", "time_limit_days") in found
    assert ("service_changed", "institutional-5", "time_limit_text") in found
    assert ("service_removed", "internal-3", "") in found
    assert ("service_added", "internal-4", "") in found
    assert ("service_changed", "internal-4", "responsible") not in found
    assert ("expectations", "", "") in found
    before = {c["field"]: c["before"] for c in preview.changes if c["key"] == "institutional-5"}
    assert before["time_limit_days"] == 45
    # nothing was kept
    assert len(versions(rt)) == 1
    assert services(rt)["citizen-3"].name == "প্রকল্পের তথ্য প্রদান"
    assert "internal-3" in services(rt)


def test_preview_of_officer_and_ladder_changes(rt, office):
    text = manikganj().replace("০১৬৭৬-৪৩৫৪৭৭", "০১৯৯৯-৯৯৯৯৯৯")  # the services' officer
    text = text.replace("০১৬৭৬৪৩৫৪৭৭", "০১৯৯৯৯৯৯৯৯৯")  # the GRO, in the grievance table
    text = text.replace("৩০ কার্যদিবস", "২৫ কার্যদিবস")  # the GRO's time limit in the ladder
    found = kinds(preview_charter(rt, text.encode(), "admin").changes)
    assert ("service_changed", "citizen-1", "responsible") in found
    assert any(kind == "ladder" and field == "days" for kind, _key, field in found)
    assert any(kind == "ladder" and field == "post" for kind, _key, field in found)


def test_apply_after_preview_makes_the_previewed_version(rt, office):
    preview = preview_charter(rt, changed_charter().encode(), "admin")
    report = apply_charter(rt, changed_charter().encode(), "admin")
    assert report.version == 2 and report.changed == preview.changes
    assert services(rt)["citizen-3"].name == "প্রকল্পের হালনাগাদ তথ্য প্রদান"
    assert "internal-3" not in services(rt)  # no case referred to it: deleted
    again = apply_charter(rt, changed_charter().encode(), "admin")
    assert (again.changes, again.version) == (0, None)
    old, new = versions(rt)
    assert old.snapshot["services"][2]["name"] == "প্রকল্পের তথ্য প্রদান"
    assert new.applied_by == "admin"


def test_a_service_cases_refer_to_is_retired_not_deleted(rt, office):
    target = services(rt)["internal-3"]
    case = lodge_case(rt, office_code=CODE, service_id=target.id)
    apply_charter(rt, changed_charter().encode(), "admin")
    kept = services(rt)["internal-3"]
    assert kept.id == target.id and kept.retired_on is not None
    with rt.db.read_session() as s:
        assert s.scalar(select(Case.service_id).where(Case.id == case.id)) == target.id
    assert "internal-3" not in {s["key"] for s in versions(rt)[-1].snapshot["services"]}
    # listed again, it is in force again
    apply_charter(rt, manikganj().encode(), "admin")
    assert services(rt)["internal-3"].retired_on is None


def test_retire_one_service(rt, office):
    used, unused = services(rt)["citizen-1"], services(rt)["citizen-2"]
    lodge_case(rt, office_code=CODE, service_id=used.id)
    assert retire_service(rt, "admin", CODE, used.id) == "retired"
    assert retire_service(rt, "admin", CODE, unused.id) == "deleted"
    left = services(rt)
    assert left["citizen-1"].retired_on is not None and "citizen-2" not in left
    assert len(versions(rt)) == 3
    with rt.db.read_session() as s:
        assert not s.scalar(select(func.count(CharterVersion.id)).where(CharterVersion.number > 3))


def test_updated_in_quarter_reads_the_versions(rt, office):
    with rt.db.read_session() as s:
        office_id = s.scalar(select(Office.id).where(Office.code == CODE))
        assert quarter_of(datetime(2026, 8, 10).date()) == (2026, 1)
        assert updated_in_quarter(s, office_id, 2026, 1)  # July-September 2026
        assert not updated_in_quarter(s, office_id, 2026, 2)
        assert not updated_in_quarter(s, office_id, 2025, 4)


def test_oversized_upload_is_refused(rt, office):
    with pytest.raises(InvalidInput):
        preview_charter(rt, b"x" * (1024 * 1024 + 1), "admin")


def test_a_file_that_is_not_a_charter_changes_nothing(rt, office):
    preview = preview_charter(rt, "কিছু লেখা\nএকটি লাইন".encode(), "admin")
    assert not preview.importable and preview.changes == []
    assert any("not a citizen charter" in p for p in preview.problems)
