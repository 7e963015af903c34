"""An office's blacklist of habitual false complainants (the GRS guideline allows one).

The office's GRO (or the alternate acting for an absent GRO) proposes a contact, a mobile number
or an e-mail address, with a reason; the office's appeal officer approves or rejects the
proposal, and may lift a blacklisting later, with a reason. Nothing is deleted: the entry's row
keeps the proposal, the decision and the lifting, and every step writes an audit entry that
names the entry and the kind of contact, never the contact itself.

A blacklisted complainant's complaints are still accepted like any other; lodging only marks
them for the office's officers (see `flag_if_blacklisted`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Integer, Select, String, bindparam, select, update
from sqlalchemy.orm import Session

from grs.db.models import BlacklistEntry, Case, Event, Office, OfficeAppealOfficer, Officer, Post
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services.audit import record
from grs.services.case_changes import SYSTEM, Change, apply_change
from grs.services.lodge_input import normalize_mobile
from grs.services.organisation import find_office
from grs.workflow.ladder import LadderError, acting_post_ids, appeal_officer_post, gro_post

REASON_LIMIT = 2_000
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LIVE = ("proposed", "active")
DECISIONS = ("approve", "reject")


@dataclass(frozen=True)
class Roles:
    proposes: bool  # acts for the office's GRO post today
    decides: bool  # acts for the office's appeal officer post today


@dataclass(frozen=True)
class BlacklistPage:
    office: Office
    roles: Roles
    entries: list[BlacklistEntry]
    officer_names: dict[int, str]


def normalize_contact(text: str) -> tuple[str, str]:
    """("mobile", "01XXXXXXXXX") or ("email", the address in lower case), as lodging stores
    them, so a blacklisted contact matches however it was typed (Bangla digits, +880)."""
    raw = (text or "").strip()
    if "@" in raw:
        if len(raw) > 200 or not _EMAIL.fullmatch(raw):
            raise InvalidInput("not an e-mail address", "invalid_contact", field="contact")
        return "email", raw.lower()
    mobile = normalize_mobile(raw)
    if mobile is None:
        raise InvalidInput("not a mobile number or e-mail", "invalid_contact", field="contact")
    return "mobile", mobile


def roles(session: Session, officer: Officer, office: Office, today: date) -> Roles:
    acting = acting_post_ids(session, officer, today)
    try:
        appeal_post_id = appeal_officer_post(session, office).id
    except LadderError:
        appeal_post_id = None
    try:
        gro_post_id = gro_post(session, office.id).id
    except LadderError:
        gro_post_id = None
    return Roles(gro_post_id in acting, appeal_post_id in acting)


def proposes(office: Office, acting: Sequence[Post]) -> bool:
    """Whether an officer acting for the posts `acting` (already read) may propose for the
    office: one of them is the office's GRO post."""
    return any(post.kind == "gro" and post.office_id == office.id for post in acting)


def _office_for(session: Session, officer: Officer, code: str, today: date) -> tuple[Office, Roles]:
    """The office and the officer's part in its blacklist; anyone without one is told there is
    no such office, exactly as for a code not in use."""
    office = find_office(session, code)
    found = roles(session, officer, office, today) if office and office.kind != "cell" else None
    if office is None or found is None or not (found.proposes or found.decides):
        raise NotFound("no such office", "office_not_found", field="office")
    return office, found


def blacklist_offices(rt: Runtime, session: Session, officer: Officer) -> list[Office]:
    """The offices whose blacklist the officer works on today: as their GRO, or as the appeal
    officer (by default the GRO of the office above, or a post the office names)."""
    today = rt.today()
    acting = acting_post_ids(session, officer, today)
    own = select(Post.office_id).where(Post.id.in_(acting))
    named = select(OfficeAppealOfficer.office_id).where(OfficeAppealOfficer.post_id.in_(acting))
    query = select(Office).where(
        Office.kind != "cell",
        (Office.id.in_(own)) | (Office.parent_id.in_(own)) | (Office.id.in_(named)),
    )
    found = [o for o in session.scalars(query.order_by(Office.code))]
    return [o for o in found if (r := roles(session, officer, o, today)).proposes or r.decides]


