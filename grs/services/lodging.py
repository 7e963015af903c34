"""Lodging a complaint: where on the ladder it starts, its deadline, its tracking number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy import Select, String, bindparam, exists, select
from sqlalchemy.orm import Session

from grs.calendar.working_days import CalendarError
from grs.db.models import ApiClient, Case, Event, Office, Post, Service
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services.blacklist import flag_if_blacklisted
from grs.services.case_changes import CITIZEN, Actor, Change, event_row
from grs.services.lodge_input import LodgeInput, normalize_mobile, validate
from grs.services.notify import notify_change
from grs.services.organisation import find_office
from grs.tracking import hash_receipt_code, new_receipt_code, new_tracking_number
from grs.workflow.deadlines import due_on, tier_days
from grs.workflow.ladder import LadderError, office_overrides, post_for_tier


@dataclass(frozen=True)
class Lodged:
    case: Case
    receipt_code: str | None  # shown once to an anonymous complainant, never stored in clear
    grant: str | None = None  # the lodging browser's grant to open the case, when one was asked


@dataclass(frozen=True)
class _Placement:
    """Where on the ladder a new complaint starts, and its first clock."""

    tier: int
    start: date
    days: int
    post: Post


def lodge(
    rt: Runtime,
    session: Session,
    item: LodgeInput,
    actor: Actor = CITIZEN,
    client: ApiClient | None = None,
) -> Lodged:
    today, now = rt.today(), rt.now()
    problems = validate(item, today, rt.workflow)
    if (item.channel == "api") != (client is not None):
        problems.append(("channel", "invalid_choice"))
    if problems:
        field, code = problems[0]
        raise InvalidInput(f"{field}: {code}", code, field=field, problems=problems)
    office = _office(session, item.office_code)
    service = _service(session, office, item.service_id)
    place = _placement(rt, session, item, office, service, today)
    receipt = new_receipt_code() if item.anonymous else None
    case = Case(
        tracking_number=_unused_tracking_number(session, today),
        complaint_type=item.complaint_type,
        against=item.against,
        channel=item.channel,
        on_behalf_of=item.on_behalf_of.strip(),
        anonymous=item.anonymous,
        receipt_code_hash=hash_receipt_code(receipt) if receipt else None,
        office_id=office.id,
        service_id=service.id if service else None,
        service_applied_on=item.service_applied_on,
        service_decided=item.service_decided,
        subject=item.subject.strip(),
        details=item.details.strip(),
        remedy_sought=item.remedy_sought.strip(),
        lodged_at=now,
        lodged_on=today,
        tier=place.tier,
        **rt.workflow.state_values(rt.workflow.lodged_state),
        current_office_id=place.post.office_id,
        current_post_id=place.post.id,
        tier_started_on=place.start,
        tier_days=place.days,
        due_on=due_on(rt.calendar(session), place.start, place.days),
        version=1,
        api_client_id=client.id if client else None,
        language=item.language,
        sms_opt_out=item.no_sms,
        **_contact(item),
    )
    session.add(case)
    session.flush()
    data = {"channel": item.channel, **({"client": client.name} if client else {})}
    change = Change("lodge", data=data)
    row = event_row(case, {"version": 1}, change, actor, now)
    row["from_state"], row["from_tier"], row["due_before"] = None, None, None
    event = Event(**row)
    session.add(event)
    session.flush()
    notify_change(rt, session, case, event)
    flag_if_blacklisted(session, case, now)
    return Lodged(case, receipt)


def _contact(item: LodgeInput) -> dict[str, str]:
    if item.anonymous:  # an anonymous complaint keeps nothing that identifies the complainant
        return {}
    return {
        "complainant_name": item.name.strip(),
        "complainant_mobile": normalize_mobile(item.mobile) or "",
        "complainant_email": item.email.strip(),
        "complainant_address": item.address.strip(),
    }


def _office(session: Session, code: str) -> Office:
    office = find_office(session, code.strip())
    if office is None or office.kind == "cell":
        raise NotFound(f"no office {code!r}", "office_not_found", field="office_code")
    return office


def _service(session: Session, office: Office, service_id: int | None) -> Service | None:
    if service_id is None:
        return None
    service = session.get(Service, service_id)
    if service is None or service.office_id != office.id:
        raise NotFound("no such service at this office", "service_not_found", field="service_id")
    return service


def _placement(
    rt: Runtime,
    session: Session,
    item: LodgeInput,
    office: Office,
    service: Service | None,
    today: date,
) -> _Placement:
    tier, start = _starting_point(rt, session, item, service, today)
    overrides = office_overrides(session, office.id)
    days = tier_days(rt.workflow, tier, service, overrides)
    if days is None:  # an "as needed" service cannot wait at the service officer's tier
        tier, start = rt.workflow.start_tier, today
        days = tier_days(rt.workflow, tier, service, overrides) or 0
    try:
        post = post_for_tier(session, rt.workflow, office, tier, service)
    except LadderError as exc:
        raise InvalidInput(str(exc), "office_not_ready", field="office_code") from exc
    return _Placement(tier, start, days, post)


def _starting_point(
    rt: Runtime, session: Session, item: LodgeInput, service: Service | None, today: date
) -> tuple[int, date]:
    """The service officer's tier while the service's own charter deadline still runs; else the
    workflow's starting tier, or the tier above the one whose officer the complaint is about."""
    workflow = rt.workflow
    if item.against != "service":
        return workflow.tier_by_key(item.against).tier + 1, today
    tier = workflow.service_tier
    if tier is None or not (service and service.time_limit_days and item.service_applied_on):
        return workflow.start_tier, today
    if item.service_decided or service.responsible_post_id is None:
        return workflow.start_tier, today
    try:
        charter_due = rt.calendar(session).add_working_days(
            item.service_applied_on, service.time_limit_days
        )
    except CalendarError:  # applied before the calendar's first year: long past due
        return workflow.start_tier, today
    return (tier, item.service_applied_on) if charter_due >= today else (workflow.start_tier, today)


@cache
def _number_used() -> Select[bool]:
    return select(exists().where(Case.tracking_number == bindparam("number", type_=String)))


def _unused_tracking_number(session: Session, today: date) -> str:
    while True:
        number = new_tracking_number(today)
        if not session.scalar(_number_used(), {"number": number}):
            return number
