"""One case in full, as the officer who may see it reads it: history, attachments, actions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from grs.calendar.working_days import DeadlineExplanation
from grs.db.models import Attachment, Case, Event, Officer, Post
from grs.processes.runtime import Runtime
from grs.services import handled_earlier
from grs.services.case_changes import Actor
from grs.services.case_lookup import find_case
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


def case_detail(rt: Runtime, session: Session, officer: Officer, tracking: str) -> OfficerCase:
    today, calendar = rt.today(), rt.calendar(session)
    case = find_case(session, tracking, *CASE_PAGE_LOADS)
    posts = acting_posts(session, officer, today)
    read_only = handled_earlier.read_only(session, officer, posts, case)
    acting = {post.id for post in posts}
    events = history(session, case, citizen=False)
    ids = {e.officer_id for e in events if e.officer_id is not None}
    names = dict(session.execute(select(Officer.id, Officer.name).where(Officer.id.in_(ids))).all())
    status = deadline_status(calendar, case, today)
    left, deadline = status.working_days_left, status.explanation
    officer_actor = Actor("officer", officer)
    return OfficerCase(
        case=case,
        post=case.current_post,
        history=events,
        officer_names={int(k): str(v) for k, v in names.items()},
        attachments=_attachments(session, case),
        actions=[] if read_only else allowed_actions(rt, session, case, officer_actor, acting),
        working_days_left=left,
        overdue=case.due_on < today and case.state in rt.workflow.running,
        is_open=case.state in rt.workflow.open_states,
        estimate=not calendar.is_official(case.due_on.year),
        deadline=deadline,
        closure_reasons=rt.workflow.closure_reasons,
        read_only=read_only,
    )


def _attachments(session: Session, case: Case) -> list[Attachment]:
    query = select(Attachment).where(Attachment.case_id == case.id).order_by(Attachment.id)
    return list(session.scalars(query))
