"""What a citizen may do without an account: choose an office, lodge, find a case, follow it, act.

A case is found only with its tracking number together with the mobile number given when it was
lodged (or, for an anonymous complaint, its receipt code). A wrong pair is refused exactly like
a number that does not exist, so the answer never tells whether a tracking number is in use.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.orm import Session

from grs.calendar.working_days import DeadlineExplanation
from grs.db.models import Attachment, Case, Event, Office, Post, Service
from grs.errors import ActionRefused, InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services import attachments, citizen_grants
from grs.services.action_effects import ActionInput
from grs.services.actions import act
from grs.services.attachments import Upload
from grs.services.case_changes import CITIZEN
from grs.services.case_view import history
from grs.services.lodge_input import LodgeInput, normalize_mobile, validate
from grs.services.lodging import Lodged, lodge
from grs.services.organisation import find_office
from grs.services.permissions import allowed_actions
from grs.tracking import normalize_tracking_number, receipt_code_hashes
from grs.workflow.deadlines import deadline_status
from grs.workflow.ladder import LadderError, post_for_tier

CATEGORIES = ("citizen", "institutional", "internal")
CODE_LIMIT = 64


@dataclass(frozen=True)
class OfficeServices:
    office: Office
    services: dict[str, list[Service]]  # by charter category, in charter order


@dataclass(frozen=True)
class AppealOption:
    trigger: str  # the citizen's trigger that takes the case to `post`
    post: Post
    tier: int
    open_now: bool
    until: date | None  # the last day to appeal a decision
    opens_after: date | None  # a running case may be appealed once this deadline has passed


@dataclass(frozen=True)
class CitizenCase:
    case: Case
    post: Post
    history: list[Event]
    attachments: list[Attachment]
    actions: frozenset[str]
    working_days_left: int | None  # frozen at the pause while the officer waits for an answer
    overdue: bool
    estimate: bool
    appeal: AppealOption | None
    deadline: DeadlineExplanation | None
    top_tier: int


def find_offices(session: Session, query: str, limit: int) -> tuple[list[Office], int]:
    """Offices a complaint can be lodged with whose code or name contains `query`; at most
    `limit` of them, and how many matched in all."""
    wanted = " ".join(query.split()).casefold()
    rows = session.scalars(select(Office).where(Office.kind != "cell").order_by(Office.name_bn))
    found = [o for o in rows if wanted in f"{o.code} {o.name_bn} {o.name_en}".casefold()]
    return found[:limit], len(found)


@cache
def _current_services() -> Select[Service]:
    """Built once: every lodging form and every lodging reads it."""
    return (
        select(Service)
        .where(Service.office_id == bindparam("office_id", type_=Integer))
        .where(Service.retired_on.is_(None))
        .order_by(Service.number)
    )


def office_services(session: Session, code: str) -> OfficeServices:
    # Codes come from addresses people can type: one PostgreSQL cannot compare is no office.
    usable = len(code) <= CODE_LIMIT and "\x00" not in code
    office = find_office(session, code) if usable else None
    if office is None or office.kind == "cell":
        raise NotFound(f"no office {code!r}", "office_not_found", field="office_code")
    rows = session.scalars(_current_services(), {"office_id": office.id})
    grouped: dict[str, list[Service]] = {category: [] for category in CATEGORIES}
    for service in rows:
        grouped.setdefault(service.category, []).append(service)
    return OfficeServices(office, {k: v for k, v in grouped.items() if v})


@dataclass(frozen=True)
class CheckedComplaint:
    office: OfficeServices
    problems: list[tuple[str, str]]  # (field, code), every one at once, for the form


def check_complaint(rt: Runtime, session: Session, item: LodgeInput) -> CheckedComplaint:
    """What stands in the way of lodging `item`, checked before anything is stored; an office
    that does not exist is not a form problem but a page that does not exist."""
    found = office_services(session, item.office_code)
    problems = validate(item, rt.today(), rt.workflow)
    ids = {s.id for services in found.services.values() for s in services}
    if item.service_id is not None and item.service_id not in ids:
        problems.append(("service_id", "service_not_found"))
    return CheckedComplaint(found, problems)


def lodge_complaint(
    rt: Runtime,
    item: LodgeInput,
    uploads: Sequence[Upload] = (),
    grant: bool = False,
    replacing_grant: str | None = None,
) -> Lodged:
    """Lodge `item` with its attachments: the case, its history and the attachment rows in one
    transaction, the files moved into place only inside it and removed if it fails. With
    `grant`, the lodging browser's grant to open the case is written in it too."""
    problems = validate(item, rt.today(), rt.workflow)
    if problems:  # refused before any file touches the disk
        field, code = problems[0]
        raise InvalidInput(f"{field}: {code}", code, field=field, problems=problems)
    files = attachments.check_uploads(uploads, _max_bytes(rt), rt.settings.max_files)
    # The transaction sits inside the staging: a failed commit still removes the placed files.
    with attachments.staged_files(_upload_dir(rt), files) as staging, rt.db.write() as session:
        lodged = lodge(rt, session, item)
        if staging.files:
            event_id = _lodging_event_id(session, lodged.case)
            attachments.record(session, lodged.case.id, event_id, staging, rt.now())
        if grant:
            token = citizen_grants.write_grant(rt, session, lodged.case.id, replacing_grant)
            lodged = replace(lodged, grant=token)
        staging.place()
    return lodged


