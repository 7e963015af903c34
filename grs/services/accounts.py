"""Officer accounts: logging in (throttled per account), logging out, passwords, enabling and
disabling, and which post stands in for which.

A login that is not known to have succeeded leaves a row in `login_attempts`; five of them within
a minute for one username refuse the next attempt, whatever the password, until the minute has
passed. A success clears them. Logging out, a password change and disabling the account bump the
officer's session version, which voids every session of that officer at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from grs.db.models import LoginAttempt, Officer, Post
from grs.errors import ActionRefused, InvalidInput
from grs.passwords import hash_password, password_problem, verify_password
from grs.processes.runtime import Runtime
from grs.services.audit import record

ATTEMPTS_PER_MINUTE = 5
WINDOW = timedelta(minutes=1)
USERNAME_LIMIT = 80
PASSWORD_LIMIT = 1_000  # Argon2 would hash megabytes; nobody types that much


@dataclass(frozen=True)
class LoginResult:
    status: str  # ok | failed | throttled | disabled
    officer: Officer | None = None  # set when ok: the officer as they were on logging in


@cache
def _decoy_hash() -> str:
    """Verified against when the username does not exist, so both answers take as long."""
    return hash_password("no account has this password")


def log_in(rt: Runtime, username: str, password: str) -> LoginResult:
    username = username.strip()[:USERNAME_LIMIT]
    with rt.db.write() as session:
        officer = _officer_for_update(session, username)
        if _recent_attempts(session, username, rt.now()) >= ATTEMPTS_PER_MINUTE:
            record(rt, session, "login_throttled", officer, username=username)
            return LoginResult("throttled")
        session.add(LoginAttempt(username=username, at=rt.now()))
        stored = officer.password_hash if officer else _decoy_hash()
    # Argon2 is slow on purpose: verify outside the transaction, which holds SQLite's write lock.
    matches = verify_password(stored, password[:PASSWORD_LIMIT]) and officer is not None
    with rt.db.write() as session:
        officer = _officer_for_update(session, username)
        if not matches or officer is None:
            record(rt, session, "login_failed", officer, username=username)
            return LoginResult("failed")
        if not officer.active:
            record(rt, session, "login_refused_disabled", officer)
            return LoginResult("disabled")
        session.execute(delete(LoginAttempt).where(LoginAttempt.username == username))
        record(rt, session, "login", officer)
        return LoginResult("ok", officer)


def _officer_for_update(session: Session, username: str) -> Officer | None:
    # The row lock makes concurrent attempts on PostgreSQL count one after another.
    query = select(Officer).where(Officer.username == username).with_for_update()
    return session.scalar(query)


def _recent_attempts(session: Session, username: str, now: datetime) -> int:
    session.execute(delete(LoginAttempt).where(LoginAttempt.at <= now - WINDOW))
    query = select(func.count(LoginAttempt.id)).where(
        LoginAttempt.username == username, LoginAttempt.at > now - WINDOW
    )
    return int(session.scalar(query) or 0)


def _bump(officer: Officer) -> None:
    officer.session_version = officer.session_version + 1


def log_out(rt: Runtime, officer_id: int) -> None:
    """End every session of the officer, on every device."""
    with rt.db.write() as session:
        officer = session.get_one(Officer, officer_id)
        _bump(officer)
        record(rt, session, "logout", officer)


def change_password(rt: Runtime, officer_id: int, current: str, new: str) -> None:
    """Set a new password after checking the current one; every session ends. Wrong current
    passwords count against the account's login attempts, so a left-open session cannot be used
    to guess it."""
    problem = password_problem(new)
    if problem or len(new) > PASSWORD_LIMIT:
        raise InvalidInput(problem or "too long", "weak_password", field="new_password")
    with rt.db.write() as session:
        officer = session.get_one(Officer, officer_id)
        throttled = _recent_attempts(session, officer.username, rt.now()) >= ATTEMPTS_PER_MINUTE
        if throttled:
            record(rt, session, "password_change_throttled", officer)
        stored, username = officer.password_hash, officer.username
    if throttled:
        raise ActionRefused("too many wrong passwords; wait a minute", "throttled")
    if not verify_password(stored, current[:PASSWORD_LIMIT]):
        with rt.db.write() as session:
            session.add(LoginAttempt(username=username, at=rt.now()))
            record(rt, session, "password_change_refused", session.get(Officer, officer_id))
        raise InvalidInput("the current password is wrong", "wrong_password", field="current")
    new_hash = hash_password(new)
    with rt.db.write() as session:
        officer = session.get_one(Officer, officer_id)
        officer.password_hash = new_hash
        _bump(officer)
        record(rt, session, "password_changed", officer)


def set_active(session: Session, officer: Officer, active: bool) -> None:
    """Enable or disable an account; disabling ends its sessions at once."""
    officer.active = active
    if not active:
        _bump(officer)
    session.flush()


def set_alternate(session: Session, post: Post, alternate: Post | None) -> None:
    """Name the post whose holder acts for `post` while its holder is away (same office)."""
    if alternate is not None and (alternate.office_id != post.office_id or alternate.id == post.id):
        raise InvalidInput("the alternate is another post of the same office", "bad_alternate")
    post.alternate_post_id = alternate.id if alternate else None
    session.flush()


def session_officer(session: Session, officer_id: int, session_version: int) -> Officer | None:
    """The officer a web session belongs to, or None once that session is void: the account
    is gone or disabled, or its sessions were ended since (the version moved on)."""
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active or officer.session_version != session_version:
        return None
    return officer
