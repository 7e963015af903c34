"""Administrative changes to offices and officers: the web's administration pages and the command
line make them through these, each checked, made and audited in one transaction of its own, so a
refused change leaves neither the change nor its audit entry behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from grs.db.models import Absence, Office, Officer, Post, Service
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services import accounts
from grs.services import organisation as org
from grs.services.audit import Author, record_change
from grs.services.charter_versions import record_version

# The GRO, alternate GRO and cell posts come with the office; only service posts are added.
POST_KINDS = ("service_officer", "appeal_officer")
LOGGED_LIMIT = 100  # characters of each submitted value kept in the audit detail


def _logged(**values: object) -> dict[str, str]:
    return {name: str(value)[:LOGGED_LIMIT] for name, value in values.items()}


def save_office(rt: Runtime, author: Author, item: org.OfficeInput) -> Office:
    """Create or update an office (with its ladder posts)."""
    with rt.db.write() as session:
        office = org.upsert_office(session, item)
        record_change(
            rt, session, author, "office_saved", f"office:{item.code}", parent=item.parent_code
        )
        return office


def save_post(
    rt: Runtime,
    author: Author,
    office_code: str,
    post_code: str,
    kind: str,
    title_bn: str,
    title_en: str = "",
) -> Post:
    if not post_code or not title_bn or kind not in POST_KINDS:
        raise InvalidInput("code, kind and Bangla title", "required")
    with rt.db.write() as session:
        office = org.office_by_code(session, office_code)
        post = org.ensure_post(session, office, post_code, kind, title_bn, title_en)
        form = _logged(post_code=post_code, kind=kind, title_bn=title_bn, title_en=title_en)
        record_change(rt, session, author, "post_saved", f"office:{office_code}", form=form)
        return post


def assign_holder(
    rt: Runtime, author: Author, office_code: str, post_code: str, username: str
) -> None:
    """Make the officer `username` the holder of the post; an empty username leaves it vacant."""
    with rt.db.write() as session:
        holder = org.officer_by_username(session, username) if username else None
        org.assign_post(session, holder, org.post_by_code(session, office_code, post_code))
        form = _logged(username=username)
        record_change(rt, session, author, "holder_assigned", f"office:{office_code}", form=form)


def set_alternate(
    rt: Runtime, author: Author, office_code: str, post_code: str, alternate_code: str
) -> None:
    """Name the post that stands in for another of the same office; empty names none."""
    with rt.db.write() as session:
        post = org.post_by_code(session, office_code, post_code)
        alternate = (
            org.post_by_code(session, office_code, alternate_code) if alternate_code else None
        )
        accounts.set_alternate(session, post, alternate)
        form = _logged(alternate=alternate_code)
        record_change(rt, session, author, "alternate_set", f"office:{office_code}", form=form)


def set_appeal_officer(
    rt: Runtime, author: Author, office_code: str, post_office_code: str, post_code: str
) -> None:
    """Name the post that hears `office_code`'s appeals; an empty post code restores the
    default (the GRO of the office above)."""
    with rt.db.write() as session:
        office = org.office_by_code(session, office_code)
        post = org.post_by_code(session, post_office_code, post_code) if post_code else None
        org.set_appeal_officer(session, office, post)
        form = _logged(post_office=post_office_code if post_code else "", post=post_code)
        record_change(rt, session, author, "appeal_officer_set", f"office:{office_code}", form=form)


def set_tier_duration(rt: Runtime, author: Author, office_code: str, tier: int, days: int) -> None:
    """The office's own time limit for a tier, in working days."""
    with rt.db.write() as session:
        org.set_tier_duration(
            session, rt.workflow, org.office_by_code(session, office_code), tier, days
        )
        form = _logged(tier=tier, days=days)
        record_change(rt, session, author, "tier_duration_set", f"office:{office_code}", form=form)


@dataclass(frozen=True)
class ServiceInput:
    office_code: str
    category: str
    number: int
    name: str
    time_limit_days: int | None  # None: "as needed"
    post_code: str = ""  # the responsible post; empty for none
    new_post_title: str | None = None  # given: the responsible post is created when missing
    # The charter's other columns; None leaves a stored value as it is.
    delivery_method: str | None = None
    documents: str | None = None
    fee: str | None = None
    time_limit_text: str | None = None

    def details(self) -> dict[str, str]:
        names = ("delivery_method", "documents", "fee", "time_limit_text")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}