def blacklist_page(rt: Runtime, session: Session, officer: Officer, code: str) -> BlacklistPage:
    office, found = _office_for(session, officer, code, rt.today())
    query = select(BlacklistEntry).where(BlacklistEntry.office_id == office.id)
    entries = list(session.scalars(query.order_by(BlacklistEntry.id.desc())))
    ids = {i for e in entries for i in (e.proposed_by, e.decided_by, e.lifted_by) if i}
    names = session.execute(select(Officer.id, Officer.name).where(Officer.id.in_(ids)))
    return BlacklistPage(office, found, entries, {int(i): str(n) for i, n in names})


def _reason(text: str, field: str) -> str:
    value = (text or "").strip()
    if not value:
        raise InvalidInput(f"{field} is required", "reason_required", field=field)
    if len(value) > REASON_LIMIT or "\x00" in value:
        raise InvalidInput(f"{field} is too long", "too_long", field=field)
    return value


def propose(
    rt: Runtime, officer: Officer, code: str, contact: str, reason: str, tracking: str = ""
) -> BlacklistEntry:
    """The GRO's proposal; it blacklists nobody until the appeal officer approves it."""
    with rt.db.write() as session:
        office, found = _office_for(session, officer, code, rt.today())
        if not found.proposes:
            raise NotFound("no such office", "office_not_found", field="office")
        why = _reason(reason, "reason")
        kind, value = normalize_contact(contact)
        if _live_entry(session, office.id, kind, value) is not None:
            raise InvalidInput("already proposed or blacklisted", "blacklist_duplicate")
        entry = BlacklistEntry(office_id=office.id, contact_kind=kind, contact=value,
                               status="proposed", reason=why, proposed_by=officer.id,
                               proposed_at=rt.now(), decision_note="", lift_reason="")  # fmt: skip
        session.add(entry)
        session.flush()
        _audit(rt, session, officer, "blacklist_proposed", entry, case=tracking[:20])
        return entry


def decide(
    rt: Runtime, officer: Officer, code: str, entry_id: int, decision: str, note: str
) -> BlacklistEntry:
    """The appeal officer approves (the contact is blacklisted from now on) or rejects."""
    with rt.db.write() as session:
        entry = _entry_to_decide(rt, session, officer, code, entry_id)
        if decision not in DECISIONS:
            raise InvalidInput("approve or reject", "invalid_choice", field="decision")
        approve = decision == "approve"
        if entry.status != "proposed":
            raise InvalidInput("this proposal is decided already", "blacklist_decided")
        if entry.proposed_by == officer.id:
            raise InvalidInput("a proposal is decided by another officer", "own_proposal")
        text = _reason(note, "note") if not approve else (note or "").strip()[:REASON_LIMIT]
        status = "active" if approve else "rejected"
        values = {"status": status, "decided_by": officer.id, "decided_at": rt.now(),
                  "decision_note": text}  # fmt: skip
        _guarded(session, entry, "proposed", values)
        action = "blacklist_approved" if approve else "blacklist_rejected"
        _audit(rt, session, officer, action, entry)
        return entry


def lift(rt: Runtime, officer: Officer, code: str, entry_id: int, reason: str) -> BlacklistEntry:
    """The appeal officer ends a blacklisting: complaints lodged from now on are not marked."""
    with rt.db.write() as session:
        entry = _entry_to_decide(rt, session, officer, code, entry_id)
        if entry.status != "active":
            raise InvalidInput("this contact is not blacklisted", "not_blacklisted")
        values = {"status": "lifted", "lifted_by": officer.id, "lifted_at": rt.now(),
                  "lift_reason": _reason(reason, "reason")}  # fmt: skip
        _guarded(session, entry, "active", values)
        _audit(rt, session, officer, "blacklist_lifted", entry)
        return entry


