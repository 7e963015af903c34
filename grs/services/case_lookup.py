"""Finding a case by its tracking number."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Select, String, bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.interfaces import ORMOption

from grs.db.models import Case
from grs.errors import NotFound
from grs.tracking import normalize_tracking_number


@lru_cache(maxsize=32)  # bounded: a caller might pass options made anew on each call
def _by_number(options: tuple[ORMOption, ...]) -> Select[Case]:
    """Built once for each set of options: every case page and action reads it."""
    number = bindparam("number", type_=String)
    return select(Case).where(Case.tracking_number == number).options(*options)


def find_case(session: Session, tracking: str, *options: ORMOption) -> Case:
    """The case with that number; `options` load with it what the caller reads next."""
    number = normalize_tracking_number(tracking)
    case = session.scalar(_by_number(options), {"number": number}) if number else None
    if case is None:
        raise NotFound("no case with that tracking number", "case_not_found")
    return case
