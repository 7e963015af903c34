"""Citizen charters into the database: the office, its services and posts, its GRS ladder.

Idempotent: importing the same charter again finds every row as it is and changes nothing; the
report counts what a run created or changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from grs.calendar.dhaka import DHAKA
from grs.charters.parse import CharterService, Contact, LadderRole, ParsedCharter
from grs.db.models import Case, Office, Service
from grs.places import place_of
from grs.services import organisation as org
from grs.services.charter_appeal import AppealOfficerOutcome, record_named_appeal_officer
from grs.services.charter_versions import record_version
from grs.workflow.definition import Workflow

# Who a charter's grievance table names, as the workflow's post rules call them.
POST_OF_ROLE = {
    LadderRole.GRO: "gro",
    LadderRole.APPEAL_OFFICER: "appeal_officer",
    LadderRole.CELL: "cell",
}


@dataclass
class ImportReport:
    office_code: str
    services: int = 0
    changes: int = 0
    problems: list[str] = field(default_factory=list)
    version: int | None = None  # the charter version this import made, if it changed anything
    changed: list[dict[str, Any]] = field(default_factory=list)  # that version's changes
    appeal_officer: AppealOfficerOutcome | None = None  # the charter's, as the import found it

    def to_json(self) -> dict[str, Any]:
        named = self.appeal_officer.to_json() if self.appeal_officer else None
        return {"office": self.office_code, "services": self.services, "changes": self.changes,
                "problems": self.problems, "appeal_officer": named}  # fmt: skip


def office_code_for(parsed: ParsedCharter) -> str:
    """A stable code: the charter's website host, else a digest of the office's name."""
    if parsed.website:
        host = re.sub(r"^https?://", "", parsed.website.strip().lower()).split("/")[0]
        return host.removeprefix("www.")
    name = (parsed.office_name or "office").encode()
    return "office-" + hashlib.sha256(name).hexdigest()[:10]


def display_name(parsed: ParsedCharter) -> str:
    """The office's name with its place: charters name the office type ("উপজেলা আইসিটি
    কার্যালয়") and give the place on the next line, and citizens search by the place."""
    name = (parsed.office_name or "").strip()
    place = (parsed.address or "").strip()
    return f"{name}, {place}" if place and place not in name else name


def import_charter(
    session: Session,
    parsed: ParsedCharter,
    workflow: Workflow,
    parent_code: str | None = None,
    *,
    applied_by: str = "import",
    at: datetime | None = None,
) -> ImportReport:
    """Write one parsed charter into `session`; the caller commits (or rolls back a dry run).

    Services the charter no longer lists are removed, or retired when cases refer to them. A
    run that changes anything keeps the charter as it then reads as a new version.
    """
    at = at or datetime.now(UTC)
    report = ImportReport(office_code_for(parsed))
    counter = _count_changes(session)
    report.problems += [f"line {p.line}: {p.message}" for p in parsed.problems]
    if not parsed.office_name or not (parsed.services or parsed.ladder):
        report.problems.append("not a citizen charter (no office or no services); nothing imported")
        return report
    office = org.upsert_office(
        session,
        org.OfficeInput(
            code=report.office_code, name_bn=display_name(parsed), parent_code=parent_code,
            address=parsed.address or "", website=parsed.website or "",
        ),
    )  # fmt: skip
    if list(office.expectations or []) != list(parsed.expectations):
        office.expectations = list(parsed.expectations)
    _place(office, parsed.address or "")
    kept: set[int] = set()
    contacts: set[str] = set()  # posts whose contact this run has set
    for service in _distinct_numbers(parsed.services, report):
        kept.add(_import_service(session, office, service, contacts))
        report.services += 1
    _drop_others(session, office, kept, at)
    report.appeal_officer = _import_ladder(session, office, parsed, workflow)
    session.flush()
    report.changes = counter()
    if report.changes:
        version = record_version(session, workflow, office, applied_by, at)
        if version is not None:
            report.version, report.changed = version.number, list(version.changes)
    return report


def _place(office: Office, address: str) -> None:
    """Where the office is, when its address names a known district."""
    place = place_of(address)
    if place.district:
        for name in ("division", "district", "upazila"):
            _set_if_changed(office, name, getattr(place, name))


def _drop_others(session: Session, office: Office, kept: set[int], at: datetime) -> None:
    """Services the charter no longer lists: deleted, or retired if any case refers to them."""
    query = select(Service).where(Service.office_id == office.id, Service.retired_on.is_(None))
    for service in session.scalars(query).all():
        if service.id in kept:
            continue
        if session.scalar(select(Case.id).where(Case.service_id == service.id).limit(1)):
            service.retired_on = at.astimezone(DHAKA).date()
        else:
            session.delete(service)


