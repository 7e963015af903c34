"""A citizen's opened case, kept server-side as well as in the session cookie.

The cookie holds a random token and this table its SHA-256, so "close on this device" deletes
the row and any copy of the cookie stops opening the case. The cookie's own 30-minute lifetime
still applies; rows older than a day are removed whenever a case is opened.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from sqlalchemy import Delete, String, bindparam, delete, select
from sqlalchemy.orm import Session

from grs.db.models import CitizenGrant, UtcDateTime
from grs.processes.runtime import Runtime

OLDEST = timedelta(days=1)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_grant(rt: Runtime, case_id: int, replacing: str | None = None) -> str:
    """A new grant for the case; `replacing`, the grant the same cookie held before, ends in
    the same transaction."""
    with rt.db.write() as session:
        return write_grant(rt, session, case_id, replacing)


@cache
def _delete_grant() -> Delete:
    """Built once, as the next: every lodging runs them. No grant is held as an object to be
    kept in step with the deleted rows."""
    token = bindparam("token_hash", type_=String)
    return (
        delete(CitizenGrant)
        .where(CitizenGrant.token_hash == token)
        .execution_options(synchronize_session=False)
    )


@cache
def _delete_expired() -> Delete:
    before = bindparam("before", type_=UtcDateTime())
    return (
        delete(CitizenGrant)
        .where(CitizenGrant.created_at < before)
        .execution_options(synchronize_session=False)
    )


def write_grant(rt: Runtime, session: Session, case_id: int, replacing: str | None) -> str:
    """`open_grant` inside a transaction of the caller's (lodging writes it with the case:
    one commit, not two, and concurrent lodgings wait on each commit)."""
    token = secrets.token_urlsafe(24)
    if replacing is not None:
        session.execute(_delete_grant(), {"token_hash": _hash(replacing)})
    session.execute(_delete_expired(), {"before": rt.now() - OLDEST})
    session.add(CitizenGrant(token_hash=_hash(token), case_id=case_id, created_at=rt.now()))
    return token


def granted(rt: Runtime, token: str, case_id: int) -> bool:
    with rt.db.read_session() as session:
        query = select(CitizenGrant.case_id).where(CitizenGrant.token_hash == _hash(token))
        return session.scalar(query) == case_id


def end_grant(rt: Runtime, token: str) -> None:
    with rt.db.write() as session:
        session.execute(delete(CitizenGrant).where(CitizenGrant.token_hash == _hash(token)))
