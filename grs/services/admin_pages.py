"""What the administration pages and listings show: read-only queries over the caller's session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, or_, select
from sqlalchemy.orm import Session

from grs.calendar.working_days import Holiday
from grs.db.models import (
    Absence,
    HolidayChange,
    Office,
    OfficeAppealOfficer,
    Officer,
    Post,
    Service,
)
from grs.errors import NotFound
from grs.processes.runtime import Runtime
from grs.services.organisation import find_office
from grs.workflow.ladder import office_overrides


def offices_by_code(session: Session) -> list[Office]:
    return list(session.scalars(select(Office).order_by(Office.code)))


def office_tree(session: Session) -> list[tuple[Office, int]]:
    """Every office with its depth, each under the office above it."""
    offices = offices_by_code(session)
    children: dict[int | None, list[Office]] = {}
    for office in offices:
        children.setdefault(office.parent_id, []).append(office)
    ordered: list[tuple[Office, int]] = []
    known = {o.id for o in offices}

    def walk(parent: int | None, depth: int) -> None:
        for office in children.get(parent, []):
            ordered.append((office, depth))
            walk(office.id, depth + 1)

    walk(None, 0)
    for office in offices:  # an office whose parent is missing still shows
        if office.parent_id is not None and office.parent_id not in known:
            ordered.append((office, 0))
    return ordered


@dataclass(frozen=True)
class OfficePage:
    office: Office
    posts: list[Post]
    durations: list[tuple[int, int | None, bool]]  # tier, days, the office's own
    services: list[Service]
    officers: list[Officer]
    absent_today: set[int]
    appeal_post: Post | None = None  # the post named to hear appeals; None: the GRO above


def office_page(rt: Runtime, session: Session, code: str) -> OfficePage:
    office = find_office(session, code)
    if office is None:
        raise NotFound("no such office", "office_not_found")
    posts = list(session.scalars(select(Post).where(Post.office_id == office.id).order_by(Post.id)))
    overrides = office_overrides(session, office.id)
    durations = [
        (tier, overrides.get(tier, spec.working_days), tier in overrides)
        for tier, spec in sorted(rt.workflow.tiers.items())
        if not spec.takes_service_time_limit
    ]
    services = session.scalars(
        select(Service).where(Service.office_id == office.id).order_by(Service.number)
    ).all()
    named = session.scalar(
        select(OfficeAppealOfficer).where(OfficeAppealOfficer.office_id == office.id)
    )
    return OfficePage(
        office,
        posts,
        durations,
        list(services),
        _officers_for(session, office.id),
        _absent(session, rt.today()),
        named.post if named else None,
    )


def _officers_for(session: Session, office_id: int) -> list[Officer]:
    """The officers a post here may be given: those holding a post in this office and those
    holding none yet. An officer does not belong to an office except through the posts they
    hold, so one who holds posts only elsewhere is someone else's staff and not offered."""
    here = select(Post.holder_id).where(Post.office_id == office_id, Post.holder_id.is_not(None))
    anywhere = select(Post.holder_id).where(Post.holder_id.is_not(None))
    query = select(Officer).where(or_(Officer.id.in_(here), Officer.id.not_in(anywhere)))
    return list(session.scalars(query.order_by(Officer.username)))


def _absent(session: Session, today: date) -> set[int]:
    query = select(Absence.officer_id).where(Absence.starts_on <= today, Absence.ends_on >= today)
    return set(session.scalars(query))


@dataclass(frozen=True)
class OfficerRow:
    officer: Officer
    posts: list[Post]
    absences: list[Absence]


def officer_rows(rt: Runtime, session: Session) -> list[OfficerRow]:
    """Every officer with the posts held and the absences not yet over."""
    officers = session.scalars(select(Officer).order_by(Officer.username)).all()
    posts = session.scalars(select(Post).where(Post.holder_id.is_not(None))).all()
    absences = session.scalars(
        select(Absence).where(Absence.ends_on >= rt.today()).order_by(Absence.starts_on)
    ).all()
    return [
        OfficerRow(
            officer,
            [p for p in posts if p.holder_id == officer.id],
            [a for a in absences if a.officer_id == officer.id],
        )
        for officer in officers
    ]


@dataclass(frozen=True)
class HolidayPage:
    year: int
    holidays: list[Holiday]
    changes: list[HolidayChange]
    official: bool


def holiday_page(rt: Runtime, session: Session, year: int) -> HolidayPage:
    calendar = rt.calendar(session)
    changes = session.scalars(
        select(HolidayChange)
        .where(extract("year", HolidayChange.holiday_on) == year)
        .order_by(HolidayChange.id.desc())
    ).all()
    return HolidayPage(year, calendar.holidays_in(year), list(changes), calendar.is_official(year))
