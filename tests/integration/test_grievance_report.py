"""The grievance report against generated histories, on SQLite and PostgreSQL: every figure is
worked out again in Python from the events and must agree; hand-made cases show the figures
stand as the history was at the period's end."""

from __future__ import annotations

from datetime import date

import pytest

from grs.reports import columns as col
from grs.reports.grievance import grievance_report
from grs.reports.offices import OfficeTree
from grs.reports.periods import parse_period
from grs.services.escalation import sweep
from tests.integration.report_support import combine, expected_figures, generate, load_history
from tests.support import build_ladder, do, lodge_case

D = date.fromisoformat


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def report(rt, code, period):
    with rt.db.read_session() as s:
        tree = OfficeTree.load(s)
        return grievance_report(rt, s, tree, tree.by_code(code), parse_period(period))


def block(rep, key):
    return next(b for b in rep.blocks if b.key == key)


def row(blk, code):
    return next(r for r in blk.rows if r.office is not None and r.office.code == code)


def _compare(values, want):
    channels = (col.channel_column(c) for c in col.CHANNELS)
    for column in (*col.TIER_COLUMNS, *col.DECISION_RECORD_COLUMNS, *channels):
        expected = want.get(column.code, 0 if column.kind == "count" else None)
        assert values[column.code] == expected, column.code


def test_generated_histories_agree_with_python_reading(rt, clock, ladder):
    generate(rt, clock, ladder, D("2026-01-04"), 120, seed=7)
    clock.set("2026-06-20")  # reports are run well after the periods they cover
    history, cases = load_history(rt)
    with rt.db.read_session() as s:
        tree = OfficeTree.load(s)
    ids = {o.code: o.id for o in tree.offices.values()}
    checked = 0
    for period in ("2026-02", "2026-03", "2026-04", "2026-Q1", "2026-Q2"):
        p = parse_period(period)
        expected = expected_figures(rt, history, cases, p.start, min(p.end, rt.today()))
        for office in ("DIST", "UPZ", "DIR"):
            rep = report(rt, office, period)
            for blk in rep.blocks:
                whole = set(tree.subtree(ids[office]))
                _compare(blk.total.values, combine(expected, blk.tier, whole))
                _compare(row(blk, office).values, combine(expected, blk.tier, {ids[office]}))
                for child in tree.below(ids[office]):
                    got = row(blk, tree.offices[child].code).values
                    _compare(got, combine(expected, blk.tier, set(tree.subtree(child))))
                checked += blk.total.values["total"]
    assert checked > 100  # the histories are not empty
    q1 = report(rt, "DIST", "2026-Q1")
    assert sum(block(q1, k).total.values["escalated"] for k in ("service_officer", "gro")) > 0
    assert block(q1, "gro").total.values["settled"] > 0
    assert block(q1, "gro").total.values["forwarded"] > 0
    assert 0 < block(q1, "gro").total.values["settled_with_cause"] < (
        block(q1, "gro").total.values["settled"])  # fmt: skip
    assert block(q1, "gro").total.values["settled_with_prevention"] > 0


def test_a_case_decided_in_april_is_running_in_march(rt, clock, ladder):
    clock.set("2026-03-10")
    case = lodge_case(rt)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    clock.set("2026-04-02")
    do(rt, case.tracking_number, "resolve", gro, closure_reason="service_given")
    clock.set("2026-05-20")
    march = row(block(report(rt, "UPZ", "2026-03"), "gro"), "UPZ").values
    assert (march["received"], march["running"], march["settled"]) == (1, 1, 0)
    assert march["received_web"] == 1
    april = row(block(report(rt, "UPZ", "2026-04"), "gro"), "UPZ").values
    assert (april["carried_over"], april["received"], april["settled"]) == (1, 0, 1)
    assert (april["running"], april["settled_in_time"], april["settlement_rate"]) == (0, 1, 100.0)
    # 10 Mar to 2 Apr: Eid ul-Fitr and Independence Day fall between.
    days = rt.calendar(rt.db.read_session()).working_days_between(D("2026-03-10"), D("2026-04-02"))
    assert days < 17
    assert april["avg_days"] == april["median_days"] == float(days)


def test_forwarded_and_escalated_across_the_boundary(rt, clock, ladder):
    clock.set("2026-03-30")
    moved = lodge_case(rt, channel="paper")
    late = lodge_case(rt)
    clock.set("2026-03-31")
    do(rt, moved.tracking_number, "forward", ladder.officer("gro_upz"), target_office="UPZ2")
    clock.set(late.due_on)
    after_due = date.fromordinal(late.due_on.toordinal() + 1)
    clock.set(after_due)
    sweep(rt, after_due)
    march = report(rt, "DIST", "2026-03")
    gro = block(march, "gro")
    assert row(gro, "UPZ").values["forwarded"] == 1
    assert row(gro, "UPZ").values["running"] == 1
    assert row(gro, "UPZ2").values["received"] == 1
    assert row(gro, "UPZ2").values["received_paper"] == 1
    assert gro.total.values["received"] == 3  # lodged twice, forwarded once
    month = parse_period(f"{after_due.year}-{after_due.month:02d}")
    later = report(rt, "DIST", month.code)
    assert row(block(later, "gro"), "UPZ").values["escalated"] == 1
    appeal = block(later, "appeal_officer")
    assert row(appeal, "DIST").values["received"] == 1  # the district's GRO holds it now
    assert appeal.total.values["running"] == 1


def test_an_office_sees_no_figures_of_another(rt, clock, ladder):
    clock.set("2026-03-10")
    lodge_case(rt, office_code="UPZ2")
    upz = report(rt, "UPZ", "2026-03")
    assert all(b.total.values["received"] == 0 for b in upz.blocks)
    assert [r.office.code for r in block(upz, "gro").rows] == ["UPZ"]
