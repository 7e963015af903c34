"""An office's blacklist, on SQLite and PostgreSQL: the GRO proposes, the appeal officer decides
and lifts; complaints of a blacklisted complainant are accepted as any other but marked for the
officers, by every way in; every refusal writes nothing and every step is audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from grs.db.models import AuditEntry, BlacklistEntry, Case, Event
from grs.errors import InvalidInput, NotFound
from grs.reports.grievance import grievance_report
from grs.reports.offices import OfficeTree
from grs.reports.periods import parse_period
from grs.services import administration as admin
from grs.services import blacklist
from grs.services import organisation as org
from grs.services.api_keys import create_client
from grs.services.case_view import history
from grs.services.citizen_access import lodge_complaint
from grs.services.open311_lodging import lodge_request
from grs.services.paper_entry import lodge_on_behalf
from tests.support import build_ladder, complaint, do, load, lodge_case

MOBILE = "01711234567"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _officer(rt, username):
    with rt.db.read_session() as s:
        return org.officer_by_username(s, username)


def _blacklisted(rt, contact="+880 ১৭১১-২৩৪৫৬৭") -> BlacklistEntry:
    entry = blacklist.propose(rt, _officer(rt, "gro_upz"), "UPZ", contact, "মিথ্যা অভিযোগ বারবার")
    return blacklist.decide(rt, _officer(rt, "ao_dist"), "UPZ", entry.id, "approve", "")


def _count(rt, model) -> int:
    with rt.db.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _marks(rt, tracking) -> tuple[int | None, list[Event], list[Event]]:
    with rt.db.read_session() as s:
        case = s.scalars(select(Case).where(Case.tracking_number == tracking)).one()
        return (
            case.blacklist_entry_id,
            history(s, case, citizen=False),
            history(s, case, citizen=True),
        )


def _assert_flagged(rt, tracking, entry_id):
    mark, officers, citizens = _marks(rt, tracking)
    assert mark == entry_id
    flags = [e for e in officers if e.action == "blacklist_flag"]
    assert len(flags) == 1 and flags[0].actor_kind == "system" and not flags[0].citizen_visible
    assert [e.action for e in citizens] == ["lodge"]  # the citizen sees nothing different


def test_the_journey_propose_approve_flag_lift(rt, ladder):
    gro, ao = _officer(rt, "gro_upz"), _officer(rt, "ao_dist")
    before = lodge_case(rt)  # lodged before the blacklisting: never marked
    entry = blacklist.propose(rt, gro, "UPZ", "০১৭১১-২৩৪৫৬৭", "একই অভিযোগ ১২ বার, সবই মিথ্যা")
    assert (entry.contact_kind, entry.contact, entry.status) == ("mobile", MOBILE, "proposed")
    proposed = lodge_case(rt)  # a proposal alone marks nothing
    entry = blacklist.decide(rt, ao, "UPZ", entry.id, "approve", "প্রমাণ দেখা হয়েছে")
    assert entry.status == "active" and entry.decided_by == ao.id
    flagged = lodge_case(rt)
    assert flagged.state == rt.workflow.lodged_state and flagged.tier == 1  # accepted as usual
    _assert_flagged(rt, flagged.tracking_number, entry.id)
    assert _marks(rt, before.tracking_number)[0] is None
    assert _marks(rt, proposed.tracking_number)[0] is None
    other_office = lodge_case(rt, office_code="UPZ2")  # only the office's own blacklist counts
    assert _marks(rt, other_office.tracking_number)[0] is None
    lifted = blacklist.lift(rt, ao, "UPZ", entry.id, "আচরণ বদলেছে")
    assert (lifted.status, lifted.lift_reason, lifted.lifted_by) == ("lifted", "আচরণ বদলেছে", ao.id)
    after = lodge_case(rt)
    assert _marks(rt, after.tracking_number)[0] is None
    _assert_flagged(rt, flagged.tracking_number, entry.id)  # the mark made then stays
    with rt.db.read_session() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        details = s.scalars(select(AuditEntry.detail)).all()
    assert actions == ["blacklist_proposed", "blacklist_approved", "blacklist_lifted"]
    assert all(d["contact_kind"] == "mobile" and "234567" not in str(d) for d in details)
    assert _count(rt, BlacklistEntry) == 1  # one row holds the whole story, nothing deleted


def test_an_email_blacklisting_marks_complaints_with_that_address(rt, ladder):
    entry = _blacklisted(rt, "False.Complainant@Example.org")
    case = lodge_case(rt, mobile="01811111111", email="false.complainant@example.ORG")
    _assert_flagged(rt, case.tracking_number, entry.id)


def test_every_way_in_is_marked(rt, ladder):
    entry = _blacklisted(rt)
    web = lodge_complaint(rt, complaint()).case
    paper = lodge_on_behalf(rt, _officer(rt, "gro_upz"), complaint(channel="paper"))
    issued = create_client(rt, "cli:root", "helpline", None)
    form = {"jurisdiction_id": "UPZ", "service_code": "general", "description": "সেবা পাইনি",
            "first_name": "রহিম", "phone": "+8801711234567"}  # fmt: skip
    api = lodge_request(rt, issued.secret, form)
    for tracking in (web.tracking_number, paper.case.tracking_number, api.tracking_number):
        _assert_flagged(rt, tracking, entry.id)
    anonymous = lodge_case(rt, anonymous=True, name="", mobile="")
    assert _marks(rt, anonymous.tracking_number)[0] is None


def test_the_alternate_proposes_while_the_gro_is_away(rt, ladder):
    alternate = _officer(rt, "alt_upz")
    with pytest.raises(NotFound):
        blacklist.propose(rt, alternate, "UPZ", MOBILE, "কারণ")
    with rt.db.write() as s:
        org.add_absence(s, org.officer_by_username(s, "gro_upz"), date(2026, 11, 1),
                        date(2026, 12, 31), "ছুটি")  # fmt: skip
    assert blacklist.propose(rt, alternate, "UPZ", MOBILE, "কারণ").status == "proposed"


def test_a_named_appeal_officer_decides(rt, ladder):
    entry = blacklist.propose(rt, _officer(rt, "gro_upz"), "UPZ", MOBILE, "কারণ")
    admin.set_appeal_officer(rt, "cli:root", "UPZ", "DIR", "gro")
    with pytest.raises(NotFound):  # the parent's GRO is no longer the appeal officer
        blacklist.decide(rt, _officer(rt, "ao_dist"), "UPZ", entry.id, "approve", "")
    decided = blacklist.decide(rt, _officer(rt, "gro_dir"), "UPZ", entry.id, "reject", "প্রমাণ নেই")
    assert (decided.status, decided.decision_note) == ("rejected", "প্রমাণ নেই")
    assert _marks(rt, lodge_case(rt).tracking_number)[0] is None  # rejected: nothing marked


@pytest.mark.parametrize(
    ("contact", "reason", "code"),
    [
        (MOBILE, "   ", "reason_required"),
        ("0171123", "কারণ", "invalid_contact"),
        ("12345678901", "কারণ", "invalid_contact"),
        ("not-an-address@", "কারণ", "invalid_contact"),
        ("", "কারণ", "invalid_contact"),
    ],
)
def test_a_bad_proposal_writes_nothing(rt, ladder, contact, reason, code):
    with pytest.raises(InvalidInput) as caught:
        blacklist.propose(rt, _officer(rt, "gro_upz"), "UPZ", contact, reason)
    assert caught.value.code == code
    assert _count(rt, BlacklistEntry) == 0 and _count(rt, AuditEntry) == 0


def test_refusals_leave_no_row(rt, ladder):
    gro, ao = _officer(rt, "gro_upz"), _officer(rt, "ao_dist")
    entry = blacklist.propose(rt, gro, "UPZ", MOBILE, "কারণ")
    refusals = [
        (lambda: blacklist.propose(rt, gro, "UPZ", "8801711234567", "আবার"), "blacklist_duplicate"),
        (lambda: blacklist.lift(rt, ao, "UPZ", entry.id, "কারণ"), "not_blacklisted"),
        (lambda: blacklist.decide(rt, ao, "UPZ", entry.id, "reject", ""), "reason_required"),
    ]
    for attempt, code in refusals:
        with pytest.raises(InvalidInput) as caught:
            attempt()
        assert caught.value.code == code
    blacklist.decide(rt, ao, "UPZ", entry.id, "approve", "")
    audit_rows = _count(rt, AuditEntry)
    for attempt, code in [
        (lambda: blacklist.decide(rt, ao, "UPZ", entry.id, "approve", ""), "blacklist_decided"),
        (lambda: blacklist.decide(rt, ao, "UPZ", entry.id, "reject", "না"), "blacklist_decided"),
        (lambda: blacklist.propose(rt, gro, "UPZ", MOBILE, "আবার"), "blacklist_duplicate"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            attempt()
        assert caught.value.code == code
    blacklist.lift(rt, ao, "UPZ", entry.id, "কারণ")
    with pytest.raises(InvalidInput):
        blacklist.lift(rt, ao, "UPZ", entry.id, "আবার")
    assert _count(rt, AuditEntry) == audit_rows + 1 and _count(rt, BlacklistEntry) == 1
    # Lifted, the contact may be proposed afresh: a new row beside the old one.
    assert blacklist.propose(rt, gro, "UPZ", MOBILE, "আবার শুরু").id != entry.id


@pytest.mark.parametrize(
    ("username", "step"),
    [
        ("gro_upz2", "propose"),  # another office's GRO
        ("ao_dist", "propose"),  # the appeal officer does not propose
        ("ict_upz", "propose"),  # a service officer of the office
        ("admin", "propose"),
        ("gro_upz", "decide"),  # the GRO does not decide
        ("gro_upz", "lift"),
        ("gro_dir", "decide"),  # two offices up: not the appeal officer
        ("cell", "lift"),
    ],
)
def test_outsiders_are_told_there_is_no_such_office(rt, ladder, username, step):
    entry = _blacklisted(rt)
    if step == "decide":
        entry = blacklist.propose(rt, _officer(rt, "gro_upz"), "UPZ", "01911111111", "কারণ")
    officer = _officer(rt, username)
    calls = {
        "propose": lambda: blacklist.propose(rt, officer, "UPZ", "01811111111", "কারণ"),
        "decide": lambda: blacklist.decide(rt, officer, "UPZ", entry.id, "approve", ""),
        "lift": lambda: blacklist.lift(rt, officer, "UPZ", entry.id, "কারণ"),
    }
    rows, statuses = _count(rt, BlacklistEntry), _statuses(rt)
    with pytest.raises(NotFound):
        calls[step]()
    assert (_count(rt, BlacklistEntry), _statuses(rt)) == (rows, statuses)
    if username in ("gro_upz", "ao_dist"):
        return  # they read the page: each has the other part
    with rt.db.read_session() as s, pytest.raises(NotFound):
        blacklist.blacklist_page(rt, s, officer, "UPZ")


def _statuses(rt) -> list[str]:
    with rt.db.read_session() as s:
        return list(s.scalars(select(BlacklistEntry.status).order_by(BlacklistEntry.id)))


def test_an_entry_of_another_office_is_not_found(rt, ladder):
    entry = blacklist.propose(rt, _officer(rt, "gro_upz2"), "UPZ2", MOBILE, "কারণ")
    with pytest.raises(NotFound):  # ao_dist hears UPZ and UPZ2, but the entry is UPZ2's
        blacklist.decide(rt, _officer(rt, "ao_dist"), "UPZ", entry.id, "approve", "")
    assert load_status(rt, entry.id) == "proposed"


def load_status(rt, entry_id: int) -> str:
    with rt.db.read_session() as s:
        return s.get_one(BlacklistEntry, entry_id).status


def test_the_page_lists_entries_with_who_did_what(rt, ladder):
    entry = _blacklisted(rt)
    with rt.db.read_session() as s:
        page = blacklist.blacklist_page(rt, s, _officer(rt, "ao_dist"), "UPZ")
        gro_page = blacklist.blacklist_page(rt, s, _officer(rt, "gro_upz"), "UPZ")
    assert [e.id for e in page.entries] == [entry.id]
    assert page.roles == blacklist.Roles(proposes=False, decides=True)
    assert gro_page.roles == blacklist.Roles(proposes=True, decides=False)
    assert set(page.officer_names.values()) == {"gro_upz", "ao_dist"}
    assert load(rt, lodge_case(rt).tracking_number).blacklist_entry_id == entry.id


def test_a_marked_complaint_counts_in_the_reports_as_any_other(rt, clock, ladder):
    clock.set("2026-03-10")
    _blacklisted(rt)
    case = lodge_case(rt)
    lodge_case(rt, mobile="01811111111")
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "accept", gro)
    do(rt, case.tracking_number, "resolve", gro, closure_reason="service_given")
    clock.set("2026-04-20")
    with rt.db.read_session() as s:
        tree = OfficeTree.load(s)
        rep = grievance_report(rt, s, tree, tree.by_code("UPZ"), parse_period("2026-03"))
    gro_block = next(b for b in rep.blocks if b.key == "gro")
    upz = next(r for r in gro_block.rows if r.office is not None and r.office.code == "UPZ")
    assert (upz.values["received"], upz.values["settled"], upz.values["running"]) == (2, 1, 1)
