"""An officer's queue: the cases at the posts they act for today, filtered and paged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from grs.bangla import ascii_digits
from grs.calendar.working_days import CalendarError, WorkingCalendar
from grs.db.models import Case, Office, Officer, Post, Service
from grs.processes.runtime import Runtime
from grs.services.case_requests import AskedRow, asked_queue
from grs.services.officer_access import acting_posts

PER_PAGE = 25
DUE_SOON_DAYS = 3  # working days left at which a case is marked as due soon
SORTS = ("due", "received", "tier")


@dataclass(frozen=True)
class QueueFilters:
    tier: int | None = None
    state: str = "open"  # open | all | one state
    service_id: int | None = None
    overdue: bool = False
    search: str = ""
    page: int = 1
    sort: str = "due"  # one of SORTS


@dataclass(frozen=True)
class QueueRow:
    tracking_number: str
    subject: str
    tier: int
    state: str
    due_on: date
    days_left: int | None
    overdue: bool
    due_soon: bool
    paused: bool
    channel: str
    office_name_bn: str
    office_name_en: str
    service_name: str | None
    blacklisted: bool = False  # lodged while the complainant was on the office's blacklist


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    posts: list[Post]
    services: list[tuple[int, str]]
    state_counts: list[tuple[str, int]]
    """The open cases at the officer's posts per state, whatever the filters."""
    asked: tuple[AskedRow, ...] = ()
    """Cases whose opinion or investigation report is awaited from the officer's posts."""


def queue_page(rt: Runtime, session: Session, officer: Officer, filters: QueueFilters) -> QueuePage:
    """One page of the cases at the posts the officer acts for today, soonest deadline first."""
    today = rt.today()
    posts = acting_posts(session, officer, today)
    post_ids = [post.id for post in posts]
    at_posts = Case.current_post_id.in_(post_ids)
    conditions = [at_posts, *_filter_conditions(rt, filters, today)]
    state_counts, services = _counts_and_services(rt, session, at_posts)
    if filters == QueueFilters(page=filters.page, sort=filters.sort):
        # The unfiltered queue holds exactly the open cases the state counts add up.
        total = sum(n for _state, n in state_counts)
    else:
        total = int(session.scalar(select(func.count()).select_from(Case).where(*conditions)) or 0)
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(filters.page, 1), pages)
    query = _queue_query(rt, today).where(*conditions).order_by(*_order(filters.sort))
    rows = session.execute(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    calendar = rt.calendar(session)
    return QueuePage(
        [_row(calendar, today, r) for r in rows],
        total,
        page,
        pages,
        posts,
        services,
        state_counts,
        tuple(asked_queue(rt, session, set(post_ids))),
    )


def _order(sort: str) -> list[Any]:  # columns and their orderings alike
    if sort == "received":
        return [Case.lodged_on.desc(), Case.id.desc()]
    if sort == "tier":
        return [Case.tier.desc(), Case.due_on, Case.id]
    return [Case.due_on, Case.id]


def _counts_and_services(
    rt: Runtime, session: Session, at_posts: ColumnElement[bool]
) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
    """The open cases at the posts per state, and the services of their cases in any state (the
    filter's choices): one statement, as both read the same index of the posts' cases."""
    groups = (
        select(Case.state, Case.service_id, func.count().label("n"))
        .where(at_posts)
        .group_by(Case.state, Case.service_id)
        .subquery()
    )
    rows = session.execute(
        select(groups.c.state, groups.c.n, Service.id, Service.name)
        .outerjoin(Service, Service.id == groups.c.service_id)
        .order_by(Service.name, Service.id)
    ).all()
    counts: dict[str, int] = {}
    services: dict[int, str] = {}
    for state, n, service_id, name in rows:
        counts[state] = counts.get(state, 0) + int(n)
        if service_id is not None:
            services[service_id] = name
    open_states = set(rt.workflow.open_states)
    state_counts = [
        (st, counts[st]) for st in rt.workflow.states if st in counts and st in open_states
    ]
    return state_counts, list(services.items())


def _overdue_condition(rt: Runtime, today: date) -> ColumnElement[bool]:
    late = and_(Case.due_on < today, Case.state.in_(rt.workflow.running))
    return or_(Case.overdue, late)


def _filter_conditions(rt: Runtime, f: QueueFilters, today: date) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.state == "open":
        conditions.append(Case.state.in_(rt.workflow.open_states))
    elif f.state != "all":
        conditions.append(Case.state == f.state)
    if f.tier is not None:
        conditions.append(Case.tier == f.tier)
    if f.service_id is not None:
        conditions.append(Case.service_id == f.service_id)
    if f.overdue:
        conditions.append(_overdue_condition(rt, today))
    if f.search.strip():
        conditions.append(_search_condition(f.search))
    return conditions


def _search_condition(search: str) -> ColumnElement[bool]:
    """Digits find a tracking number or a mobile number; words, a subject or a complainant's
    name. Wildcards typed are escaped: they match only themselves."""
    text = ascii_digits(search).strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) >= len(text.replace("-", "").replace(" ", "")):
        return or_(
            Case.tracking_number.contains(digits, autoescape=True),
            Case.complainant_mobile.contains(digits, autoescape=True),
        )
    return or_(
        Case.subject.icontains(search.strip(), autoescape=True),
        Case.complainant_name.icontains(search.strip(), autoescape=True),
    )


def _queue_query(rt: Runtime, today: date) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Case.tracking_number,
            Case.subject,
            Case.tier,
            Case.state,
            Case.due_on,
            Case.paused_since,
            Case.channel,
            _overdue_condition(rt, today).label("is_overdue"),
            Office.name_bn,
            Office.name_en,
            Service.name.label("service_name"),
            Case.blacklist_entry_id,
        )
        .join(Office, Office.id == Case.office_id)
        .outerjoin(Service, Service.id == Case.service_id)
    )


def _row(calendar: WorkingCalendar, today: date, r: Any) -> QueueRow:
    try:
        # While the case waits for the complainant the clock stands still at the pause.
        left: int | None = calendar.working_days_between(r.paused_since or today, r.due_on)
    except CalendarError:
        left = None
    overdue = bool(r.is_overdue)
    return QueueRow(
        r.tracking_number,
        r.subject,
        r.tier,
        r.state,
        r.due_on,
        left,
        overdue,
        not overdue and left is not None and 0 <= left <= DUE_SOON_DAYS,
        r.paused_since is not None,
        r.channel,
        r.name_bn,
        r.name_en,
        r.service_name,
        r.blacklist_entry_id is not None,
    )
