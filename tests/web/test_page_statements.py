"""What an officer's busiest pages cost in SQL statements: the same whether they show N rows or
3N (no statement per row). The rows differ where a lazy load would hide one: each case its own
service, each history entry its own officer, and the officer acts for a post as a stand-in.

The counts per page are printed (`pytest -s`) for the record; only their growth is asserted.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from grs.db.models import Case, CaseAssignment, Event, Office, Officer, Post
from grs.services import organisation as org
from grs.services.case_changes import Actor
from tests.support import PASSWORD, build_ladder, counted, do, lodge_case
from tests.web.officer_support import logged_in

N = 4


@pytest.fixture
def ladder(rt):
    ladder = build_ladder(rt)
    # The GRO of UPZ also stands in for the absent GRO of UPZ2: two acting posts, one covered.
    with rt.db.write() as s:
        upz2 = org.post_by_code(s, "UPZ2", "gro")
        upz2.alternate_post_id = org.post_by_code(s, "UPZ", "gro").id
        org.add_absence(
            s, org.officer_by_username(s, "gro_upz2"), date(2026, 1, 1), date(2027, 12, 31), "ছুটি"
        )
    return ladder


def statements(rt, client, path: str) -> int:
    client.get(path)  # a first request warms what a process keeps (the calendar, the user)
    with counted(rt) as seen:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(seen)


def lodge_with_services(rt, n: int) -> None:
    """n cases at UPZ and UPZ2, each about a service of its own."""
    with rt.db.write() as s:
        start = int(s.scalar(select(func.count()).select_from(Case)) or 0)
        services = []
        for i in range(n):
            office = org.office_by_code(s, "UPZ" if i % 2 else "UPZ2")
            post = org.post_by_code(s, office.code, "gro")
            services.append(
                org.add_service(s, office, "citizen", 100 + start + i, f"সেবা {i}", 5, post)
            )
        ids = [(svc.id, svc.office.code) for svc in services]
    for service_id, office in ids:
        lodge_case(rt, office_code=office, service_id=service_id, service_applied_on="2026-10-01",
                   subject="খোঁজ সেবা", name="করিম")  # fmt: skip


def add_history(rt, tracking: str, n: int) -> None:
    """n notes on the case, each by an officer of their own."""
    with rt.db.write() as s:
        case = s.scalar(select(Case).where(Case.tracking_number == tracking))
        assert case is not None
        seq = int(s.scalar(select(func.max(Event.seq)).where(Event.case_id == case.id)) or 0)
        count = int(s.scalar(select(func.count()).select_from(Officer)) or 0)
        for i in range(n):
            officer = org.add_officer(s, f"writer{count + i}", f"লেখক {i}", PASSWORD)
            s.flush()
            s.add(Event(
                case_id=case.id, seq=seq + i + 1, at=datetime(2026, 11, 23, 6, tzinfo=UTC),
                occurred_on=date(2026, 11, 23), actor_kind="officer", officer_id=officer.id,
                action="add_note", note=f"নোট {i}", data={}, citizen_visible=False,
                held_by_office_id=case.current_office_id,
            ))  # fmt: skip


# At most (SQLite's count, one more than PostgreSQL's): the officer, the acting posts, the counts
# by state with the services, the rows, the calendar's freshness, the requests asked of the
# officer, the header's unread count, and a filtered page's total.
QUEUE_BUDGET = {"queue": 8, "filtered": 9, "search": 9}
QUEUE_PAGES = {
    "queue": "/officer/",
    "filtered": "/officer/?state=new&tier=1&overdue=0&sort=received",
    "search": "/officer/?q=%E0%A6%96%E0%A7%8B%E0%A6%81%E0%A6%9C",  # "খোঁজ", a word of the subject
}


@pytest.mark.parametrize("page", sorted(QUEUE_PAGES))
def test_queue_pages_run_as_many_statements_for_3n_rows_as_for_n(app, rt, ladder, page):
    client = logged_in(app, "gro_upz")
    path = QUEUE_PAGES[page]
    lodge_with_services(rt, N)
    few = statements(rt, client, path)
    assert client.get(path).get_data(as_text=True).count('href="/officer/cases/') == N
    lodge_with_services(rt, 2 * N)
    many = statements(rt, client, path)
    assert client.get(path).get_data(as_text=True).count('href="/officer/cases/') == 3 * N
    print(f"\n{page}: {few} statements with {N} rows, {many} with {3 * N}")
    assert many == few
    assert few <= QUEUE_BUDGET[page]


def test_the_case_page_runs_as_many_statements_for_3n_history_entries_as_for_n(app, rt, ladder):
    client = logged_in(app, "gro_upz")
    case = lodge_case(rt, office_code="UPZ2")  # held by the absent holder's post
    path = f"/officer/cases/{case.tracking_number}"
    add_history(rt, case.tracking_number, N)
    few = statements(rt, client, path)
    assert "লেখক 0" in client.get(path).get_data(as_text=True)
    add_history(rt, case.tracking_number, 2 * N)
    many = statements(rt, client, path)
    assert f"লেখক {2 * N - 1}" in client.get(path).get_data(as_text=True)
    print(f"\ncase page: {few} statements with {N + 1} history entries, {many} with {3 * N + 1}")
    assert many == few


def test_the_case_page_reads_the_officers_acting_posts_once(app, rt, ladder):
    """Not once for each action the page offers."""
    client = logged_in(app, "gro_upz")
    case = lodge_case(rt, office_code="UPZ2")
    path = f"/officer/cases/{case.tracking_number}"
    client.get(path)
    with counted(rt) as seen:
        html = client.get(path).get_data(as_text=True)
    assert 'value="accept"' in html and 'value="resolve"' in html  # many actions offered
    assert sum(re.search(r"\sFROM posts\b", s) is not None for s in seen) == 1


def add_offices(rt, n: int) -> None:
    """n more upazila offices, each with the posts of the ladder."""
    with rt.db.write() as s:
        start = int(s.scalar(select(func.count()).select_from(Office)) or 0)
        for i in range(start, start + n):
            org.upsert_office(s, org.OfficeInput(f"NEW{i}", f"নতুন কার্যালয় {i}", f"New {i}", "DIST"))


def test_the_case_page_runs_as_many_statements_for_3n_offices_as_for_n(app, rt, ladder):
    """Its forms list every office and every post of the network to forward to or to ask."""
    client = logged_in(app, "gro_upz")
    case = lodge_case(rt, office_code="UPZ")
    do(rt, case.tracking_number, "accept", Actor("officer", ladder.officers["gro_upz"]))
    path = f"/officer/cases/{case.tracking_number}"
    add_offices(rt, N)
    few = statements(rt, client, path)
    add_offices(rt, 2 * N)
    many = statements(rt, client, path)
    html = client.get(path).get_data(as_text=True)
    with rt.db.read_session() as s:
        last = int(s.scalar(select(func.count()).select_from(Office))) - 1
    assert f"নতুন কার্যালয় {last} (NEW{last}/gro)" in html  # a post it may ask
    assert f"নতুন কার্যালয় {last} (NEW{last})" in html  # an office to forward to
    print(f"\ncase page: {few} statements with {N} more offices, {many} with {3 * N}")
    assert many == few


def add_requests(rt, tracking: str, n: int) -> None:
    """n open requests for an opinion on the case, each to the GRO of an office of its own."""
    add_offices(rt, n)
    with rt.db.write() as s:
        case = s.scalar(select(Case).where(Case.tracking_number == tracking))
        assert case is not None
        asked = {int(row.post_id) for row in s.scalars(select(CaseAssignment))}
        posts = s.scalars(select(Post).where(Post.kind == "gro", Post.id.not_in(asked)))
        officer = org.officer_by_username(s, "gro_upz")
        for post in list(posts)[-n:]:
            s.add(CaseAssignment(
                case_id=case.id, kind="opinion", post_id=post.id, office_id=post.office_id,
                requested_by=officer.id, requested_on=date(2026, 11, 23),
                due_on=date(2026, 11, 30), status="open",
            ))  # fmt: skip


def test_the_case_page_runs_as_many_statements_for_3n_requests_as_for_n(app, rt, ladder):
    client = logged_in(app, "gro_upz")
    case = lodge_case(rt, office_code="UPZ")
    do(rt, case.tracking_number, "accept", Actor("officer", ladder.officers["gro_upz"]))
    path = f"/officer/cases/{case.tracking_number}"
    add_requests(rt, case.tracking_number, N)
    few = statements(rt, client, path)
    add_requests(rt, case.tracking_number, 2 * N)
    many = statements(rt, client, path)
    print(f"\ncase page: {few} statements with {N} requests, {many} with {3 * N}")
    assert many == few
