"""What the opinion and investigation tests ask of the database: a case's requests, an officer,
and how the officer sees the case."""

from __future__ import annotations

from sqlalchemy import select

from grs.db.models import CaseAssignment, Officer
from grs.errors import NotFound
from grs.services import organisation as org
from grs.services.handled_earlier import readable_case


def requests(rt, case) -> list[CaseAssignment]:
    """The case's opinion and investigation requests, oldest first."""
    with rt.db.read_session() as s:
        query = select(CaseAssignment).where(CaseAssignment.case_id == case.id)
        return list(s.scalars(query.order_by(CaseAssignment.id)))


def officer(rt, username: str) -> Officer:
    with rt.db.read_session() as s:
        return org.officer_by_username(s, username)


def sees(rt, username: str, case) -> bool | None:
    """True: read only; False: may act; None: the case is not found for the officer."""
    with rt.db.read_session() as s:
        try:
            return readable_case(rt, s, officer(rt, username), case.tracking_number)
        except NotFound:
            return None
