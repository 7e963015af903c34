"""The dashboard keeps the figures of months that have ended and reads the running month
afresh: what it shows equals a first reading at every step, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest

from grs.processes.runtime import Runtime
from grs.reports.reading import officer_dashboard
from grs.services import organisation as org
from tests.support import build_ladder, do, lodge_case


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def board(rt):
    with rt.db.read_session() as s:
        return officer_dashboard(rt, s, org.officer_by_username(s, "ao_dist"))


def first_reading(rt, clock):
    """The same dashboard from a runtime that has kept nothing."""
    fresh = Runtime.from_settings(replace(rt.settings))
    fresh.clock = clock
    try:
        return board(fresh)
    finally:
        fresh.db.dispose()


def test_kept_months_match_a_first_reading(rt, clock, ladder):
    gro = ladder.officer("gro_upz")
    clock.set("2026-09-10")
    for _ in range(2):
        lodge_case(rt)
    clock.set("2026-10-06")
    case = lodge_case(rt)
    first = board(rt)
    assert rt.ended_months  # September and before are kept, October is not
    assert all(code != "2026-10" for _, code in rt.ended_months)
    do(rt, case.tracking_number, "resolve", gro, closure_reason="other")
    lodge_case(rt, office_code="UPZ2")
    again = board(rt)
    assert again.months == first_reading(rt, clock).months
    assert (again.received_this_month, again.received_last_month) == (2, 2)
    assert again.months[-1].settled_in_time == first.months[-1].settled_in_time + 1
    clock.set("2026-11-02")  # October has ended: read in full once more, then kept
    november = board(rt)
    assert november.months == first_reading(rt, clock).months
    assert (november.received_this_month, november.received_last_month) == (0, 2)
    assert any(code == "2026-10" for _, code in rt.ended_months)
