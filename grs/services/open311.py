"""Open311 GeoReport v2 reads: an office's services and the public view of its requests.

A jurisdiction is an office (its code). A service code names a charter service within it as
CATEGORY-NUMBER (`citizen-3`), as the charter numbers them; `general` is a complaint about no
particular service. Requests are public, so a request carries nothing that identifies the
complainant or the officer complained about: no description, contact, address or attachment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from grs.calendar.dhaka import DHAKA
from grs.db.models import Case, Event, Office, Post, Service
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services.citizen_access import office_services
from grs.tracking import normalize_tracking_number

GENERAL = "general"
MAX_REQUESTS = 1000
DEFAULT_DAYS = 90  # the specification's default window when no dates are given


@dataclass(frozen=True)
class ServiceEntry:
    code: str
    name: str
    description: str
    group: str
    has_attributes: bool = True


@dataclass(frozen=True)
class RequestEntry:
    service_request_id: str
    status: str  # open | closed
    status_notes: str
    service_code: str
    service_name: str
    agency_responsible: str
    requested_datetime: datetime
    updated_datetime: datetime
    expected_datetime: datetime


@dataclass(frozen=True)
class RequestFilters:
    service_code: str = ""
    start: datetime | None = None
    end: datetime | None = None
    status: str = ""


def service_code(service: Service | None) -> str:
    return f"{service.category}-{service.number}" if service else GENERAL


def services(session: Session, jurisdiction: str) -> list[ServiceEntry]:
    found = office_services(session, jurisdiction)
    entries = [ServiceEntry(GENERAL, "Other complaint", "A complaint about no one service", "")]
    for category, rows in found.services.items():
        entries += [_entry(service, category) for service in rows]
    return entries


def _entry(service: Service, category: str) -> ServiceEntry:
    limit = (
        f"to be delivered within {service.time_limit_days} working days"
        if service.time_limit_days
        else "delivered as needed"
    )
    text = service.time_limit_text.strip()
    return ServiceEntry(service_code(service), service.name, f"{limit}. {text}".strip(), category)


def find_service(session: Session, office: Office, code: str) -> Service | None:
    """The office's service with this code; None for `general`."""
    if code == GENERAL:
        return None
    category, _, number = code.partition("-")
    service = (
        session.scalar(
            select(Service).where(
                Service.office_id == office.id,
                Service.category == category,
                Service.number == int(number),
            )
        )
        if number.isascii() and number.isdigit() and len(number) < 9
        else None
    )
    if service is None:
        raise NotFound(f"no service {code!r} in {office.code}", "service_not_found")
    return service


def parse_datetime(value: str, name: str) -> datetime | None:
    """An ISO 8601 date or time (the specification's w3c format); a bare one is Dhaka time."""
    if not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise InvalidInput(f"{name} is not an ISO 8601 date-time", "bad_date", field=name) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=DHAKA)


def requests(
    rt: Runtime, session: Session, jurisdiction: str, filters: RequestFilters
) -> list[RequestEntry]:
    office = office_services(session, jurisdiction).office
    query = _requests_query().where(Case.office_id == office.id)
    if filters.service_code:
        service = find_service(session, office, filters.service_code)
        query = query.where(Case.service_id == (service.id if service else None))
    if filters.status not in ("", "open", "closed"):
        raise InvalidInput("status is open or closed", "invalid_choice", field="status")
    if filters.status:
        open_states = rt.workflow.open_states
        wanted = Case.state.in_(open_states)
        query = query.where(wanted if filters.status == "open" else ~wanted)
    end = filters.end or rt.now()
    start = filters.start or end - timedelta(days=DEFAULT_DAYS)
    query = query.where(Case.lodged_at >= start, Case.lodged_at <= end)
    rows = session.execute(query.order_by(Case.lodged_at.desc()).limit(MAX_REQUESTS)).all()
    return [_request(rt, row) for row in rows]


def request(rt: Runtime, session: Session, number: str) -> RequestEntry:
    tracking = normalize_tracking_number(number[:40])
    row = (
        session.execute(_requests_query().where(Case.tracking_number == tracking)).first()
        if tracking
        else None
    )
    if row is None:
        raise NotFound("no request with that id", "case_not_found")
    return _request(rt, row)


def _requests_query() -> Any:
    updated = select(func.max(Event.at)).where(Event.case_id == Case.id).scalar_subquery()
    return (
        select(
            Case.tracking_number,
            Case.state,
            Case.tier,
            Case.lodged_at,
            Case.due_on,
            updated.label("updated_at"),
            Service.category,
            Service.number,
            Service.name.label("service_name"),
            Office.name_en,
            Office.name_bn,
            Post.title_en,
        )
        .join(Office, Office.id == Case.current_office_id)
        .join(Post, Post.id == Case.current_post_id)
        .outerjoin(Service, Service.id == Case.service_id)
    )


def _request(rt: Runtime, row: Any) -> RequestEntry:
    workflow = rt.workflow
    state = workflow.state_specs[row.state].label.en
    tier = workflow.tiers[row.tier].name.en if row.tier in workflow.tiers else str(row.tier)
    code = f"{row.category}-{row.number}" if row.category else GENERAL
    office = row.name_en or row.name_bn
    return RequestEntry(
        service_request_id=row.tracking_number,
        status="open" if row.state in workflow.open_states else "closed",
        status_notes=f"{state} ({tier})",
        service_code=code,
        service_name=row.service_name or "Other complaint",
        agency_responsible=f"{row.title_en or tier}, {office}" if office else tier,
        requested_datetime=row.lodged_at,
        updated_datetime=row.updated_at or row.lodged_at,
        expected_datetime=end_of_day(row.due_on),
    )


def end_of_day(day: date) -> datetime:
    """The last moment of a Dhaka date: a deadline is met any time that day."""
    return datetime.combine(day, time(23, 59, 59), DHAKA)
