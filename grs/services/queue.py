"""An officer's work: the queue of cases, one case in full, acting on it, entering a complaint.

Who sees a case: whoever acts today for the post that holds it (its holder, or the alternate
while the holder is away), and the grievance officers (GRO, alternate GRO) of the office the
case belongs to while the case is handled in that office. Everyone else is told the case does
not exist, exactly as for a tracking number that is not in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from grs.bangla import ascii_digits
from grs.calendar import CalendarError, DeadlineExplanation, WorkingCalendar
from grs.deadlines import deadline_status
from grs.errors import InvalidInput, NotFound
from grs.ladder import acting_post_ids
from grs.models import Attachment, Case, Event, Office, Officer, Post, Service
from grs.runtime import Runtime
from grs.services.actions import ActionInput, act, allowed_actions, find_case
from grs.services.case_changes import Actor
from grs.services.case_view import history
from grs.services.lodge_input import LodgeInput
from grs.services.lodging import Lodged, lodge

PER_PAGE = 25
GRIEVANCE_POSTS = ("gro", "alternate_gro")
OFFICER_CHANNELS = ("paper", "phone", "in_person")


def _acting_posts(session: Session, officer: Officer, today: date) -> list[Post]:
    ids = acting_post_ids(session, officer, today)
    if not ids:
        return []
    return list(session.scalars(select(Post).where(Post.id.in_(ids)).order_by(Post.id)))


def may_see(posts: list[Post], case: Case) -> bool:
    if case.current_post_id in {post.id for post in posts}:
        return True
    grievance_offices = {post.office_id for post in posts if post.kind in GRIEVANCE_POSTS}
    return case.office_id in grievance_offices and case.current_office_id == case.office_id


def visible_case(rt: Runtime, session: Session, officer: Officer, tracking: str) -> Case:
    case = find_case(session, tracking)
    if not may_see(_acting_posts(session, officer, rt.today()), case):
        raise NotFound("no case with that tracking number", "case_not_found")
    return case


@dataclass(frozen=True)
class QueueFilters:
    tier: int | None = None
    state: str = "open"  # open | all | one state
    service_id: int | None = None
    overdue: bool = False
    search: str = ""
    page: int = 1


@dataclass(frozen=True)
class QueueRow:
    tracking_number: str
    subject: str
    tier: int
    state: str
    due_on: date
    days_left: int | None
    overdue: bool
    paused: bool
    channel: str
    office_name_bn: str
    office_name_en: str
    service_name: str | None


@dataclass(frozen=True)
class QueuePage:
    rows: list[QueueRow]
    total: int
    page: int
    pages: int
    posts: list[Post]
    services: list[tuple[int, str]]


def queue_page(rt: Runtime, session: Session, officer: Officer, filters: QueueFilters) -> QueuePage:
    """One page of the cases at the posts the officer acts for today, soonest deadline first."""
    today = rt.today()
    posts = _acting_posts(session, officer, today)
    post_ids = [post.id for post in posts]
    at_posts = Case.current_post_id.in_(post_ids)
    conditions = [at_posts, *_filter_conditions(rt, filters, today)]
    total = int(session.scalar(select(func.count(Case.id)).where(*conditions)) or 0)
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(filters.page, 1), pages)
    query = _queue_query(rt, today).where(*conditions)
    rows = session.execute(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    calendar = rt.calendar(session)
    services = session.execute(
        select(Service.id, Service.name)
        .where(Service.id.in_(select(Case.service_id).where(at_posts)))
        .order_by(Service.name)
    ).all()
    return QueuePage(
        [_row(calendar, today, r) for r in rows],
        total,
        page,
        pages,
        posts,
        [(sid, name) for sid, name in services],
    )


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
    digits = "".join(ch for ch in ascii_digits(f.search) if ch.isdigit())
    if f.search.strip():
        # Only digits reach the pattern, so nothing typed can act as a wildcard.
        conditions.append(Case.tracking_number.contains(digits) if digits else Case.id < 0)
    return conditions


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
        )
        .join(Office, Office.id == Case.office_id)
        .outerjoin(Service, Service.id == Case.service_id)
        .order_by(Case.due_on, Case.id)
    )


def _row(calendar: WorkingCalendar, today: date, r: Any) -> QueueRow:
    try:
        # While the case waits for the complainant the clock stands still at the pause.
        left: int | None = calendar.working_days_between(r.paused_since or today, r.due_on)
    except CalendarError:
        left = None
    return QueueRow(
        r.tracking_number,
        r.subject,
        r.tier,
        r.state,
        r.due_on,
        left,
        bool(r.is_overdue),
        r.paused_since is not None,
        r.channel,
        r.name_bn,
        r.name_en,
        r.service_name,
    )


@dataclass(frozen=True)
class OfficerCase:
    case: Case
    post: Post
    history: list[Event]
    officer_names: dict[int, str]
    attachments: list[Attachment]
    actions: list[str]
    working_days_left: int | None
    overdue: bool
    is_open: bool  # still to be decided: the deadline matters
    estimate: bool
    deadline: DeadlineExplanation | None
    closure_reasons: tuple[str, ...]


def case_detail(rt: Runtime, session: Session, officer: Officer, tracking: str) -> OfficerCase:
    case = visible_case(rt, session, officer, tracking)
    today, calendar = rt.today(), rt.calendar(session)
    events = history(session, case, citizen=False)
    ids = {e.officer_id for e in events if e.officer_id is not None}
    names = dict(session.execute(select(Officer.id, Officer.name).where(Officer.id.in_(ids))).all())
    status = deadline_status(calendar, case, today)
    left, deadline = status.working_days_left, status.explanation
    return OfficerCase(
        case=case,
        post=case.current_post,
        history=events,
        officer_names={int(k): str(v) for k, v in names.items()},
        attachments=_attachments(session, case),
        actions=allowed_actions(rt, session, case, Actor("officer", officer)),
        working_days_left=left,
        overdue=case.due_on < today and case.state in rt.workflow.running,
        is_open=case.state in rt.workflow.open_states,
        estimate=not calendar.is_official(case.due_on.year),
        deadline=deadline,
        closure_reasons=rt.workflow.closure_reasons,
    )


def _attachments(session: Session, case: Case) -> list[Attachment]:
    query = select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
    return list(session.scalars(query))


def act_on_case(
    rt: Runtime, officer: Officer, tracking: str, trigger: str, args: ActionInput
) -> Case:
    """Fire an officer's action on a case the officer may see; the engine decides the rest."""
    with rt.db.write() as session:
        case = visible_case(rt, session, officer, tracking)
        return act(rt, session, case, trigger, Actor("officer", officer), args)


