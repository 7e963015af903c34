"""The appeal officer per office, on SQLite and PostgreSQL: the GRO of the office above unless
an administrator names another post, in the same office or another; appeals and escalations
both go there, and every change is audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grs.db.models import AuditEntry, OfficeAppealOfficer
from grs.errors import InvalidInput, NotFound
from grs.services import administration as admin
from grs.services.escalation import sweep
from tests.support import build_ladder, do, load, lodge_case


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _appealed(rt, ladder):
    case = lodge_case(rt)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    do(rt, case.tracking_number, "resolve", gro, closure_reason="other")
    return load(rt, case.tracking_number), do(rt, case.tracking_number, "appeal", note="না")


def test_by_default_the_appeal_officer_is_the_gro_of_the_office_above(rt, ladder):
    _, appealed = _appealed(rt, ladder)
    assert (appealed.current_post.office.code, appealed.current_post.code) == ("DIST", "gro")


def test_an_appeal_officer_of_another_office_hears_the_appeal(rt, ladder):
    admin.set_appeal_officer(rt, "cli:root", "UPZ", "DIR", "gro")
    _, appealed = _appealed(rt, ladder)
    assert (appealed.current_post.office.code, appealed.current_post.code) == ("DIR", "gro")
    with rt.db.read_session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "appeal_officer_set")).one()
    assert entry.target == "office:UPZ"
    assert entry.detail["form"] == {"post_office": "DIR", "post": "gro"}


def test_a_senior_post_of_the_same_office_and_the_sweep_both_reach_it(rt, clock, ladder):
    admin.save_post(rt, "cli:root", "UPZ", "senior", "appeal_officer", "অতিরিক্ত সচিব")
    admin.set_appeal_officer(rt, "cli:root", "UPZ", "UPZ", "senior")
    case = lodge_case(rt)
    sweep(rt, case.due_on.replace(year=case.due_on.year + 1))
    escalated = load(rt, case.tracking_number)
    assert (escalated.current_post.office.code, escalated.current_post.code) == ("UPZ", "senior")
    admin.set_appeal_officer(rt, "cli:root", "UPZ", "", "")  # back to the default
    with rt.db.read_session() as s:
        assert s.scalars(select(OfficeAppealOfficer)).all() == []
    _, appealed = _appealed(rt, ladder)
    assert appealed.current_post.office.code == "DIST"


@pytest.mark.parametrize(
    ("post_office", "post", "error"),
    [("DIR", "nope", NotFound), ("CELL", "cell", InvalidInput), ("NOPE", "gro", NotFound)],
)
def test_a_bad_appeal_post_is_refused_and_nothing_is_written(rt, ladder, post_office, post, error):
    with pytest.raises(error):
        admin.set_appeal_officer(rt, "cli:root", "UPZ", post_office, post)
    with rt.db.read_session() as s:
        assert s.scalars(select(OfficeAppealOfficer)).all() == []
        assert s.scalars(select(AuditEntry)).all() == []
