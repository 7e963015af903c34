"""The queue: the cases of the posts an officer acts for today, soonest deadline first."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from grs.bangla import bn_digits
from grs.services import organisation as org
from grs.services.escalation import sweep
from grs.tracking import format_tracking_number
from tests.support import build_ladder, do, lodge_case
from tests.web.officer_support import logged_in, login


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def listed(html: str) -> list[str]:
    """The tracking numbers in the queue, in the order shown, as plain ASCII digits."""
    return re.findall(r'href="/officer/cases/(\d{12})"', html)


def row(html: str, tracking: str) -> str:
    """The text of a case's row, whitespace collapsed."""
    start = html.index(f'href="/officer/cases/{tracking}"')
    return re.sub(r"\s+", " ", html[start:].split("</tr>")[0])


def queue(client, query: str = "") -> str:
    response = client.get(f"/officer/{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def absent(rt, username: str, start: str, end: str) -> None:
    with rt.db.write() as s:
        officer = org.officer_by_username(s, username)
        org.add_absence(s, officer, date.fromisoformat(start), date.fromisoformat(end), "ছুটি")


def test_the_queue_lists_own_cases_by_deadline_with_days_left(app, rt, clock, ladder):
    later = lodge_case(rt, subject="পরের অভিযোগ")
    clock.set("2026-11-16")
    earlier = lodge_case(rt, subject="আগের অভিযোগ")
    elsewhere = lodge_case(rt, office_code="UPZ2")
    clock.set("2026-11-23")
    html = queue(logged_in(app, "gro_upz"))
    assert listed(html) == [earlier.tracking_number, later.tracking_number]
    assert elsewhere.tracking_number not in html
    assert bn_digits(format_tracking_number(later.tracking_number)) in html
    left = rt.calendar(rt.db.read_session()).working_days_between(date(2026, 11, 23), later.due_on)
    assert row(html, later.tracking_number).endswith(f'"বাকি কার্যদিবস"> {bn_digits(left)} </td> ')
    assert "অভিযোগ পাওয়া গেছে: ২টি" in html


def test_overdue_cases_are_marked_and_can_be_shown_alone(app, rt, clock, ladder):
    late = lodge_case(rt)
    clock.set("2026-12-01")
    fresh = lodge_case(rt)
    clock.set(late.due_on + timedelta(days=1))
    assert fresh.due_on > late.due_on + timedelta(days=1)
    client = logged_in(app, "gro_upz")
    html = queue(client)
    assert "সময়সীমা পার" in row(html, late.tracking_number)
    assert "কার্যদিবস দেরি" in row(html, late.tracking_number)
    assert "সময়সীমা পার" not in row(html, fresh.tracking_number)
    assert listed(queue(client, "?overdue=1")) == [late.tracking_number]


def test_filters_by_tier_state_service_and_tracking_number(app, rt, ladder):
    service = ladder.services["quick"]
    plain = lodge_case(rt)
    with_service = lodge_case(rt, service_id=service.id, service_applied_on="2026-10-01")
    accepted = lodge_case(rt)
    do(rt, accepted.tracking_number, "accept", ladder.officer("gro_upz"))
    done = lodge_case(rt)
    do(rt, done.tracking_number, "resolve", ladder.officer("gro_upz"), closure_reason="other")
    client = logged_in(app, "gro_upz")
    assert set(listed(queue(client))) == {
        plain.tracking_number, with_service.tracking_number, accepted.tracking_number,
    }  # fmt: skip
    assert done.tracking_number in listed(queue(client, "?state=all"))
    assert listed(queue(client, "?state=resolved")) == [done.tracking_number]
    assert listed(queue(client, "?state=accepted")) == [accepted.tracking_number]
    assert listed(queue(client, f"?service={service.id}")) == [with_service.tracking_number]
    assert listed(queue(client, "?tier=2")) == []
    number = plain.tracking_number
    typed = bn_digits(format_tracking_number(number))  # Bangla digits and dashes, as read out
    assert listed(queue(client, f"?q={typed}")) == [number]
    assert listed(queue(client, f"?q={number[4:9]}")) == [number]
    assert listed(queue(client, "?q=%25_")) == []  # nothing typed acts as a wildcard
    assert listed(queue(client, "?tier=x&state=nonsense&page=-3")) != []  # bad filters: ignored


def test_the_queue_is_paged(app, rt, ladder):
    numbers = [lodge_case(rt).tracking_number for _ in range(27)]
    client = logged_in(app, "gro_upz")
    first, second = listed(queue(client)), listed(queue(client, "?page=2"))
    assert len(first) == 25 and len(second) == 2
    assert set(first + second) == set(numbers)
    assert "পাতা ১ / ২" in queue(client)
    assert listed(queue(client, "?page=99")) == second  # past the end: the last page


def test_the_queue_reads_one_page_not_every_case(app, rt, ladder):
    """The statements a queue page runs do not grow with the number of cases, and the page's
    rows come from a LIMIT/OFFSET query."""
    client = logged_in(app, "gro_upz")

    def statements() -> list[str]:
        seen: list[str] = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(rt.db.engine, "before_cursor_execute", listener)
        try:
            queue(client)
        finally:
            event.remove(rt.db.engine, "before_cursor_execute", listener)
        return seen

    for _ in range(5):
        lodge_case(rt)
    few = statements()
    for _ in range(40):
        lodge_case(rt)
    many = statements()
    assert len(many) == len(few)
    assert any("LIMIT" in s and "OFFSET" in s and "FROM cases" in s for s in many)


def test_the_alternate_gets_the_queue_only_while_the_holder_is_away(app, rt, clock, ladder):
    case = lodge_case(rt)
    client = logged_in(app, "alt_upz")
    html = queue(client)
    assert listed(html) == [] and "অনুপস্থিত পদধারীর পরিবর্তে" not in html
    absent(rt, "gro_upz", "2026-11-23", "2026-11-27")
    html = queue(client)
    assert listed(html) == [case.tracking_number]
    assert "অনুপস্থিত পদধারীর পরিবর্তে" in html
    clock.set("2026-11-29")  # the holder is back
    client = logged_in(app, "alt_upz")
    assert listed(queue(client)) == []


def test_the_appeal_officer_sees_a_case_once_it_escalates(app, rt, ladder):
    case = lodge_case(rt)
    appeal = logged_in(app, "ao_dist")
    assert listed(queue(appeal)) == []
    sweep(rt, date(2027, 1, 20))
    html = queue(appeal)
    assert listed(html) == [case.tracking_number]
    assert "২ · আপিল কর্মকর্তা" in html
    assert listed(queue(logged_in(app, "gro_upz"))) == []


def test_an_officer_without_a_post_is_told_so(app, rt, ladder):
    with rt.db.write() as s:
        org.add_officer(s, "newcomer", "নতুন কর্মকর্তা", "a-long-password-1")
    client = app.test_client()
    assert login(client, "newcomer", "a-long-password-1").status_code == 302
    html = queue(client)
    assert "আজ আপনি কোনো পদের দায়িত্বে নেই" in html


def test_an_administrator_without_a_post_lands_on_administration(app, ladder):
    response = logged_in(app, "admin").get("/officer/")
    assert response.status_code == 302 and response.headers["Location"] == "/officer/admin/"


def test_the_queue_in_english(app, rt, ladder):
    lodge_case(rt)
    html = queue(logged_in(app, "gro_upz"), "?lang=en")
    assert (
        "My queue" in html and "Working days left" in html and "Grievance redress officer" in html
    )


def test_the_queue_is_searched_by_subject_name_or_mobile(app, rt, ladder):
    land = lodge_case(rt, subject="জমির নামজারি হয়নি", name="করিম উদ্দিন", mobile="01811223344")
    other = lodge_case(rt, subject="প্রশিক্ষণ পাইনি", name="রহিমা খাতুন", mobile="01911556677")
    client = logged_in(app, "gro_upz")
    assert listed(queue(client, "?q=নামজারি")) == [land.tracking_number]
    assert listed(queue(client, "?q=রহিমা")) == [other.tracking_number]
    assert listed(queue(client, "?q=০১৮১১২২৩৩৪৪")) == [land.tracking_number]
    assert listed(queue(client, "?q=%25")) == []  # a wildcard typed matches only itself


def test_the_queue_sorts_by_received_date_or_tier(app, rt, clock, ladder):
    clock.set("2026-11-16")
    older = lodge_case(rt, subject="আগের")
    clock.set("2026-11-23")
    newer = lodge_case(rt, subject="পরের")
    client = logged_in(app, "gro_upz")
    assert listed(queue(client)) == [older.tracking_number, newer.tracking_number]
    assert listed(queue(client, "?sort=received")) == [newer.tracking_number, older.tracking_number]
    assert listed(queue(client, "?sort=bogus")) == [older.tracking_number, newer.tracking_number]


def test_cases_due_soon_are_marked_and_states_are_counted(app, rt, clock, ladder):
    soon = lodge_case(rt, subject="শিগগির")
    later = lodge_case(rt, subject="পরে")
    do(rt, later.tracking_number, "accept", ladder.officer("gro_upz"))
    clock.set(soon.due_on.isoformat())
    html = queue(logged_in(app, "gro_upz"))
    assert "৩ কার্যদিবসের মধ্যে শেষ তারিখ" in row(html, soon.tracking_number)
    counts = re.sub(r"\s+", " ", html.split('class="state-counts"')[1].split("</ul>")[0])
    assert "গ্রহণের অপেক্ষায়: <strong>১</strong>" in counts
    assert "গৃহীত, কাজ চলছে: <strong>১</strong>" in counts