def _distinct_numbers(services: tuple[CharterService, ...], report: ImportReport) -> list[Any]:
    """Services keyed by (category, number): a number the charter uses twice is given the next
    number after the category's last, the same way on every import, and reported."""
    taken: dict[str, set[int]] = {}
    last = {s.category.value: max(x.number for x in services if x.category == s.category)
            for s in services}  # fmt: skip
    result = []
    for item in services:
        category = item.category.value
        used = taken.setdefault(category, set())
        if item.number in used:
            last[category] += 1
            report.problems.append(
                f"line {item.line}: service number {item.number} is used twice; "
                f"stored as {last[category]}"
            )
            item = replace(item, number=last[category])
        used.add(item.number)
        result.append(item)
    return result


def _import_service(session: Session, office: Any, item: CharterService, contacts: set[str]) -> int:
    post = _officer_post(session, office, item.responsible, contacts)
    superior = (
        _officer_post(session, office, item.superior, contacts, "superior")
        if item.superior
        else None
    )
    service = org.add_service(
        session, office, item.category.value, item.number, item.name, item.time_limit_days, post,
        delivery_method=item.delivery_method, documents=item.documents, fee=item.fee,
        time_limit_text=item.time_limit_text,
    )  # fmt: skip
    _set_if_changed(service, "superior_post_id", superior.id if superior else None)
    _set_if_changed(service, "retired_on", None)  # listed again: in force again
    return service.id


def _officer_post(
    session: Session,
    office: Any,
    contact: Contact,
    contacts: set[str],
    kind: str = "service_officer",
) -> Any:
    """One post per distinct designation: services answered by the same officer share it.
    The first row that names the post gives its contact, so rows that write it differently
    do not change it back and forth on every import.

    A superior officer usually sits in the office above; the charter names them, so they are
    kept as a post of this office that handles no tier of its own."""
    title = (contact.designation or contact.name or contact.raw or "দায়িত্বপ্রাপ্ত কর্মকর্তা").strip()
    # Superiors are keyed by their whole entry: one charter spells a name three ways under
    # one designation, and a shared post would change its contact at every row.
    key = title if kind == "service_officer" else _contact_text(contact)
    prefix = "so-" if kind == "service_officer" else "sup-"
    code = prefix + hashlib.sha256(key.encode()).hexdigest()[:8]
    post = org.ensure_post(session, office, code, kind, title[:300])
    if code not in contacts:
        contacts.add(code)
        _set_if_changed(post, "contact", _contact_text(contact))
    return post


def _import_ladder(
    session: Session, office: Any, parsed: ParsedCharter, workflow: Workflow
) -> AppealOfficerOutcome | None:
    """The ladder's contacts and time limits; returns what became of the named appeal officer,
    who is looked up once the GRO's contact is in place."""
    appeal_officer = None
    for step in parsed.ladder:
        rule = POST_OF_ROLE[step.role]
        tier = workflow.tier_for_post(rule)
        if tier is None:  # this workflow's ladder has no such step
            continue
        if rule == "gro":
            gro = org.post_by_code(session, office.code, "gro")
            _set_if_changed(gro, "contact", _contact_text(step.contact))
        if rule == "appeal_officer":
            appeal_officer = step.contact
        days = step.time_limit_days
        if days and days != workflow.tiers[tier].working_days:
            org.set_tier_duration(session, workflow, office, tier, days)
    if appeal_officer is None:
        return None
    session.flush()
    return record_named_appeal_officer(session, office, appeal_officer)


def _contact_text(contact: Contact) -> str:
    parts = [contact.name, contact.designation, contact.phone, contact.email]
    text = ", ".join(part for part in parts if part)
    return text or contact.raw


def _set_if_changed(obj: Any, name: str, value: Any) -> None:
    # Assigning an equal value still marks the row dirty on some types; compare first.
    if getattr(obj, name) != value:
        setattr(obj, name, value)


def _count_changes(session: Session) -> Any:
    """A counter of rows inserted or really updated by this session from now on."""
    counted = {"rows": 0}

    def before_flush(sess: Session, _context: Any, _instances: Any) -> None:
        modified = [obj for obj in sess.dirty if sess.is_modified(obj)]
        counted["rows"] += len(sess.new) + len(modified)

    event.listen(session, "before_flush", before_flush)

    def read() -> int:
        event.remove(session, "before_flush", before_flush)
        return counted["rows"]

    return read
