"""Finding a case by its tracking number."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from grs.db.models import Case
from grs.errors import NotFound
from grs.tracking import normalize_tracking_number


def find_case(session: Session, tracking: str, *options: ORMOption) -> Case:
    """The case with that number; `options` load with it what the caller reads next."""
    number = normalize_tracking_number(tracking)
    query = select(Case).where(Case.tracking_number == number).options(*options)
    case = session.scalar(query) if number else None
    if case is None:
        raise NotFound("no case with that tracking number", "case_not_found")
    return case