def save_service(rt: Runtime, author: Author, item: ServiceInput) -> Service:
    """Create or update a service of an office's charter."""
    if not item.name or item.number < 1:
        raise InvalidInput("a service needs a number and a name", "required")
    with rt.db.write() as session:
        office = org.office_by_code(session, item.office_code)
        responsible = _responsible_post(session, office, item)
        service = org.add_service(
            session,
            office,
            item.category,
            item.number,
            item.name,
            item.time_limit_days,
            responsible,
            **item.details(),
        )
        form = _logged(
            category=item.category,
            number=item.number,
            name=item.name,
            time_limit_days=item.time_limit_days,
            responsible_post=item.post_code,
        )
        record_change(rt, session, author, "service_saved", f"office:{item.office_code}", form=form)
        name = author if isinstance(author, str) else author.username
        record_version(session, rt.workflow, office, name, rt.now())
        return service


def _responsible_post(session: Session, office: Office, item: ServiceInput) -> Post | None:
    if not item.post_code:
        return None
    if item.new_post_title is None:
        return org.post_by_code(session, office.code, item.post_code)
    title = item.new_post_title or item.post_code
    return org.ensure_post(session, office, item.post_code, "service_officer", title)


@dataclass(frozen=True)
class NewOfficer:
    username: str
    name: str
    password: str
    is_admin: bool = False
    email: str = ""
    phone: str = ""
    language: str = "bn"  # of the messages GRS sends them


def create_officer(rt: Runtime, author: Author, item: NewOfficer) -> Officer:
    """A new officer account; the audit entry never holds the password."""
    with rt.db.write() as session:
        officer = org.add_officer(
            session,
            item.username,
            item.name,
            item.password,
            is_admin=item.is_admin,
            email=item.email,
            phone=item.phone,
        )
        if item.language not in ("bn", "en"):
            raise InvalidInput("language is bn or en", "invalid_choice", field="language")
        officer.language = item.language
        record_change(
            rt, session, author, "officer_created", f"officer:{item.username}", admin=item.is_admin
        )
        return officer


def set_active(rt: Runtime, author: Author, username: str, active: bool) -> None:
    """Enable or disable an account; disabling ends its sessions. Nobody disables their own:
    the last administrator could lock everyone out."""
    if not active and isinstance(author, Officer) and author.username == username:
        raise InvalidInput("you cannot disable your own account", "own_account")
    with rt.db.write() as session:
        accounts.set_active(session, org.officer_by_username(session, username), active)
        action = "officer_enabled" if active else "officer_disabled"
        record_change(rt, session, author, action, f"officer:{username}")


def add_absence(
    rt: Runtime, author: Author, username: str, starts_on: date, ends_on: date, reason: str
) -> Absence:
    """The officer is away: the alternate acts for their posts meanwhile."""
    with rt.db.write() as session:
        officer = org.officer_by_username(session, username)
        absence = org.add_absence(session, officer, starts_on, ends_on, reason)
        record_change(
            rt,
            session,
            author,
            "absence_added",
            f"officer:{username}",
            starts_on=str(starts_on),
            ends_on=str(ends_on),
        )
        return absence


def end_absence(
    rt: Runtime, author: Author, username: str, absence_id: int, delete: bool = False
) -> str:
    """End an absence early (it stops yesterday, and the officer acts again today), or delete
    it; one that has not begun yet is deleted either way. Returns what was done."""
    with rt.db.write() as session:
        officer = org.officer_by_username(session, username)
        absence = session.get(Absence, absence_id)
        if absence is None or absence.officer_id != officer.id:
            raise NotFound(f"no absence {absence_id} of {username}", "absence_not_found")
        yesterday = rt.today() - timedelta(days=1)
        if delete or absence.starts_on > yesterday:
            session.delete(absence)
            done = "absence_deleted"
        else:
            absence.ends_on = min(absence.ends_on, yesterday)
            done = "absence_ended"
        record_change(rt, session, author, done, f"officer:{username}", absence=absence_id)
    return done
