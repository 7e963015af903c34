"""The decision record in the monitoring reports: how many of the period's decisions record a
cause and a prevention suggestion, and the listing of the decisions with their record, read
from the decisions' history entries (an appeal since clears the case's own record)."""

from __future__ import annotations

from datetime import date

import pytest

from grs.bangla import bn_digits
from grs.reports.decisions import decision_listing, listing_table
from grs.reports.grievance import grievance_report
from grs.reports.offices import OfficeTree
from grs.reports.periods import parse_period
from tests.support import build_ladder, do, load, lodge_case

D = date.fromisoformat


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


@pytest.fixture
def march(rt, clock, ladder):
    """Three decisions in March (one with the whole record, one filed with a prevention
    suggestion, one bare), one in April; the first is appealed in April."""
    gro, gro2 = ladder.officer("gro_upz"), ladder.officer("gro_upz2")
    clock.set("2026-03-10")
    full, filed, bare = lodge_case(rt), lodge_case(rt), lodge_case(rt, office_code="UPZ2")
    late = lodge_case(rt)
    clock.set("2026-03-12")
    do(rt, full.tracking_number, "resolve", gro, closure_reason="service_given",
       decision_cause="আবেদন হারিয়েছিল", decision_text="সনদ দেওয়া হয়েছে",
       decision_prevention="আবেদনের রেজিস্টার রাখা হবে")  # fmt: skip
    do(rt, filed.tracking_number, "file_away", gro, note="নথিজাত",
       decision_prevention="  নোটিশ টাঙানো হবে ")  # fmt: skip
    do(rt, bare.tracking_number, "resolve", gro2, closure_reason="service_given",
       decision_cause="   ")  # fmt: skip
    clock.set("2026-04-02")
    do(rt, late.tracking_number, "resolve", gro, closure_reason="service_given",
       decision_cause="দেরি")  # fmt: skip
    do(rt, full.tracking_number, "appeal")
    clock.set("2026-05-20")
    return full, filed, bare, late


def report_of(rt, code, period):
    with rt.db.read_session() as s:
        tree = OfficeTree.load(s)
        return grievance_report(rt, s, tree, tree.by_code(code), parse_period(period))


def listing_of(rt, code, period):
    with rt.db.read_session() as s:
        tree = OfficeTree.load(s)
        return decision_listing(rt, s, tree, tree.by_code(code), parse_period(period))


def gro_values(rep, code=None):
    blk = next(b for b in rep.blocks if b.key == "gro")
    if code is None:
        return blk.total.values
    return next(r for r in blk.rows if r.office and r.office.code == code).values


def test_the_report_counts_decisions_with_a_cause_and_a_prevention(rt, march):
    full = march[0]
    assert load(rt, full.tracking_number).decision_cause is None  # the appeal cleared it
    values = gro_values(report_of(rt, "DIST", "2026-03"))
    assert (values["settled"], values["settled_with_cause"]) == (3, 1)
    assert values["settled_with_prevention"] == 2
    assert gro_values(report_of(rt, "DIST", "2026-03"), "UPZ2")["settled_with_cause"] == 0
    april = gro_values(report_of(rt, "UPZ", "2026-04"))
    assert (april["settled"], april["settled_with_cause"], april["settled_with_prevention"]) == (
        1, 1, 0)  # fmt: skip


def test_the_listing_holds_each_decision_with_its_record(rt, march):
    full, filed, bare, late = march
    listing = listing_of(rt, "DIST", "2026-03")
    by_number = {d.tracking_number: d for d in listing.decisions}
    assert set(by_number) == {full.tracking_number, filed.tracking_number, bare.tracking_number}
    first = by_number[full.tracking_number]
    assert first.record == {
        "decision_cause": "আবেদন হারিয়েছিল",
        "decision_text": "সনদ দেওয়া হয়েছে",
        "decision_prevention": "আবেদনের রেজিস্টার রাখা হবে",
    }
    assert (first.decided_on, first.office.code, first.tier.bn) == (
        D("2026-03-12"), "UPZ", "অভিযোগ নিষ্পত্তি কর্মকর্তা")  # fmt: skip
    assert by_number[filed.tracking_number].record == {"decision_prevention": "নোটিশ টাঙানো হবে"}
    assert by_number[bare.tracking_number].record == {}
    assert [d.tracking_number for d in listing_of(rt, "UPZ2", "2026-03").decisions] == [
        bare.tracking_number
    ]
    assert [d.tracking_number for d in listing_of(rt, "UPZ", "2026-Q2").decisions] == [
        late.tracking_number
    ]


def test_the_listing_table_has_bangla_headings_and_digits(rt, march):
    full = march[0]
    table = listing_table(listing_of(rt, "UPZ", "2026-03"), "bn", "bn")
    assert table[0][:2] == ["ট্র্যাকিং নম্বর", "সিদ্ধান্তের তারিখ"]
    assert "অভিযোগের কারণ" in table[0] and "প্রতিকারের পরামর্শ" in table[0]
    row = next(r for r in table[1:] if r[table[0].index("অভিযোগের কারণ")] == "আবেদন হারিয়েছিল")
    assert row[1] == "২০২৬-০৩-১২"
    assert row[0] == bn_digits(full.tracking_number)
    english = listing_table(listing_of(rt, "UPZ", "2026-03"), "en", "ascii")
    assert english[0][0] == "Tracking number" and len(english) == 3
    assert {r[0] for r in english[1:]} >= {full.tracking_number}
