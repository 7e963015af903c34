"""Cases an officer may read without acting on them: those handled before they moved on
(escalated, forwarded, appealed), and those whose opinion or investigation is awaited from a
post the officer acts for. "Handled" is read from the history: the officer wrote an entry of
the case, other than an answer to a request, which gives sight only while it is awaited."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from grs.db.models import Case, Event, Officer, Post
from grs.errors import NotFound
from grs.processes.runtime import Runtime
from grs.services.case_lookup import find_case
from grs.services.case_requests import asked_rows, awaited_from
from grs.services.officer_access import acting_posts, may_see
from grs.workflow.definition import Workflow

LIMIT = 200


def _acted(workflow: Workflow, officer: Officer) -> Select[Any]:
    answers = [spec.name for spec in workflow.triggers_by("asked")]
    return select(Event.case_id).where(Event.officer_id == officer.id, Event.action.not_in(answers))


def handled_earlier(rt: Runtime, session: Session, officer: Officer) -> list[Case]:
    """The cases the officer acted on that are now out of the officer's sight, newest first."""
    posts = acting_posts(session, officer, rt.today())
    acted = _acted(rt.workflow, officer).distinct()
    query = select(Case).where(Case.id.in_(acted)).order_by(Case.lodged_at.desc(), Case.id)
    return [case for case in session.scalars(query.limit(LIMIT)) if not may_see(posts, case)]


def readable_case(rt: Runtime, session: Session, officer: Officer, tracking: str) -> bool:
    """Whether the officer may read the case only (True) or also act on it (False); NotFound
    when it is neither in sight, nor awaited from the officer, nor handled by them earlier."""
    case = find_case(session, tracking)
    return read_only(rt, session, officer, acting_posts(session, officer, rt.today()), case)


def read_only(
    rt: Runtime, session: Session, officer: Officer, posts: list[Post], case: Case
) -> bool:
    """`readable_case` for a case already found and the officer's acting posts already read."""
    if may_see(posts, case):
        return False
    if awaited_from(rt.workflow, case, asked_rows(session, case, {p.id for p in posts})):
        return True
    acted = _acted(rt.workflow, officer).where(Event.case_id == case.id)
    if session.scalar(acted.limit(1)) is None:
        raise NotFound("no case with that tracking number", "case_not_found")
    return True
