"""Each event of a case tells exactly the people it should, in their language, on SQLite and
PostgreSQL: the outbox rows are written with the change itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event, select

from grs.db.models import Notification, Officer
from grs.notify.segments import sms_segments
from grs.services.deadline_notices import tell_moved_deadlines
from grs.services.escalation import sweep
from grs.services.holiday_changes import HolidayRequest, change_holiday
from grs.services.reminders import send_reminders
from tests.support import build_ladder, do, load, lodge_case

D = date.fromisoformat
MOBILE = "01711234567"
EMAIL = "rahim@example.com"


@pytest.fixture
def ladder(rt):
    ladder = build_ladder(rt)
    with rt.db.write() as s:
        s.get_one(Officer, ladder.officers["gro_upz"].id).email = "gro.upz@example.gov.bd"
        s.get_one(Officer, ladder.officers["ao_dist"].id).phone = "01811000000"
        s.get_one(Officer, ladder.officers["ao_dist"].id).language = "en"
    return ladder


class Outbox:
    """Reads the rows written since the last look."""

    def __init__(self, rt):
        self.rt, self.seen = rt, 0

    def new(self) -> list[tuple[str, str, str, str]]:
        with self.rt.db.read_session() as s:
            rows = s.scalars(
                select(Notification).where(Notification.id > self.seen).order_by(Notification.id)
            ).all()
        if rows:
            self.seen = rows[-1].id
        self.rows = rows
        return sorted((r.kind, r.channel, r.recipient, r.language) for r in rows)


def gro_gets(kind: str) -> list[tuple[str, str, str, str]]:
    return [(kind, "email", "gro.upz@example.gov.bd", "bn"), (kind, "inbox", "GRO", "bn")]


def fix_inbox(rows, ladder):
    """Inbox rows name the officer by id; the tests name them by post."""
    short = {"gro_upz": "GRO", "ao_dist": "AO"}
    names = {str(o.id): short.get(k, k) for k, o in ladder.officers.items()}
    return sorted((k, c, names.get(r, r) if c == "inbox" else r, lang) for k, c, r, lang in rows)


def test_every_step_of_a_case_tells_the_right_people(rt, clock, ladder):
    box = Outbox(rt)
    case = lodge_case(rt, email=EMAIL, language="en")
    assert fix_inbox(box.new(), ladder) == sorted([
        ("lodged", "email", EMAIL, "en"), ("lodged", "sms", MOBILE, "en"), *gro_gets("new_case"),
    ])  # fmt: skip
    sms = next(r for r in box.rows if r.channel == "sms")
    assert case.tracking_number in sms.body and "Upazila" in sms.body
    assert sms.segments == sms_segments(sms.body) <= 2
    gro = ladder.officer("gro_upz")
    tn = case.tracking_number
    do(rt, tn, "accept", gro)
    assert box.new() == []  # accepting tells nobody
    do(rt, tn, "request_info", gro, note="Your application number?")
    assert fix_inbox(box.new(), ladder) == [
        ("info_requested", "email", EMAIL, "en"), ("info_requested", "sms", MOBILE, "en"),
    ]  # fmt: skip
    assert all("Your application number?" in r.body for r in box.rows)
    do(rt, tn, "answer_info", note="It is 42")
    assert fix_inbox(box.new(), ladder) == sorted([
        ("answer_received", "email", EMAIL, "en"), ("answer_received", "sms", MOBILE, "en"),
        *gro_gets("answer_arrived"),
    ])  # fmt: skip
    do(rt, tn, "resolve", gro, closure_reason="answer_accepted", note="done")
    assert fix_inbox(box.new(), ladder) == [
        ("decided", "email", EMAIL, "en"), ("decided", "sms", MOBILE, "en"),
    ]  # fmt: skip
    assert "23/12/2026" in box.rows[0].body  # the last day to appeal
    clock.set("2026-11-30")
    do(rt, tn, "appeal")
    assert fix_inbox(box.new(), ladder) == sorted([
        ("appeal_received", "email", EMAIL, "en"), ("appeal_received", "sms", MOBILE, "en"),
        ("new_appeal", "inbox", "AO", "en"), ("new_appeal", "sms", "01811000000", "en"),
    ])  # fmt: skip
    ao = ladder.officer("ao_dist")
    do(rt, tn, "accept", ao)
    do(rt, tn, "resolve", ao, closure_reason="service_given")
    box.new()
    do(rt, tn, "accept_outcome")
    assert [k for k, *_ in box.new()] == ["closed", "closed"]
    clock.set("2026-12-03")
    assert send_reminders(rt).rate_reminders == 1
    assert [k for k, *_ in box.new()] == ["rate_reminder", "rate_reminder"]
    send_reminders(rt)
    assert box.new() == []  # one reminder to rate, however often the worker runs


def test_a_bangla_complaint_hears_in_bangla_within_two_sms(rt, ladder):
    box = Outbox(rt)
    case = lodge_case(rt, subject="অনেক লম্বা " * 20)
    box.new()
    sms = next(r for r in box.rows if r.channel == "sms")
    assert sms.language == "bn" and "অভিযোগ" in sms.body
    assert "০" in sms.body or "১" in sms.body  # Bangla digits
    assert case.tracking_number not in sms.body  # written in Bangla digits
    assert sms.segments <= 2


def test_a_question_ending_in_a_danda_is_not_ended_twice(rt, ladder):
    box = Outbox(rt)
    case = lodge_case(rt, subject="জমির নামজারি")
    box.new()
    question = "কোন পাতার তথ্য পুরোনো তা জানান। "
    do(rt, case.tracking_number, "request_info", ladder.officer("gro_upz"), note=question)
    box.new()
    (sms,) = [r for r in box.rows if r.kind == "info_requested" and r.channel == "sms"]
    assert sms.language == "bn"
    assert "কর্মকর্তা জানতে চান: কোন পাতার তথ্য পুরোনো তা জানান। উত্তর দিন" in sms.body


def test_escalation_and_forwarding_tell_the_citizen_and_the_new_officer(rt, ladder):
    box = Outbox(rt)
    case = lodge_case(rt)
    box.new()
    sweep(rt, D("2027-03-01"))
    rows = fix_inbox(box.new(), ladder)
    assert rows == [("escalated", "sms", MOBILE, "bn"), ("new_case", "inbox", "AO", "en"),
                    ("new_case", "sms", "01811000000", "en")]  # fmt: skip
    other = lodge_case(rt)
    box.new()
    do(rt, other.tracking_number, "forward", ladder.officer("gro_upz"), target_office="UPZ2")
    rows = fix_inbox(box.new(), ladder)
    assert rows[0] == ("forwarded", "sms", MOBILE, "bn")
    assert [(k, c) for k, c, *_ in rows[1:]] == [("new_case", "inbox")]
    assert load(rt, case.tracking_number).tier == 2


def test_a_sweep_writes_its_whole_outbox_batch_at_once(rt, ladder):
    """Every escalated case's messages, in one INSERT on PostgreSQL whatever the batch's size
    (over arrays); the rows are those one case at a time would get."""
    box = Outbox(rt)
    cases = [lodge_case(rt, mobile=f"0171100{i:04d}") for i in range(12)]
    box.new()
    inserts: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO NOTIFICATIONS"):
            inserts.append(statement)

    event.listen(rt.db.engine, "before_cursor_execute", seen)
    try:
        sweep(rt, D("2027-03-01"))
    finally:
        event.remove(rt.db.engine, "before_cursor_execute", seen)
    rows = box.new()
    assert len(rows) == 3 * len(cases)
    assert sorted(r for k, c, r, _ in rows if c == "sms" and k == "escalated") == sorted(
        c.complainant_mobile for c in cases
    )
    assert len({r.once_key for r in box.rows}) == len(rows)
    if rt.db.is_postgresql:
        assert len(inserts) == 1 and "json_populate_recordset" in inserts[0]


def test_a_calendar_change_tells_the_citizen_their_new_date(rt, ladder):
    lodge_case(rt)
    box = Outbox(rt)
    box.new()
    with rt.db.write() as s:
        change_holiday(rt, s, HolidayRequest(D("2026-12-01"), "add", "cyclone", "test", "ঝড়"))
    assert box.new() == []  # the worker tells them, after the change
    tell_moved_deadlines(rt)
    assert box.new() == [("deadline_moved", "sms", MOBILE, "bn")]


def test_anonymous_complaints_and_refused_sms_get_no_sms(rt, ladder):
    box = Outbox(rt)
    lodge_case(rt, anonymous=True, name="", mobile="")
    assert [c for _, c, *_ in box.new()] == ["email", "inbox"]  # the GRO's only
    lodge_case(rt, email=EMAIL, no_sms=True)
    assert [(k, c, r) for k, c, r, _ in box.new() if r in (MOBILE, EMAIL)] == [
        ("lodged", "email", EMAIL)
    ]


def test_officers_are_reminded_before_a_deadline_or_get_one_digest(rt, clock, ladder):
    case = lodge_case(rt)
    box = Outbox(rt)
    box.new()
    calendar = rt.calendar(rt.db.read_session())
    day = case.due_on
    while calendar.add_working_days(day, 3) > case.due_on:
        day = day.fromordinal(day.toordinal() - 1)
    assert calendar.add_working_days(day, 3) == case.due_on
    clock.set(day)
    assert send_reminders(rt).reminders == 1
    assert fix_inbox(box.new(), ladder) == gro_gets("reminder")
    assert send_reminders(rt).reminders == 1 and box.new() == []  # the same day: written once
    rt.settings = replace(rt.settings, notify=replace(rt.settings.notify, digest_min_cases=2))
    lodge_case(rt)
    box.new()
    report = send_reminders(rt)
    assert (report.digests, report.reminders) == (1, 0)
    assert fix_inbox(box.new(), ladder) == gro_gets("digest")
    assert "২টি" in box.rows[0].body
