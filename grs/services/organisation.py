"""Offices, posts, officers, absences and services: the ladder's people and places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple

from sqlalchemy import Select, String, bindparam, select
from sqlalchemy.orm import Session

from grs.db.models import (
    Absence,
    Case,
    Office,
    OfficeAppealOfficer,
    Officer,
    OfficeTierDuration,
    Post,
    Revision,
    Service,
)
from grs.errors import InvalidInput, NotFound
from grs.passwords import hash_password, password_problem
from grs.reviews.items import ALTERNATE_FOCAL_POST, FOCAL_POST
from grs.workflow.definition import Workflow


@dataclass(frozen=True)
class OfficeInput:
    code: str
    name_bn: str
    name_en: str = ""
    parent_code: str | None = None
    kind: str = "office"  # office | cell
    address: str = ""
    website: str = ""


@cache
def _office_by_code() -> Select[Office]:
    return select(Office).where(Office.code == bindparam("code", type_=String))


def find_office(session: Session, code: str) -> Office | None:
    """The office of `code`, if there is one. Its statement is built once: every lodging and
    every lodging form reads it."""
    return session.scalar(_office_by_code(), {"code": code})


def office_by_code(session: Session, code: str) -> Office:
    office = find_office(session, code)
    if office is None:
        raise NotFound(f"no office {code!r}", "office_not_found", field="office")
    return office


def upsert_office(session: Session, item: OfficeInput) -> Office:
    """Create the office with its GRO and alternate GRO posts (the cell gets one cell post), or
    update its names, and its place in the hierarchy when a parent is given."""
    if not item.code.strip() or not item.name_bn.strip():
        raise InvalidInput("an office needs a code and a Bangla name", "required", field="code")
    if item.kind not in ("office", "cell"):
        raise InvalidInput("kind is office or cell", "invalid_choice", field="kind")
    parent = office_by_code(session, item.parent_code) if item.parent_code else None
    _check_not_below_itself(parent, item.code)
    office = find_office(session, item.code)
    if office is None:
        office = Office(code=item.code, kind=item.kind)
        session.add(office)
    office.name_bn, office.name_en = item.name_bn, item.name_en
    if parent is not None:  # no parent given: an existing office keeps its place
        office.parent_id = parent.id
    office.address, office.website = item.address, item.website
    session.flush()
    _ensure_ladder_posts(session, office)
    return office


def _check_not_below_itself(parent: Office | None, code: str) -> None:
    """An office cannot sit under itself or under an office below it: the ladder would loop."""
    while parent is not None:
        if parent.code == code:
            raise InvalidInput("an office cannot be below itself", "hierarchy_loop", field="parent")
        parent = parent.parent


def _ensure_ladder_posts(session: Session, office: Office) -> None:
    if office.kind == "cell":
        ensure_post(session, office, "cell", "cell", "অভিযোগ ব্যবস্থাপনা সেল", "Grievance cell")
        return
    gro = ensure_post(
        session,
        office,
        "gro",
        "gro",
        "অভিযোগ নিষ্পত্তি কর্মকর্তা (অনিক)",
        "Grievance redress officer",
    )
    alternate = ensure_post(
        session,
        office,
        "alternate_gro",
        "alternate_gro",
        "বিকল্প অভিযোগ নিষ্পত্তি কর্মকর্তা",
        "Alternate grievance redress officer",
    )
    gro.alternate_post_id = alternate.id
    focal = ensure_post(session, office, FOCAL_POST[0], *FOCAL_POST)
    focal.alternate_post_id = ensure_post(
        session, office, ALTERNATE_FOCAL_POST[0], *ALTERNATE_FOCAL_POST
    ).id


def ensure_post(
    session: Session, office: Office, code: str, kind: str, title_bn: str, title_en: str = ""
) -> Post:
    post = session.scalar(select(Post).where(Post.office_id == office.id, Post.code == code))
    if post is None:
        post = Post(office_id=office.id, code=code, kind=kind, title_bn=title_bn)
        session.add(post)
    post.title_en = title_en or post.title_en
    session.flush()
    return post


def post_by_code(session: Session, office_code: str, post_code: str) -> Post:
    office = office_by_code(session, office_code)
    post = session.scalar(select(Post).where(Post.office_id == office.id, Post.code == post_code))
    if post is None:
        raise NotFound(f"no post {post_code!r} at {office_code}", "post_not_found", field="post")
    return post


def officer_by_username(session: Session, username: str) -> Officer:
    officer = session.scalar(select(Officer).where(Officer.username == username))
    if officer is None:
        raise NotFound(f"no officer {username!r}", "officer_not_found", field="officer")
    return officer


def add_officer(
    session: Session,
    username: str,
    name: str,
    password: str,
    *,
    is_admin: bool = False,
    email: str = "",
    phone: str = "",
    password_hash: str | None = None,
) -> Officer:
    """A new officer account; `password_hash` lets a bulk loader reuse one already computed."""
    if not username.strip() or not name.strip():
        raise InvalidInput("an officer needs a username and a name", "required", field="username")
    if session.scalar(select(Officer.id).where(Officer.username == username)):
        raise InvalidInput(f"username {username!r} is taken", "taken", field="username")
    problem = password_problem(password)
    if problem:
        raise InvalidInput(problem, "weak_password", field="password")
    officer = Officer(
        username=username,
        name=name,
        password_hash=password_hash or hash_password(password),
        is_admin=is_admin,
        email=email,
        phone=phone,
    )
    session.add(officer)
    session.flush()
    return officer


def assign_post(session: Session, officer: Officer | None, post: Post) -> None:
    """Make `officer` the holder of `post` (None leaves it vacant)."""
    post.holder_id = officer.id if officer else None
    session.flush()


def set_appeal_officer(session: Session, office: Office, post: Post | None) -> None:
    """Name `post` (in this office or another) to hear appeals against `office`'s decisions;
    None goes back to the default, the GRO of the office above."""
    if post is not None and post.office.kind == "cell":
        raise InvalidInput("the cell is a tier of its own", "bad_appeal_post", field="post")
    row = session.scalar(
        select(OfficeAppealOfficer).where(OfficeAppealOfficer.office_id == office.id)
    )
    if post is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(OfficeAppealOfficer(office_id=office.id, post_id=post.id))
    else:
        row.post_id = post.id
    session.flush()


def add_absence(
    session: Session, officer: Officer, starts_on: date, ends_on: date, reason: str
) -> Absence:
    if ends_on < starts_on:
        raise InvalidInput("an absence ends after it starts", "bad_range", field="ends_on")
    absence = Absence(officer_id=officer.id, starts_on=starts_on, ends_on=ends_on, reason=reason)
    session.add(absence)
    session.flush()
    return absence


def set_tier_duration(
    session: Session, workflow: Workflow, office: Office, tier: int, days: int
) -> None:
    """An office's own time limit for a tier with a fixed one (the service officer's tier
    follows each service's charter instead)."""
    spec = workflow.tiers.get(tier)
    if spec is None or spec.takes_service_time_limit or not 1 <= days <= 365:
        raise InvalidInput("a tier with a time limit and 1-365 working days", "out_of_range",
                           field="days")  # fmt: skip
    row = session.scalar(
        select(OfficeTierDuration).where(
            OfficeTierDuration.office_id == office.id, OfficeTierDuration.tier == tier
        )
    )
    if row is None:
        session.add(OfficeTierDuration(office_id=office.id, tier=tier, working_days=days))
    else:
        row.working_days = days
    session.flush()


