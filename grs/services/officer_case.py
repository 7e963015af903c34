"""One case in full, as the officer who may see it reads it: history, attachments, actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.orm import Session, joinedload

from grs.calendar.working_days import DeadlineExplanation
from grs.db.models import Attachment, Case, CaseAssignment, Event, Officer, Post
from grs.processes.runtime import Runtime
from grs.services import blacklist, handled_earlier
from grs.services.case_changes import Actor
from grs.services.case_lookup import find_case
from grs.services.case_requests import (
    RequestLine,
    awaited_from,
    case_requests_with_posts,
    request_lines,
)
from grs.services.case_view import history
from grs.services.officer_access import acting_posts
from grs.services.permissions import allowed_actions
from grs.workflow.deadlines import deadline_status

# What the case page reads of the case besides its own row, loaded with it.
CASE_PAGE_LOADS = (
    joinedload(Case.current_post).joinedload(Post.office),
    joinedload(Case.office),
    joinedload(Case.service),
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
    read_only: bool = False  # handled earlier by the officer, now out of their hands
    requests: tuple[RequestLine, ...] = ()  # opinions and investigations asked, oldest first
    asked: Asked | None = None  # what the case awaits from this officer, if anything
    # The complainant's contacts the office's GRO may propose for its blacklist (none for others).
    blacklist_contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Asked:
    """A request the officer is to answer: the trigger that answers it, and when it is due."""

    trigger: str
    kind: str
    due_on: date
    late: bool


def case_detail(rt: Runtime, session: Session, officer: Officer, tracking: str) -> OfficerCase:
    today, calendar = rt.today(), rt.calendar(session)
    case = find_case(session, tracking, *CASE_PAGE_LOADS)
    posts = acting_posts(session, officer, today)
    read_only = handled_earlier.read_only(rt, session, officer, posts, case)
    acting = {post.id for post in posts}
    events = history(session, case, citizen=False)
    ids = {e.officer_id for e in events if e.officer_id is not None}
    names = dict(session.execute(_names_statement(), {"ids": sorted(ids)}).all())
    asked_of_case = case_requests_with_posts(session, case)
    status = deadline_status(calendar, case, today)
    left, deadline = status.working_days_left, status.explanation
    return OfficerCase(
        case=case,
        post=case.current_post,
        history=events,
        officer_names={int(k): str(v) for k, v in names.items()},
        attachments=_attachments(session, case),
        actions=[] if read_only else _ladder_actions(rt, session, case, officer, acting),
        working_days_left=left,
        overdue=case.due_on < today and case.state in rt.workflow.running,
        is_open=case.state in rt.workflow.open_states,
        estimate=not calendar.is_official(case.due_on.year),
        deadline=deadline,
        closure_reasons=rt.workflow.closure_reasons,
        read_only=read_only,
        requests=tuple(request_lines(rt.workflow, asked_of_case, case, today)),
        asked=_asked(rt, case, [row for row in asked_of_case if row.post_id in acting]),
        blacklist_contacts=() if read_only else _proposable(session, case, posts),
    )


def _ladder_actions(
    rt: Runtime, session: Session, case: Case, officer: Officer, acting: set[int]
) -> list[str]:
    """The actions of the case's own officer; an asked post's answer has a form of its own."""
    names = allowed_actions(rt, session, case, Actor("officer", officer), acting)
    return [name for name in names if rt.workflow.triggers[name].by != "asked"]


def _asked(rt: Runtime, case: Case, rows: list[CaseAssignment]) -> Asked | None:
    """What the case awaits from the officer, of its requests to the posts they act for."""
    today = rt.today()
    row = awaited_from(rt.workflow, case, rows)
    spec = rt.workflow.answer_trigger(row.kind) if row is not None else None
    if row is None or spec is None:
        return None
    return Asked(spec.name, row.kind, row.due_on, row.due_on < today)


def _proposable(session: Session, case: Case, posts: list[Post]) -> tuple[str, ...]:
    if case.anonymous or not blacklist.proposes(case.office, posts):
        return ()
    return tuple(blacklist.proposable_contacts(session, case))


@cache
def _attachments_statement() -> Select[Attachment]:
    case_id = bindparam("case_id", type_=Integer)
    return select(Attachment).where(Attachment.case_id == case_id).order_by(Attachment.id)


def _attachments(session: Session, case: Case) -> list[Attachment]:
    return list(session.scalars(_attachments_statement(), {"case_id": case.id}))


@cache
def _names_statement() -> Select[int, str]:
    """Built once, as the attachments': every case page reads both."""
    return select(Officer.id, Officer.name).where(Officer.id.in_(bindparam("ids", expanding=True)))
