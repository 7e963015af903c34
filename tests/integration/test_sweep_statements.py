"""What a sweep costs in SQL statements: the same for N due cases as for 3N over the same offices
(no statement per case), and its messages' reads the same whatever the number of offices (the
batch's offices and holders are read together, not one by one).

The counts are printed (`pytest -s`) for the record; only their growth is asserted.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select, update

from grs.db.models import Case, Event
from grs.services import organisation as org
from grs.services.escalation import sweep
from grs.services.notify import notify_bulk
from tests.support import build_ladder, counted, lodge_case

AS_OF = date(2027, 3, 1)
N = 4
OFFICES = ("UPZ", "UPZ2")


@pytest.fixture
def ladder(rt):
    ladder = build_ladder(rt)
    with rt.db.read_session() as s:
        rt.calendar(s)  # a running worker has built its calendar already
    return ladder


def _lodged(rt, count: int, offices: tuple[str, ...] = OFFICES) -> list[int]:
    """`count` cases spread over `offices`, one in three with an e-mail address too."""
    return [
        lodge_case(
            rt,
            office_code=offices[i % len(offices)],
            email="citizen@example.org" if i % 3 == 0 else "",
        ).id
        for i in range(count)
    ]


def _swept(rt, case_ids: list[int]) -> list[str]:
    """Statements of a sweep with exactly these cases due."""
    with rt.db.write() as s:
        s.execute(update(Case).where(Case.id.in_(case_ids)).values(due_on=AS_OF - timedelta(2)))
    with counted(rt) as seen:
        report = sweep(rt, AS_OF)
    assert sum(report.escalated.values()) == len(case_ids)
    return seen


def test_a_sweep_of_three_times_the_cases_costs_no_more_statements(rt, ladder):
    few, many = _lodged(rt, N), _lodged(rt, 3 * N)
    with rt.db.write() as s:  # none due until each sweep makes its own cases due
        s.execute(update(Case).values(due_on=AS_OF + timedelta(30)))
    for_few, for_many = _swept(rt, few), _swept(rt, many)
    print(f"\nsweep statements: {N} cases {len(for_few)}, {3 * N} cases {len(for_many)}")
    assert len(_reads(for_many)) <= len(_reads(for_few))
    # SQLite, a library in the process, writes the history and outbox a row per statement;
    # PostgreSQL, a round trip away, gets one statement per kind of row whatever their number.
    if rt.db.engine.dialect.name == "postgresql":
        assert len(for_many) <= len(for_few)


def test_a_sweep_reads_back_none_of_the_history_it_writes(rt, ladder):
    """Its messages take each event's id, action, note and data from what was written."""
    statements = _swept(rt, _lodged(rt, N))
    assert [statement for statement in _reads(statements) if "FROM events" in statement] == []


def _reads(statements: list[str]) -> list[str]:
    return [statement for statement in statements if statement.lstrip().startswith("SELECT")]


def _notified(rt, case_ids: list[int]) -> int:
    with rt.db.write() as s:
        columns = (Event.case_id, Event.id, Event.action, Event.note, Event.data)
        events = {
            row.case_id: row
            for row in s.execute(select(*columns).where(Event.case_id.in_(case_ids)))
        }
        with counted(rt) as seen:
            notify_bulk(rt, s, case_ids, [events[case_id] for case_id in case_ids])
    return len(seen)


def test_the_messages_of_a_batch_read_its_offices_and_holders_together(rt, ladder):
    one_office = _notified(rt, _lodged(rt, 3 * N, ("UPZ",)))
    two_offices = _notified(rt, _lodged(rt, 3 * N, OFFICES))
    print(f"\nnotify_bulk statements: one office {one_office}, two offices {two_offices}")
    assert two_offices <= one_office


MORE_OFFICES = ("UPZ3", "UPZ4", "UPZ5", "UPZ6")


def _more_offices(rt) -> None:
    """Four more upazilas; one names the directorate's GRO to hear its appeals, another gives
    its appeal officer 25 working days instead of the workflow's 20."""
    with rt.db.write() as s:
        for code in MORE_OFFICES:
            org.upsert_office(s, org.OfficeInput(code, f"উপজেলা {code}", code, "DIST"))
        org.set_appeal_officer(s, org.office_by_code(s, "UPZ3"), org.post_by_code(s, "DIR", "gro"))
        appeal = rt.workflow.tier_by_key("appeal_officer").tier
        org.set_tier_duration(s, rt.workflow, org.office_by_code(s, "UPZ4"), appeal, 25)


def test_a_sweep_over_three_times_the_offices_reads_no_more(rt, ladder):
    _more_offices(rt)
    two, six = _lodged(rt, 3 * N), _lodged(rt, 3 * N, OFFICES + MORE_OFFICES)
    with rt.db.write() as s:
        s.execute(update(Case).values(due_on=AS_OF + timedelta(30)))
    for_two, for_six = _reads(_swept(rt, two)), _reads(_swept(rt, six))
    print(f"\nsweep reads: two offices {len(for_two)}, six offices {len(for_six)}")
    assert len(for_six) <= len(for_two)
    with rt.db.read_session() as s:
        landed = {c.office.code: c for c in s.scalars(select(Case).where(Case.id.in_(six)))}
        assert landed["UPZ3"].current_post_id == org.post_by_code(s, "DIR", "gro").id
        assert landed["UPZ2"].current_post_id == org.post_by_code(s, "DIST", "gro").id
        assert (landed["UPZ4"].tier_days, landed["UPZ5"].tier_days) == (25, 20)


def _widest(rt, case_ids: list[int]) -> int:
    """The most parameters any one statement of a sweep of these cases carried."""
    widest = 0

    def listener(_conn, _cursor, _statement, parameters, _context, many) -> None:
        nonlocal widest
        rows = parameters if many else [parameters]
        widest = max(widest, max((len(row or ()) for row in rows), default=0))

    with rt.db.write() as s:
        s.execute(update(Case).where(Case.id.in_(case_ids)).values(due_on=AS_OF - timedelta(2)))
    event.listen(rt.db.engine, "before_cursor_execute", listener)
    try:
        sweep(rt, AS_OF)
    finally:
        event.remove(rt.db.engine, "before_cursor_execute", listener)
    return widest


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_on_postgresql_no_statement_of_a_sweep_takes_a_parameter_per_case(rt, ladder):
    """A batch's ids and rows go to PostgreSQL as one array or JSON document each: the server
    parses a statement of thousands of parameters longer than it takes to answer it."""
    few, many = _lodged(rt, N), _lodged(rt, 3 * N)
    with rt.db.write() as s:
        s.execute(update(Case).values(due_on=AS_OF + timedelta(30)))
    for_few, for_many = _widest(rt, few), _widest(rt, many)
    print(f"\nwidest sweep statement: {N} cases {for_few}, {3 * N} cases {for_many} parameters")
    assert for_many <= for_few
