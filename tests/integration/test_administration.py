"""Administrative changes: each is made and audited in one transaction, or not at all."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from grs.db.models import Absence, AuditEntry, HolidayChange, Office, OfficeTierDuration, Post
from grs.errors import ActionRefused, GrsError, InvalidInput, NotFound
from grs.services import administration as admin
from grs.services import audit
from grs.services import organisation as org
from grs.services.accounts import session_officer
from grs.services.action_effects import ActionInput
from grs.services.holiday_changes import HolidayRequest, make_holiday_change
from grs.services.officer_actions import act_on_case
from tests.support import build_ladder, lodge_case


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def entries(rt) -> list[tuple[str, str, str]]:
    with rt.db.read_session() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(e.action, e.target, e.username) for e in rows]


def count(rt, model) -> int:
    with rt.db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_a_change_and_its_entry_are_written_together(rt, ladder):
    office = admin.save_office(rt, "cli:root", org.OfficeInput("UPZ3", "তৃতীয়", parent_code="DIST"))
    assert office.code == "UPZ3"
    with rt.db.read_session() as s:
        entry = s.scalars(select(AuditEntry)).one()
        assert s.scalars(select(Office.parent_id).where(Office.code == "UPZ3")).one() is not None
    assert (entry.action, entry.target, entry.username, entry.officer_id) == (
        "office_saved", "office:UPZ3", "cli:root", None,
    )  # fmt: skip
    assert entry.detail == {"parent": "DIST"}


@pytest.mark.parametrize(
    "change",
    [
        lambda rt, by: admin.save_office(rt, by, org.OfficeInput("DIST", "জেলা", parent_code="UPZ")),
        lambda rt, by: admin.save_post(rt, by, "UPZ", "clerk", "service_officer", ""),
        lambda rt, by: admin.save_post(rt, by, "UPZ", "clerk", "gro", "কেরানি"),
        lambda rt, by: admin.assign_holder(rt, by, "UPZ", "gro", "nobody"),
        lambda rt, by: admin.set_alternate(rt, by, "UPZ", "gro", "gro"),
        lambda rt, by: admin.set_tier_duration(rt, by, "UPZ", 1, 0),
        lambda rt, by: admin.set_tier_duration(rt, by, "NOPE", 1, 5),
        lambda rt, by: admin.save_service(
            rt, by, admin.ServiceInput("UPZ", "citizen", 0, "নতুন", 5)
        ),
        lambda rt, by: admin.save_service(
            rt, by, admin.ServiceInput("UPZ", "citizen", 9, "নতুন", 5, "no_such_post")
        ),
        lambda rt, by: admin.create_officer(
            rt, by, admin.NewOfficer("gro_upz", "x", "a-long-pw-1")
        ),
        lambda rt, by: admin.set_active(rt, by, "admin", False),
        lambda rt, by: admin.add_absence(
            rt, by, "gro_upz", date(2026, 11, 26), date(2026, 11, 23), ""
        ),
    ],
)
def test_a_refused_change_writes_neither_the_change_nor_an_entry(rt, ladder, change):
    before = (count(rt, Office), count(rt, Post), count(rt, OfficeTierDuration))
    with pytest.raises(GrsError):
        change(rt, ladder.officers["admin"])
    assert entries(rt) == []
    assert (count(rt, Office), count(rt, Post), count(rt, OfficeTierDuration)) == before
    assert count(rt, Absence) == 0
    with rt.db.read_session() as s:
        gro = org.post_by_code(s, "UPZ", "gro")
        alternate = s.get(Post, gro.alternate_post_id)
        assert gro.holder.username == "gro_upz" and alternate.code == "alternate_gro"
        assert org.officer_by_username(s, "admin").active


def test_an_entry_that_cannot_be_written_undoes_the_change(rt, ladder, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the audit table is unavailable")

    monkeypatch.setattr(admin, "record_change", broken)
    with pytest.raises(RuntimeError):
        admin.set_tier_duration(rt, ladder.officers["admin"], "UPZ", 1, 25)
    assert count(rt, OfficeTierDuration) == 0


def test_a_service_from_the_command_line_gets_its_post(rt, ladder):
    item = admin.ServiceInput("UPZ2", "citizen", 4, "সনদ", None, "clerk", "")
    service = admin.save_service(rt, "cli:root", item)
    with rt.db.read_session() as s:
        clerk = org.post_by_code(s, "UPZ2", "clerk")
        assert (clerk.kind, clerk.title_bn) == ("service_officer", "clerk")
    assert service.responsible_post_id == clerk.id and service.time_limit_days is None
    assert entries(rt) == [("service_saved", "office:UPZ2", "cli:root")]


def test_an_administrator_cannot_disable_their_own_account(rt, ladder):
    with pytest.raises(InvalidInput) as refused:
        admin.set_active(rt, ladder.officers["admin"], "admin", False)
    assert refused.value.code == "own_account"
    admin.set_active(rt, "cli:root", "admin", False)  # from the command line it is allowed
    assert entries(rt) == [("officer_disabled", "officer:admin", "cli:root")]


def test_a_holiday_change_is_audited_with_the_deadlines_it_moved(rt, ladder):
    lodge_case(rt)
    by = ladder.officers["admin"]
    day = date(2026, 11, 24)
    outcome = make_holiday_change(rt, by, HolidayRequest(day, "add", "বন্যা", "admin", "বন্যা"))
    assert outcome.deadlines_moved == 1
    with pytest.raises(InvalidInput):
        make_holiday_change(rt, by, HolidayRequest(day, "remove", " ", "admin"))
    assert count(rt, HolidayChange) == 1
    with rt.db.read_session() as s:
        entry = s.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.target, entry.detail) == (
        "holiday_added", "holiday:2026-11-24", {"moved": 1, "reason": "বন্যা"},
    )  # fmt: skip


def test_a_refused_action_is_audited_and_changes_nothing(rt, ladder):
    case = lodge_case(rt)
    with pytest.raises(ActionRefused):
        act_on_case(rt, ladder.officers["gro_upz"], case.tracking_number, "rate", ActionInput())
    with pytest.raises(NotFound):
        act_on_case(rt, ladder.officers["gro_upz2"], case.tracking_number, "rate", ActionInput())
    assert entries(rt) == [("action_refused", f"case:{case.tracking_number}", "gro_upz")]


def test_a_session_belongs_to_an_active_officer_of_its_version(rt, ladder):
    officer = ladder.officers["gro_upz"]
    with rt.db.read_session() as s:
        assert session_officer(s, officer.id, officer.session_version).username == "gro_upz"
        assert session_officer(s, officer.id, officer.session_version + 1) is None
        assert session_officer(s, 999_999, 0) is None
    admin.set_active(rt, "cli:root", "gro_upz", False)
    with rt.db.read_session() as s:
        assert session_officer(s, officer.id, officer.session_version + 1) is None


def test_record_change_names_an_officer_or_a_command_line_user(rt, ladder):
    with rt.db.write() as s:
        audit.record_change(rt, s, ladder.officers["admin"], "x", "t")
        audit.record_change(rt, s, "cli:root", "y", "t")
    assert entries(rt) == [("x", "t", "admin"), ("y", "t", "cli:root")]