def find_case_for_citizen(session: Session, tracking: str, mobile: str, receipt: str) -> int:
    """The id of the case with this tracking number that `mobile` or `receipt` opens."""
    if not tracking.strip():
        raise InvalidInput("tracking number needed", "required", field="number")
    number = normalize_tracking_number(tracking)
    if number is None:
        raise InvalidInput("not a tracking number", "bad_tracking_number", field="number")
    candidates, column = _secrets(mobile, receipt)
    row = session.execute(select(Case.id, column).where(Case.tracking_number == number)).first()
    stored = str(row[1] or "") if row else ""
    # Compared in constant time, and refused in the same words whether or not the case exists.
    matches = [hmac.compare_digest(stored, secret) for secret in candidates]
    if row is None or not stored or not any(matches):
        raise NotFound("no case for that tracking number and mobile number", "case_not_found")
    return int(row[0])


def _secrets(mobile: str, receipt: str) -> tuple[list[str], Any]:
    """What the stored column must equal for the case to open, and which column that is."""
    if receipt.strip():
        return receipt_code_hashes(receipt), Case.receipt_code_hash
    if not mobile.strip():
        raise InvalidInput("mobile or receipt code needed", "mobile_or_receipt", field="mobile")
    secret = normalize_mobile(mobile)
    if not secret:
        raise InvalidInput("not a mobile number", "invalid_mobile", field="mobile")
    return [secret], Case.complainant_mobile


def citizen_case(rt: Runtime, session: Session, case_id: int) -> CitizenCase:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("no such case", "case_not_found")
    today, calendar = rt.today(), rt.calendar(session)
    allowed = set(allowed_actions(rt, session, case, CITIZEN))
    appeal = _appeal_option(rt, session, case, today, "appeal" in allowed)
    if case.rating is not None:
        allowed.discard("rate")
    if appeal is None or not appeal.open_now:
        allowed.discard("appeal")
    status = deadline_status(calendar, case, today)
    left, deadline = status.working_days_left, status.explanation
    return CitizenCase(
        case=case,
        post=case.current_post,
        history=history(session, case, citizen=True),
        attachments=_citizens_files(session, case),
        actions=frozenset(allowed),
        working_days_left=left,
        overdue=case.due_on < today and case.state in rt.workflow.running,
        estimate=not calendar.is_official(case.due_on.year),
        appeal=appeal,
        deadline=deadline,
        top_tier=rt.workflow.top_tier,
    )


def _appeal_option(
    rt: Runtime, session: Session, case: Case, today: date, allowed: bool
) -> AppealOption | None:
    """To whom the case would go on appeal, and from or until when (the rules of `appeal`)."""
    tier = case.tier + 1
    if not allowed or (rt.workflow.is_top(tier) and case.appealed_to_cell):
        return None
    try:
        post = post_for_tier(session, rt.workflow, case.office, tier, case.service)
    except LadderError:
        return None
    if case.state in rt.workflow.decided:
        until = case.appeal_until
        return AppealOption("appeal", post, tier, until is not None and today <= until, until, None)
    return AppealOption("appeal", post, tier, case.due_on < today, None, case.due_on)


def citizen_action(
    rt: Runtime, case_id: int, trigger: str, args: ActionInput, uploads: Sequence[Upload] = ()
) -> Case:
    """Fire one of the citizen's own actions; an answer may carry attachments."""
    spec = rt.workflow.triggers.get(trigger)
    if spec is None or spec.by != "citizen":
        raise ActionRefused(f"unknown action {trigger!r}", "unknown_action")
    files = attachments.check_uploads(uploads, _max_bytes(rt), rt.settings.max_files)
    with attachments.staged_files(_upload_dir(rt), files) as staging, rt.db.write() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFound("no such case", "case_not_found")
        act(rt, session, case, trigger, CITIZEN, args)
        if staging.files:
            event_id = _last_event_id(session, case)
            attachments.record(session, case.id, event_id, staging, rt.now())
        staging.place()
    return case


def _last_event_id(session: Session, case: Case) -> int | None:
    query = select(Event.id).where(Event.case_id == case.id, Event.seq == case.version)
    return session.scalar(query)


def _lodging_event_id(session: Session, case: Case) -> int | None:
    # The first event: an officers-only mark of a blacklisted complainant may follow it, and the
    # citizen's files belong with what the citizen sees.
    query = select(Event.id).where(Event.case_id == case.id, Event.seq == 1)
    return session.scalar(query)


def _upload_dir(rt: Runtime) -> Path:
    return rt.settings.path(rt.settings.upload_dir)


def _max_bytes(rt: Runtime) -> int:
    return rt.settings.max_upload_mb * 1024 * 1024


def _citizens_files(session: Session, case: Case) -> list[Attachment]:
    """The files the complainant sent; what officers attached (opinions, reports) is theirs."""
    query = select(Attachment).where(
        Attachment.case_id == case.id, Attachment.uploaded_by == "citizen"
    )
    return list(session.scalars(query.order_by(Attachment.id)))
