"""The audit trail: logins, refusals and administrative changes, in a table and in a log.

Every entry goes to the `audit_entries` table and to the `grs.audit` logger. The log line is
written only once the entry's transaction commits, so the two never disagree.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from grs.db.models import AuditEntry, Office, Officer, Post
from grs.privacy import mask_contacts_in
from grs.processes.runtime import Runtime

log = logging.getLogger("grs.audit")
PER_PAGE = 50
# Who makes an administrative change: the officer on the web, a name such as "cli:root" when it
# comes from the command line, where nobody is logged in.
Author = Officer | str


def office_codes(session: Session, officer_id: int | None) -> str:
    """The codes of the offices whose posts the officer holds, comma-separated."""
    if officer_id is None:
        return ""
    codes = session.scalars(
        select(Office.code)
        .join(Post, Post.office_id == Office.id)
        .where(Post.holder_id == officer_id)
        .distinct()
        .order_by(Office.code)
    )
    return ",".join(codes)[:300]


def record(
    rt: Runtime,
    session: Session,
    action: str,
    officer: Officer | None = None,
    *,
    username: str = "",
    target: str = "",
    **detail: Any,
) -> AuditEntry:
    """Add an entry to the caller's transaction; it is logged when that transaction commits."""
    officer_id = officer.id if officer is not None else None
    entry = AuditEntry(
        at=rt.now(),
        officer_id=officer_id,
        username=(officer.username if officer is not None else username)[:80],
        offices=office_codes(session, officer_id),
        action=action,
        target=target[:200],
        detail=detail,
    )
    session.add(entry)
    session.flush()
    event.listen(session, "after_commit", lambda _s: _log(entry), once=True)
    return entry


def record_now(
    rt: Runtime, action: str, officer: Officer | None = None, *, target: str = "", **detail: Any
) -> None:
    """An entry in a transaction of its own: for refusals, whose own work was rolled back."""
    with rt.db.write() as session:
        record(rt, session, action, officer, target=target, **detail)


def record_change(
    rt: Runtime, session: Session, author: Author, action: str, target: str, **detail: Any
) -> AuditEntry:
    """An administrative change's entry, in the change's own transaction."""
    if isinstance(author, Officer):
        return record(rt, session, action, author, target=target, **detail)
    return record(rt, session, action, username=author, target=target, **detail)


def _log(entry: AuditEntry) -> None:
    log.info(
        "%s officer=%s offices=%s action=%s target=%s detail=%s",
        entry.at.isoformat(),
        entry.username or "-",
        entry.offices or "-",
        entry.action,
        entry.target or "-",
        json.dumps(mask_contacts_in(entry.detail), ensure_ascii=False, sort_keys=True, default=str),
    )


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    page: int
    pages: int


def audit_page(session: Session, page: int, action: str = "") -> AuditPage:
    """The newest entries first, optionally of one kind (an action prefix such as "login")."""
    query = select(AuditEntry)
    counting = select(func.count(AuditEntry.id))
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
        counting = counting.where(AuditEntry.action.startswith(action, autoescape=True))
    total = session.scalar(counting) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    rows = session.scalars(
        query.order_by(AuditEntry.id.desc()).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    )
    return AuditPage(list(rows), page, pages)