def attachment_file(
    rt: Runtime, session: Session, officer: Officer, tracking: str, attachment_id: int
) -> tuple[Attachment, Path]:
    """An attachment of a case the officer may see, and where its bytes are."""
    case = visible_case(rt, session, officer, tracking)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.case_id != case.id:
        raise NotFound("no such attachment", "attachment_not_found")
    directory = rt.settings.path(rt.settings.upload_dir).resolve()
    path = (directory / attachment.stored_name).resolve()
    if path.parent != directory or not path.is_file():
        raise NotFound("the attachment's file is missing", "attachment_not_found")
    return attachment, path


def entry_offices(rt: Runtime, session: Session, officer: Officer) -> list[Office]:
    """Offices the officer may enter complaints for: those of the posts they act for."""
    ids = {post.office_id for post in _acting_posts(session, officer, rt.today())}
    query = select(Office).where(Office.id.in_(ids), Office.kind != "cell").order_by(Office.code)
    return list(session.scalars(query))


def entry_choices(
    rt: Runtime, session: Session, officer: Officer
) -> list[tuple[Office, list[Service]]]:
    """What the entry form offers: the officer's offices, each with its services."""
    offices = entry_offices(rt, session, officer)
    services = session.scalars(
        select(Service)
        .where(Service.office_id.in_([o.id for o in offices]))
        .order_by(Service.category, Service.number)
    ).all()
    return [(o, [s for s in services if s.office_id == o.id]) for o in offices]


def lodge_on_behalf(rt: Runtime, officer: Officer, item: LodgeInput) -> Lodged:
    """A complaint received on paper, by phone or in person, entered by an officer of the office
    it is addressed to; the history records the officer and the channel."""
    if item.channel not in OFFICER_CHANNELS:
        raise InvalidInput("choose how the complaint arrived", "invalid_choice", field="channel")
    with rt.db.write() as session:
        codes = {office.code for office in entry_offices(rt, session, officer)}
        if item.office_code not in codes:
            raise NotFound("not an office of yours", "office_not_found", field="office_code")
        return lodge(rt, session, item, Actor("officer", officer))