def _entry_to_decide(
    rt: Runtime, session: Session, officer: Officer, code: str, entry_id: int
) -> BlacklistEntry:
    office, found = _office_for(session, officer, code, rt.today())
    entry = session.get(BlacklistEntry, entry_id)
    if not found.decides or entry is None or entry.office_id != office.id:
        raise NotFound("no such blacklist entry", "blacklist_entry_not_found")
    return entry


def _guarded(
    session: Session, entry: BlacklistEntry, expected: str, values: dict[str, Any]
) -> None:
    """Only from the status read: a second decision made meanwhile matches nothing."""
    result = session.execute(
        update(BlacklistEntry)
        .where(BlacklistEntry.id == entry.id, BlacklistEntry.status == expected)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise InvalidInput("this entry was changed meanwhile", "blacklist_decided")
    session.refresh(entry)


def _audit(rt: Runtime, session: Session, officer: Officer, action: str,
           entry: BlacklistEntry, **extra: str) -> None:  # fmt: skip
    # The entry's row keeps the contact for the officers who need it. The trail, and the log
    # line it becomes, name only the entry: even masked, a contact beside the case it came from
    # would tie the two together in the log.
    detail: dict[str, Any] = {"entry": entry.id, "contact_kind": entry.contact_kind, **extra}
    office = session.get_one(Office, entry.office_id)
    record(rt, session, action, officer, target=f"office:{office.code}", **detail)


@cache
def _live_entry_statement() -> Select[BlacklistEntry]:
    """Built once: every lodging reads it, for each of the complainant's contacts."""
    return (
        select(BlacklistEntry)
        .where(
            BlacklistEntry.office_id == bindparam("office_id", type_=Integer),
            BlacklistEntry.contact_kind == bindparam("kind", type_=String),
            BlacklistEntry.contact == bindparam("value", type_=String),
            BlacklistEntry.status.in_(LIVE),
        )
        .limit(1)
    )


def _live_entry(session: Session, office_id: int, kind: str, value: str) -> BlacklistEntry | None:
    values = {"office_id": office_id, "kind": kind, "value": value}
    return session.scalar(_live_entry_statement(), values)


def _case_contacts(case: Case) -> list[tuple[str, str]]:
    found = []
    if case.complainant_mobile:
        found.append(("mobile", case.complainant_mobile))
    if case.complainant_email:
        found.append(("email", case.complainant_email.strip().lower()))
    return found


def proposable_contacts(session: Session, case: Case) -> list[str]:
    """The complainant's contacts with no proposal waiting and no blacklisting in force at the
    case's office: what a case page offers its GRO to propose."""
    return [
        value
        for kind, value in _case_contacts(case)
        if _live_entry(session, case.office_id, kind, value) is None
    ]


def active_entry_for(session: Session, case: Case) -> BlacklistEntry | None:
    """The office's blacklisting in force for the complainant's mobile number or e-mail."""
    for kind, value in _case_contacts(case):
        entry = _live_entry(session, case.office_id, kind, value)
        if entry is not None and entry.status == "active":
            return entry
    return None


def flag_if_blacklisted(session: Session, case: Case, at: datetime) -> Event | None:
    """Mark a newly lodged case whose complainant the office has blacklisted: the mark and its
    history entry are for officers only; the complaint goes on exactly as any other.

    Stored at lodging, not looked up when the case is read: it records what was known when the
    complaint came in, so lifting a blacklisting later does not rewrite the marks it made, and a
    blacklisting approved later does not mark complaints lodged before it."""
    entry = active_entry_for(session, case)
    if entry is None:
        return None
    change = Change("blacklist_flag", {"blacklist_entry_id": entry.id},
                    data={"entry": entry.id}, citizen_visible=False)  # fmt: skip
    return apply_change(session, case, change, SYSTEM, at)