def add_service(
    session: Session,
    office: Office,
    category: str,
    number: int,
    name: str,
    time_limit_days: int | None,
    responsible: Post | None,
    **details: str,
) -> Service:
    if category not in ("citizen", "institutional", "internal"):
        raise InvalidInput("category is citizen, institutional or internal", "invalid_choice")
    service = session.scalar(
        select(Service).where(
            Service.office_id == office.id, Service.category == category, Service.number == number
        )
    )
    if service is None:
        service = Service(office_id=office.id, category=category, number=number)
        session.add(service)
    service.name, service.time_limit_days = name, time_limit_days
    service.responsible_post_id = responsible.id if responsible else None
    for key, value in details.items():
        setattr(service, key, value)
    session.flush()
    return service


class OfficeName(NamedTuple):
    code: str
    name_bn: str
    name_en: str


def forward_targets(session: Session) -> list[OfficeName]:
    """The offices a case can be forwarded to, by name: any but the cell (a case page leaves
    out the case's own). Names only: a case page lists every office, and loading each as an
    object cost more than the rest of the page."""
    query = (
        select(Office.code, Office.name_bn, Office.name_en)
        .where(Office.kind != "cell")
        .order_by(Office.name_bn)
    )
    return [OfficeName(*row) for row in session.execute(query)]


def organisation_revision(session: Session) -> int:
    """A count that moves whenever an office or a post is written (the database's triggers move
    it): what was built from the organisation stays good while it stands still."""
    return int(session.scalar(_revision_statement()) or 0)


@cache
def _revision_statement() -> Select[int]:
    """Built once: a case page reads it whenever it offers the lists."""
    return select(Revision.n).where(Revision.name == "organisation")


def office_handling(session: Session, case_id: int) -> Office:
    """The office a case is at now, to tell an officer where a case went that has left them."""
    office = session.scalar(
        select(Office).join(Case, Case.office_id == Office.id).where(Case.id == case_id)
    )
    if office is None:
        raise NotFound(f"no case {case_id}", "case_not_found")
    return office
