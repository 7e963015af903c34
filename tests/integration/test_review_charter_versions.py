"""The review's charter items read the charter versions: a part of the charter (citizen,
institutional, internal services) published in the quarter is done without an entry, with the
version as its evidence; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from grs.reports.offices import OfficeTree
from grs.reports.periods import parse_period
from grs.reviews.compliance import compliance_rows, compliance_table
from grs.reviews.items import DONE, NOT_DONE
from grs.services import administration as admin
from grs.services.charter_versions import versions_of
from tests.support import build_ladder


@pytest.fixture
def ladder(rt, clock):
    clock.set("2026-06-01")
    return build_ladder(rt)


def publish(rt, clock, day, category, number):
    """An administrator adds a service: the office's charter gets a new version that day."""
    clock.set(day)
    admin.save_service(rt, "cli:root", admin.ServiceInput("UPZ", category, number, "সনদ", 7))


def rows_of(rt, quarter):
    with rt.db.read_session() as s:
        tree = OfficeTree.load(s)
        rows = compliance_rows(s, tree, tree.by_code("DIST"), parse_period(quarter))
        return {row.office.code: row for row in rows}


def test_a_charter_published_in_the_quarter_does_its_parts(rt, clock, ladder):
    publish(rt, clock, "2026-08-10", "citizen", 4)
    publish(rt, clock, "2026-09-02", "citizen", 5)  # the quarter's last version is the evidence
    publish(rt, clock, "2026-11-05", "internal", 1)
    with rt.db.read_session() as s:
        upz_id = OfficeTree.load(s).by_code("UPZ").id
        numbers = [v.number for v in versions_of(s, upz_id)]
    assert numbers == [1, 2, 3]
    q3 = rows_of(rt, "2026-Q3")  # July to September
    citizen = q3["UPZ"].items["charter_citizen"]
    assert (citizen.status, citizen.entry, citizen.version.number) == (DONE, None, 2)
    assert citizen.version_on == date(2026, 9, 2)
    assert q3["UPZ"].items["charter_internal"].status == NOT_DONE  # not in that charter yet
    assert q3["UPZ"].items["charter_institutional"].status == NOT_DONE
    assert q3["UPZ"].items["committee_formed"].status == NOT_DONE  # not a charter item
    assert q3["UPZ2"].items["charter_citizen"].status == NOT_DONE  # another office's charter
    assert q3["UPZ"].done_count == 1
    q4 = rows_of(rt, "2026-Q4")
    assert q4["UPZ"].items["charter_internal"].status == DONE
    assert q4["UPZ"].items["charter_citizen"].version.number == 3  # the whole charter, again
    assert rows_of(rt, "2026-Q2")["UPZ"].items["charter_citizen"].status == NOT_DONE


def test_the_compliance_file_names_the_version(rt, clock, ladder):
    publish(rt, clock, "2026-07-01", "citizen", 4)
    clock.set(date(2026, 7, 1) + timedelta(days=100))
    table = compliance_table(list(rows_of(rt, "2026-Q3").values()), "bn", True)
    header = table[0]
    upz = next(r for r in table if r[0] == "উপজেলা আইসিটি কার্যালয়")
    cell = upz[header.index("নাগরিক সেবার সিটিজেন চার্টার হালনাগাদ ও প্রকাশ")]
    assert cell == "সম্পন্ন (২০২৬-০৭-০১, চার্টার সংস্করণ ১)"
