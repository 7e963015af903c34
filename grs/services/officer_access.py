"""Who among the officers sees a case.

Whoever acts today for the post that holds it (its holder, or the alternate while the holder is
away), and the grievance officers (GRO, alternate GRO) of the office the case belongs to while the
case is handled in that office. Everyone else is told the case does not exist, exactly as for a
tracking number that is not in use.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from grs.db.models import Case, Officer, Post
from grs.errors import NotFound
from grs.processes.runtime import Runtime
from grs.services.case_lookup import find_case
from grs.workflow.ladder import acting_params, acting_posts_statement

GRIEVANCE_POSTS = ("gro", "alternate_gro")


def acting_posts(session: Session, officer: Officer, today: date) -> list[Post]:
    """The posts the officer acts for today, each with its office (pages name both)."""
    if not officer.active:
        return []
    statement = acting_posts_statement(with_office=True)
    return list(session.scalars(statement, acting_params(officer, today)))


def may_see(posts: list[Post], case: Case) -> bool:
    if case.current_post_id in {post.id for post in posts}:
        return True
    grievance_offices = {post.office_id for post in posts if post.kind in GRIEVANCE_POSTS}
    return case.office_id in grievance_offices and case.current_office_id == case.office_id


def visible_case(rt: Runtime, session: Session, officer: Officer, tracking: str) -> Case:
    case = find_case(session, tracking)
    if not may_see(acting_posts(session, officer, rt.today()), case):
        raise NotFound("no case with that tracking number", "case_not_found")
    return case
