"""Cases an officer handled before they moved on (escalated, forwarded, appealed): the officer
may still read them, never act on them. "Handled" is read from the history: the officer wrote
an entry of the case."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import Case, Event, Officer, Post
from grs.errors import NotFound
from grs.processes.runtime import Runtime
from grs.services.case_lookup import find_case
from grs.services.officer_access import acting_posts, may_see

LIMIT = 200


def handled_earlier(rt: Runtime, session: Session, officer: Officer) -> list[Case]:
    """The cases the officer acted on that are now out of the officer's sight, newest first."""
    posts = acting_posts(session, officer, rt.today())
    acted = select(Event.case_id).where(Event.officer_id == officer.id).distinct()
    query = select(Case).where(Case.id.in_(acted)).order_by(Case.lodged_at.desc(), Case.id)
    return [case for case in session.scalars(query.limit(LIMIT)) if not may_see(posts, case)]


def readable_case(rt: Runtime, session: Session, officer: Officer, tracking: str) -> bool:
    """Whether the officer may read the case only (True) or also act on it (False); NotFound
    when it is neither in sight nor handled by the officer earlier."""
    case = find_case(session, tracking)
    return read_only(session, officer, acting_posts(session, officer, rt.today()), case)


def read_only(session: Session, officer: Officer, posts: list[Post], case: Case) -> bool:
    """`readable_case` for a case already found and the officer's acting posts already read."""
    if may_see(posts, case):
        return False
    acted = select(Event.id).where(Event.case_id == case.id, Event.officer_id == officer.id)
    if session.scalar(acted.limit(1)) is None:
        raise NotFound("no case with that tracking number", "case_not_found")
    return True
