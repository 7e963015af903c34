"""Opinions asked of another post: the request, the answer in the system, taking it back and
sending it again, and who sees the case meanwhile; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from grs.db.models import Attachment, AuditEntry, Notification
from grs.errors import ActionRefused, InvalidInput, NotFound
from grs.services import organisation as org
from grs.services.attachments import Upload
from grs.services.case_view import history
from grs.services.escalation import sweep
from grs.services.handled_earlier import handled_earlier
from grs.services.officer_case import case_detail
from grs.services.queue import QueueFilters, queue_page
from grs.services.request_answers import answer_request
from tests.integration.request_support import officer, requests, sees
from tests.support import Ladder, build_ladder, do, load, lodge_case
from tests.web.citizen_support_pdf import pdf_bytes

PDF = pdf_bytes()


@pytest.fixture
def ladder(rt) -> Ladder:
    return build_ladder(rt)


def accepted_case(rt, ladder: Ladder, **overrides):
    case = lodge_case(rt, service_id=ladder.services["as_needed"].id, **overrides)
    if case.tier == 0:  # the service's own time limit: none here, so it starts with the GRO
        raise AssertionError("expected the GRO's tier")
    return do(rt, case.tracking_number, "accept", ladder.officer("gro_upz"))


def test_the_service_officer_is_asked_by_default_and_answers_in_the_system(rt, ladder):
    case = accepted_case(rt, ladder)
    assert sees(rt, "ict_upz", case) is None  # not asked yet: a stranger to the case
    case = do(rt, case.tracking_number, "request_opinion", ladder.officer("gro_upz"), note="মত দিন")
    assert case.state == "opinion_requested"
    (row,) = requests(rt, case)
    with rt.db.read_session() as s:
        post = org.post_by_code(s, "UPZ", "ict_officer")
        calendar = rt.calendar(s)
    due = calendar.add_working_days(rt.today(), rt.workflow.opinion_days)
    assert (row.kind, row.post_id, row.status, row.due_on, case.opinion_due_on) == (
        "opinion",
        post.id,
        "open",
        due,
        due,
    )
    # The asked officer hears of it, finds it in the queue, and reads it without ladder actions.
    with rt.db.read_session() as s:
        inbox = s.scalars(select(Notification).where(Notification.channel == "inbox")).all()
        assert any(n.kind == "opinion_asked" and n.recipient == str(ladder.officers["ict_upz"].id)
                   for n in inbox)  # fmt: skip
        page = queue_page(rt, s, officer(rt, "ict_upz"), QueueFilters())
        detail = case_detail(rt, s, officer(rt, "ict_upz"), case.tracking_number)
    assert [(r.tracking_number, r.kind, r.due_on, r.late) for r in page.asked] == [
        (case.tracking_number, "opinion", due, False)
    ]
    assert detail.read_only and detail.actions == []
    assert detail.asked is not None and detail.asked.trigger == "give_opinion"
    answered = answer_request(rt, officer(rt, "ict_upz"), case.tracking_number, "সেবা দেওয়া যায়",
                              [Upload("opinion.pdf", PDF)])  # fmt: skip
    assert answered.state == "accepted" and answered.opinion_due_on is None
    (row,) = requests(rt, case)
    assert (row.status, row.answer, row.answered_by) == (
        "given",
        "সেবা দেওয়া যায়",
        ladder.officers["ict_upz"].id,
    )
    with rt.db.read_session() as s:
        events = history(s, load(rt, case.tracking_number), citizen=False)
        files = s.scalars(select(Attachment).where(Attachment.case_id == case.id)).all()
        audits = [a.action for a in s.scalars(select(AuditEntry))]
        gro_inbox = s.scalars(
            select(Notification).where(
                Notification.kind == "opinion_arrived",
                Notification.recipient == str(ladder.officers["gro_upz"].id),
            )
        ).all()
    last = events[-1]
    assert (last.action, last.officer_id, last.note) == (
        "give_opinion",
        ladder.officers["ict_upz"].id,
        "সেবা দেওয়া যায়",
    )
    assert [(f.event_id, f.assignment_id, f.uploaded_by) for f in files] == [
        (last.id, row.id, "officer")
    ]
    assert {"opinion_requested", "opinion_given"} <= set(audits)
    assert gro_inbox  # the GRO hears the opinion has come
    # Once answered, the case is out of the asked officer's sight, and not "handled earlier".
    assert sees(rt, "ict_upz", case) is None
    with rt.db.read_session() as s:
        assert handled_earlier(rt, s, officer(rt, "ict_upz")) == []


def test_the_gro_may_ask_another_post_and_not_the_own(rt, ladder):
    case = accepted_case(rt, ladder)
    gro = ladder.officer("gro_upz")
    with pytest.raises(InvalidInput) as own:
        do(rt, case.tracking_number, "request_opinion", gro, asked_post="UPZ/gro")
    assert own.value.code == "own_post"
    with pytest.raises(InvalidInput) as unknown:
        do(rt, case.tracking_number, "request_opinion", gro, asked_post="UPZ/nobody")
    assert unknown.value.code == "post_not_found"
    assert requests(rt, case) == [] and load(rt, case.tracking_number).state == "accepted"
    chosen = "জেলা আইসিটি কার্যালয়, District (DIST/gro)"
    do(rt, case.tracking_number, "request_opinion", gro, asked_post=chosen, opinion_days=3)
    (row,) = requests(rt, case)
    with rt.db.read_session() as s:
        assert row.post_id == org.post_by_code(s, "DIST", "gro").id
    assert sees(rt, "ao_dist", case) is True and sees(rt, "ict_upz", case) is None


def test_an_opinion_after_the_request_was_taken_back_is_refused(rt, ladder):
    case = accepted_case(rt, ladder)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "request_opinion", gro)
    case = do(rt, case.tracking_number, "withdraw_opinion_request", gro, note="দরকার নেই")
    assert (case.state, case.opinion_due_on) == ("accepted", None)
    assert [r.status for r in requests(rt, case)] == ["withdrawn"]
    with pytest.raises(ActionRefused) as refused:
        answer_request(rt, officer(rt, "ict_upz"), case.tracking_number, "দেরিতে মত")
    assert refused.value.code == "request_withdrawn"
    assert load(rt, case.tracking_number).version == case.version  # nothing written
    assert sees(rt, "ict_upz", case) is None
    with rt.db.read_session() as s:
        refusals = s.scalars(select(AuditEntry).where(AuditEntry.action == "answer_refused"))
        assert [a.detail["reason"] for a in refusals] == ["request_withdrawn"]


def test_sending_again_gives_a_new_due_date_and_keeps_the_request(rt, clock, ladder):
    case = accepted_case(rt, ladder)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "request_opinion", gro, opinion_days=2)
    (first,) = requests(rt, case)
    clock.set(date(2026, 12, 1))  # past the due date: late in the asked officer's queue
    with rt.db.read_session() as s:
        (late,) = queue_page(rt, s, officer(rt, "ict_upz"), QueueFilters()).asked
        lines = case_detail(rt, s, officer(rt, "gro_upz"), case.tracking_number).requests
    assert late.late and [(line.status, line.late) for line in lines] == [("open", True)]
    case = do(rt, case.tracking_number, "resend_opinion_request", gro, opinion_days=5)
    (row,) = requests(rt, case)
    with rt.db.read_session() as s:
        due = rt.calendar(s).add_working_days(date(2026, 12, 1), 5)
    assert (row.id, row.status, row.due_on, case.opinion_due_on) == (first.id, "open", due, due)
    assert case.state == "opinion_requested"
    answer_request(rt, officer(rt, "ict_upz"), case.tracking_number, "মত")
    assert load(rt, case.tracking_number).state == "accepted"


def test_an_officer_never_asked_is_told_the_case_does_not_exist(rt, ladder):
    case = accepted_case(rt, ladder)
    do(rt, case.tracking_number, "request_opinion", ladder.officer("gro_upz"))
    assert sees(rt, "gro_upz2", case) is None
    with pytest.raises(NotFound):
        answer_request(rt, officer(rt, "gro_upz2"), case.tracking_number, "মত")
    # The case's own GRO is not the one asked: the answer is not theirs to give.
    with pytest.raises(ActionRefused) as refused:
        do(rt, case.tracking_number, "give_opinion", ladder.officer("gro_upz"), note="মত")
    assert refused.value.code == "not_asked"


def test_the_alternate_answers_while_the_asked_holder_is_away(rt, ladder):
    with rt.db.write() as s:
        upz = org.office_by_code(s, "UPZ")
        ict = org.post_by_code(s, "UPZ", "ict_officer")
        deputy = org.ensure_post(s, upz, "deputy", "service_officer", "সহকারী প্রোগ্রামার")
        ict.alternate_post_id = deputy.id
        stand_in = org.add_officer(s, "deputy_upz", "deputy_upz", "correct-horse-battery")
        org.assign_post(s, stand_in, deputy)
        org.add_absence(s, org.officer_by_username(s, "ict_upz"), date(2026, 11, 20),
                        date(2026, 11, 30), "ছুটি")  # fmt: skip
    case = accepted_case(rt, ladder)
    do(rt, case.tracking_number, "request_opinion", ladder.officer("gro_upz"))
    assert sees(rt, "deputy_upz", case) is True
    answer_request(rt, officer(rt, "deputy_upz"), case.tracking_number, "বদলি কর্মকর্তার মত")
    (row,) = requests(rt, case)
    assert row.answered_by == officer(rt, "deputy_upz").id


def test_an_opinion_on_paper_answers_the_open_request(rt, ladder):
    case = accepted_case(rt, ladder)
    gro = ladder.officer("gro_upz")
    do(rt, case.tracking_number, "request_opinion", gro)
    do(rt, case.tracking_number, "record_opinion", gro, note="চিঠিতে পাওয়া মত")
    (row,) = requests(rt, case)
    assert (row.status, row.answer, row.answered_by) == (
        "given",
        "চিঠিতে পাওয়া মত",
        ladder.officers["gro_upz"].id,
    )
    assert sees(rt, "ict_upz", case) is None


def test_a_case_that_moved_on_awaits_no_opinion(rt, ladder):
    case = accepted_case(rt, ladder)
    do(rt, case.tracking_number, "request_opinion", ladder.officer("gro_upz"))
    sweep(rt, date(2027, 3, 1))  # the GRO's deadline passed: the appeal officer has it now
    assert load(rt, case.tracking_number).tier == 2
    assert sees(rt, "ict_upz", case) is None
    with pytest.raises(ActionRefused) as refused:
        answer_request(rt, officer(rt, "ict_upz"), case.tracking_number, "মত")
    assert refused.value.code in ("request_lapsed", "wrong_tier")


def test_a_refused_file_leaves_the_request_open_and_nothing_written(rt, ladder):
    case = accepted_case(rt, ladder)
    case = do(rt, case.tracking_number, "request_opinion", ladder.officer("gro_upz"))
    bad = [Upload("script.pdf", b"<script>alert(1)</script>")]
    with pytest.raises(InvalidInput) as refused:
        answer_request(rt, officer(rt, "ict_upz"), case.tracking_number, "মত", bad)
    assert refused.value.code == "file_type"
    too_many = [Upload(f"{n}.pdf", PDF) for n in range(rt.settings.max_files + 1)]
    with pytest.raises(InvalidInput) as refused:
        answer_request(rt, officer(rt, "ict_upz"), case.tracking_number, "মত", too_many)
    assert refused.value.code == "too_many_files"
    assert [r.status for r in requests(rt, case)] == ["open"]
    assert load(rt, case.tracking_number).version == case.version
    with rt.db.read_session() as s:
        assert s.scalars(select(Attachment)).all() == []
    assert not list((rt.settings.path(rt.settings.upload_dir)).glob("*"))


def test_the_complainant_is_not_given_the_files_of_an_opinion(rt, ladder):
    from grs.services.citizen_access import citizen_case

    case = accepted_case(rt, ladder)
    do(rt, case.tracking_number, "request_opinion", ladder.officer("gro_upz"), note="মত দিন")
    answer_request(rt, officer(rt, "ict_upz"), case.tracking_number, "মত", [Upload("o.pdf", PDF)])
    with rt.db.read_session() as s:
        stored = s.scalars(select(Attachment).where(Attachment.case_id == case.id)).all()
        seen = citizen_case(rt, s, case.id).attachments
    assert [a.uploaded_by for a in stored] == ["officer"]
    assert seen == []
