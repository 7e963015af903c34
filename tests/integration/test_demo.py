"""The demo a newcomer gets from `make run`, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from grs.db.models import Case, Office, Officer
from grs.passwords import verify_password
from grs.processes.demo import load_demo
from grs.services.escalation import sweep


def test_demo_has_the_ladder_officers_and_cases_at_different_tiers(rt, clock):
    load_demo(rt)
    with rt.db.read_session() as s:
        offices = {o.code: o for o in s.scalars(select(Office))}
        upazila = offices["doict.sadar.manikganj.gov.bd"]
        assert upazila.parent.code == "doict.manikganj.gov.bd"
        assert upazila.parent.parent.kind == "cell"
        officer = s.scalar(select(Officer).where(Officer.username == "gro.upazila"))
        assert verify_password(officer.password_hash, "demo-password")
        cases = list(s.scalars(select(Case)))
    tiers = Counter(case.tier for case in cases)
    states = Counter(case.state for case in cases)
    assert tiers[0] >= 1 and tiers[1] >= 1 and tiers[2] >= 1
    assert states["info_requested"] == 1 and states["resolved"] == 1
    assert any(case.anonymous for case in cases)
    # The newcomer's "grs sweep --as-of a later date" moves cases up.
    later = sweep(rt, clock.day.replace(year=clock.day.year + 1))
    assert sum(later.escalated.values()) >= 2
