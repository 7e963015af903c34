"""Investigations by named officers of any office, with a report in the system; on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grs.db.models import AuditEntry
from grs.errors import ActionRefused, InvalidInput, NotFound
from grs.services import organisation as org
from grs.services.case_view import history
from grs.services.queue import QueueFilters, queue_page
from grs.services.request_answers import answer_request
from tests.integration.request_support import officer, requests, sees
from tests.support import Ladder, build_ladder, do, load, lodge_case


@pytest.fixture
def ladder(rt) -> Ladder:
    return build_ladder(rt)


def accepted_case(rt, ladder: Ladder):
    case = lodge_case(rt)
    return do(rt, case.tracking_number, "accept", ladder.officer("gro_upz"))


def test_up_to_three_officers_of_other_offices_investigate_and_one_report_closes_it(rt, ladder):
    case = accepted_case(rt, ladder)
    named = ("UPZ2/gro", "DIST/gro", "UPZ/ict_officer")
    case = do(rt, case.tracking_number, "start_investigation", ladder.officer("gro_upz"),
              investigators=named, note="তদন্ত করুন")  # fmt: skip
    assert case.state == "investigating"
    assert case.extension_days == 10  # the tier's one extension, as before
    with rt.db.read_session() as s:
        report_due = rt.calendar(s).add_working_days(rt.today(), 20)
        posts = [org.post_by_code(s, *text.split("/")).id for text in named]
    found = requests(rt, case)
    assert [(r.kind, r.post_id, r.status, r.due_on) for r in found] == [
        ("investigation", post, "open", report_due) for post in posts
    ]
    assert len({r.request_event_id for r in found}) == 1  # one request, three officers
    for username in ("gro_upz2", "ao_dist", "ict_upz"):
        assert sees(rt, username, case) is True
        with rt.db.read_session() as s:
            (row,) = queue_page(rt, s, officer(rt, username), QueueFilters()).asked
        assert (row.kind, row.due_on) == ("investigation", report_due)
    answer_request(rt, officer(rt, "ao_dist"), case.tracking_number, "অভিযোগ প্রমাণিত")
    case = load(rt, case.tracking_number)
    assert case.state == "accepted" and case.extension_days == 10
    assert {(r.status, r.answered_by) for r in requests(rt, case)} == {
        ("given", ladder.officers["ao_dist"].id)
    }
    for username in ("gro_upz2", "ao_dist", "ict_upz"):
        assert sees(rt, username, case) is None
    with rt.db.read_session() as s:
        last = history(s, case, citizen=False)[-1]
        audits = {a.action for a in s.scalars(select(AuditEntry))}
    assert (last.action, last.note) == ("submit_investigation_report", "অভিযোগ প্রমাণিত")
    assert {"investigation_requested", "investigation_given"} <= audits


def test_a_fourth_investigator_or_an_unknown_post_is_refused(rt, ladder):
    case = accepted_case(rt, ladder)
    gro = ladder.officer("gro_upz")
    four = ("UPZ2/gro", "DIST/gro", "UPZ/ict_officer", "DIR/gro")
    for investigators, code in [
        (four, "too_many_investigators"),
        (("UPZ2/gro", "UPZ/nobody"), "post_not_found"),
        (("NOWHERE/gro",), "post_not_found"),
        (("UPZ2/gro", "UPZ2/gro"), "duplicate_investigator"),
        (("UPZ/gro",), "own_post"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            do(rt, case.tracking_number, "start_investigation", gro, investigators=investigators)
        assert refused.value.code == code, investigators
    assert requests(rt, case) == [] and load(rt, case.tracking_number).state == "accepted"


def test_a_report_by_someone_not_named_is_refused(rt, ladder):
    case = accepted_case(rt, ladder)
    do(rt, case.tracking_number, "start_investigation", ladder.officer("gro_upz"),
       investigators=("UPZ2/gro",))  # fmt: skip
    with pytest.raises(NotFound):  # never named: the case does not exist for them
        answer_request(rt, officer(rt, "gro_dir"), case.tracking_number, "প্রতিবেদন")
    for username in ("gro_dir", "gro_upz"):
        with pytest.raises(ActionRefused) as refused:
            do(rt, case.tracking_number, "submit_investigation_report",
               ladder.officer(username), note="প্রতিবেদন")  # fmt: skip
        assert refused.value.code == "not_asked"
    assert load(rt, case.tracking_number).state == "investigating"


def test_an_investigation_without_investigators_is_the_officers_own(rt, ladder):
    case = accepted_case(rt, ladder)
    case = do(rt, case.tracking_number, "start_investigation", ladder.officer("gro_upz"))
    assert case.state == "investigating" and requests(rt, case) == []


def test_the_report_deadline_may_be_chosen_and_asking_an_opinion_takes_the_investigation_back(
    rt, ladder
):
    case = accepted_case(rt, ladder)
    gro = ladder.officer("gro_upz")
    with pytest.raises(InvalidInput) as refused:
        do(rt, case.tracking_number, "start_investigation", gro, investigators=("UPZ2/gro",),
           report_days=61)  # fmt: skip
    assert refused.value.code == "bad_report_days"
    do(rt, case.tracking_number, "start_investigation", gro, investigators=("UPZ2/gro",),
       report_days=5)  # fmt: skip
    (row,) = requests(rt, case)
    with rt.db.read_session() as s:
        assert row.due_on == rt.calendar(s).add_working_days(rt.today(), 5)
    do(rt, case.tracking_number, "request_opinion", gro, asked_post="DIST/gro")
    investigation, opinion = requests(rt, case)
    assert (investigation.status, opinion.status) == ("withdrawn", "open")
    assert sees(rt, "gro_upz2", case) is None and sees(rt, "ao_dist", case) is True
