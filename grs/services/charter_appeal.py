"""The appeal officer a charter's grievance table names, found among the posts GRS knows.

A charter names the appeal officer by designation and contact, sometimes with the website of
the office they sit in. That post is recorded for the office (as the administrators' appeal
officer page does) when it is found: in the office whose website the entry gives (a post whose
contact has the same phone or e-mail, else one of that title, else that office's GRO), or,
without a website, the one post of any office whose contact has the phone or e-mail, or a post
of the same office with that title. Where it is simply the GRO of the office above, the default,
nothing is recorded; where it is not found, nothing is recorded and the report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.bangla import ascii_digits
from grs.charters.parse import Contact
from grs.db.models import Office, OfficeAppealOfficer, Post
from grs.services import organisation as org
from grs.services.organisation import find_office
from grs.workflow.ladder import LadderError, gro_above

# A charter's superior officers are kept as posts only to be shown with their services; they
# hold no tier, so an appeal officer is never one of them (nor the cell, a tier of its own).
MAY_HEAR = Post.kind.not_in(("superior", "cell"))
_WEBSITE = re.compile(r"(?:https?://)?((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.gov\.bd)", re.I)


@dataclass(frozen=True)
class AppealOfficerOutcome:
    """What the import did with the named appeal officer."""

    status: str  # recorded | unchanged | default | not_found
    named: str  # the charter's entry as written
    post_title: str = ""
    office_code: str = ""
    office_name: str = ""

    def to_json(self) -> dict[str, str]:
        return {"status": self.status, "named": self.named, "post": self.post_title,
                "office": self.office_code}  # fmt: skip


def record_named_appeal_officer(
    session: Session, office: Office, contact: Contact
) -> AppealOfficerOutcome:
    post = _find_post(session, office, contact)
    if post is None or (post.office_id == office.id and post.kind == "gro"):
        return AppealOfficerOutcome("not_found", contact.raw)
    found = _outcome(post, contact)
    if _is_default(session, office, post):
        return AppealOfficerOutcome("default", **found)
    current = session.scalar(
        select(OfficeAppealOfficer.post_id).where(OfficeAppealOfficer.office_id == office.id)
    )
    if current == post.id:
        return AppealOfficerOutcome("unchanged", **found)
    org.set_appeal_officer(session, office, post)
    return AppealOfficerOutcome("recorded", **found)


def _outcome(post: Post, contact: Contact) -> dict[str, str]:
    return {"named": contact.raw, "post_title": post.title_bn, "office_code": post.office.code,
            "office_name": post.office.name_bn}  # fmt: skip


def _is_default(session: Session, office: Office, post: Post) -> bool:
    try:
        return gro_above(session, office, 1).id == post.id
    except LadderError:
        return False


def _find_post(session: Session, office: Office, contact: Contact) -> Post | None:
    site = _website(contact.raw)
    if site is not None:
        target = find_office(session, site)
        if target is None or target.kind == "cell":
            return None
        posts = list(session.scalars(select(Post).where(Post.office_id == target.id, MAY_HEAR)))
        return _reached_by(posts, contact) or _titled(posts, contact) or _gro_of(posts)
    everywhere = session.scalars(
        select(Post)
        .join(Office, Post.office_id == Office.id)
        .where(Office.kind != "cell", MAY_HEAR)
    ).all()
    same_office = [p for p in everywhere if p.office_id == office.id]
    return _reached_by(list(everywhere), contact) or _titled(same_office, contact)


def _website(raw: str) -> str | None:
    """The office code a website gives: its host without "www." (as the importer codes them)."""
    match = _WEBSITE.search(raw or "")
    return match.group(1).lower().removeprefix("www.") if match else None


def _compact(text: str) -> str:
    return re.sub(r"[\s\-]", "", ascii_digits(text or "")).lower()


def _only(posts: list[Post]) -> Post | None:
    """The one post found; several are ambiguous, and a guess would send appeals astray."""
    return posts[0] if len({p.id for p in posts}) == 1 else None


def _reached_by(posts: list[Post], contact: Contact) -> Post | None:
    keys = [_compact(k) for k in (contact.phone, contact.email) if k]
    if not keys:
        return None
    return _only([p for p in posts if any(k in _compact(p.contact) for k in keys)])


def _titled(posts: list[Post], contact: Contact) -> Post | None:
    title = " ".join((contact.designation or "").split())
    if not title:
        return None
    return _only([p for p in posts if " ".join(p.title_bn.split()) == title])


def _gro_of(posts: list[Post]) -> Post | None:
    return next((p for p in posts if p.kind == "gro"), None)
