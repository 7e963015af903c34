"""Complaints received on paper, by phone or in person, entered by an officer of the office."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import Office, Officer, Service
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services.case_changes import Actor
from grs.services.lodge_input import LodgeInput
from grs.services.lodging import Lodged, lodge
from grs.services.officer_access import acting_posts

OFFICER_CHANNELS = ("paper", "phone", "in_person")


def entry_offices(rt: Runtime, session: Session, officer: Officer) -> list[Office]:
    """Offices the officer may enter complaints for: those of the posts they act for."""
    ids = {post.office_id for post in acting_posts(session, officer, rt.today())}
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
