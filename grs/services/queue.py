"""An officer's queue: the cases at the posts they act for today, filtered and paged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    func,
    or_,
    select,
)
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
ESCAPE = "/"  # escapes wildcards typed into a search


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


@dataclass(frozen=True)
class _Shape:
    """What decides the form of a queue's statements (their values go in as parameters), so
    each form is built once: building a statement cost more than running it. The workflow's
    state groups are part of the form, as a runtime may load another workflow."""

    running: tuple[str, ...]
    open_states: tuple[str, ...]
    state: str  # open | all | one
    tier: bool = False
    service: bool = False
    overdue: bool = False
    search: str = ""  # "" | digits | words
    sort: str = "due"


def queue_page(rt: Runtime, session: Session, officer: Officer, filters: QueueFilters) -> QueuePage:
    """One page of the cases at the posts the officer acts for today, soonest deadline first."""
    today = rt.today()
    posts = acting_posts(session, officer, today)
    post_ids = [post.id for post in posts]
    kind = _search_kind(filters.search)
    shape, params = _shape(rt, filters, kind), _params(filters, kind, post_ids, today)
    state_counts, services = _counts_and_services(rt, session, post_ids)
    if filters == QueueFilters(page=filters.page, sort=filters.sort):
        # The unfiltered queue holds exactly the open cases the state counts add up.
        total = sum(n for _state, n in state_counts)
    else:
        total = int(session.scalar(_count_statement(shape), params) or 0)
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(filters.page, 1), pages)
    window = {"limit": PER_PAGE, "offset": (page - 1) * PER_PAGE}
    rows = session.execute(_page_statement(shape), {**params, **window}).all()
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


def _shape(rt: Runtime, f: QueueFilters, search_kind: str) -> _Shape:
    return _Shape(
        running=tuple(sorted(rt.workflow.running)),
        open_states=tuple(sorted(rt.workflow.open_states)),
        state=f.state if f.state in ("open", "all") else "one",
        tier=f.tier is not None,
        service=f.service_id is not None,
        overdue=f.overdue,
        search=search_kind,
        sort=f.sort,
    )


def _params(f: QueueFilters, search_kind: str, post_ids: list[int], today: date) -> dict[str, Any]:
    return {
        "post_ids": post_ids,
        "today": today,
        "state": f.state,
        "tier": f.tier,
        "service_id": f.service_id,
        "pattern": _pattern(f.search, search_kind),
    }


def _order(sort: str) -> list[Any]:  # columns and their orderings alike
    if sort == "received":
        return [Case.lodged_on.desc(), Case.id.desc()]
    if sort == "tier":
        return [Case.tier.desc(), Case.due_on, Case.id]
    return [Case.due_on, Case.id]


def _at_posts() -> ColumnElement[bool]:
    return Case.current_post_id.in_(bindparam("post_ids", expanding=True))


@cache
def _groups_statement() -> Select[str, int, int | None, str | None]:
    groups = (
        select(Case.state, Case.service_id, func.count().label("n"))
        .where(_at_posts())
        .group_by(Case.state, Case.service_id)
        .subquery()
    )
    return (
        select(groups.c.state, groups.c.n, Service.id, Service.name)
        .outerjoin(Service, Service.id == groups.c.service_id)
        .order_by(Service.name, Service.id)
    )


def _counts_and_services(
    rt: Runtime, session: Session, post_ids: list[int]
) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
    """The open cases at the posts per state, and the services of their cases in any state (the
    filter's choices): one statement, as both read the same index of the posts' cases."""
    rows = session.execute(_groups_statement(), {"post_ids": post_ids}).all()
    counts: dict[str, int] = {}
    services: dict[int, str] = {}
    for state, n, service_id, name in rows:
        counts[state] = counts.get(state, 0) + int(n)
        if service_id is not None:
            services[service_id] = str(name)
    open_states = set(rt.workflow.open_states)
    state_counts = [
        (st, counts[st]) for st in rt.workflow.states if st in counts and st in open_states
    ]
    return state_counts, list(services.items())


def _overdue_condition(running: tuple[str, ...]) -> ColumnElement[bool]:
    late = and_(Case.due_on < bindparam("today", type_=Date), Case.state.in_(running))
    return or_(Case.overdue, late)


def _conditions(shape: _Shape) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [_at_posts()]
    if shape.state == "open":
        conditions.append(Case.state.in_(shape.open_states))
    elif shape.state == "one":
        conditions.append(Case.state == bindparam("state", type_=String))
    if shape.tier:
        conditions.append(Case.tier == bindparam("tier", type_=Integer))
    if shape.service:
        conditions.append(Case.service_id == bindparam("service_id", type_=Integer))
    if shape.overdue:
        conditions.append(_overdue_condition(shape.running))
    if shape.search:
        conditions.append(_search_condition(shape.search))
    return conditions


def _search_kind(search: str) -> str:
    """Digits find a tracking number or a mobile number; words, a subject or a complainant's
    name."""
    text = ascii_digits(search).strip()
    if not text:
        return ""
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) >= len(text.replace("-", "").replace(" ", "")):
        return "digits"
    return "words"


def _pattern(search: str, kind: str) -> str | None:
    """The LIKE pattern of a search of `kind`: its digits, or its words as typed. Wildcards
    typed are escaped: they match only themselves."""
    if not kind:
        return None
    text = ascii_digits(search).strip()
    needle = "".join(ch for ch in text if ch.isdigit()) if kind == "digits" else search.strip()
    for ch in (ESCAPE, "%", "_"):
        needle = needle.replace(ch, ESCAPE + ch)
    return f"%{needle}%"


def _search_condition(kind: str) -> ColumnElement[bool]:
    pattern = bindparam("pattern", type_=String)
    if kind == "digits":
        return or_(
            Case.tracking_number.like(pattern, escape=ESCAPE),
            Case.complainant_mobile.like(pattern, escape=ESCAPE),
        )
    return or_(
        Case.subject.ilike(pattern, escape=ESCAPE),
        Case.complainant_name.ilike(pattern, escape=ESCAPE),
    )


@cache
def _count_statement(shape: _Shape) -> Select[int]:
    return select(func.count()).select_from(Case).where(*_conditions(shape))


@cache
def _page_statement(shape: _Shape) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Case.tracking_number,
            Case.subject,
            Case.tier,
            Case.state,
            Case.due_on,
            Case.paused_since,
            Case.channel,
            _overdue_condition(shape.running).label("is_overdue"),
            Office.name_bn,
            Office.name_en,
            Service.name.label("service_name"),
            Case.blacklist_entry_id,
        )
        .join(Office, Office.id == Case.office_id)
        .outerjoin(Service, Service.id == Case.service_id)
        .where(*_conditions(shape))
        .order_by(*_order(shape.sort))
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
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
