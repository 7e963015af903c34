"""Officer accounts: logging in (throttled per account and address), logging out, passwords,
enabling and disabling, and which post stands in for which.

A login that is not known to have succeeded leaves a row in `login_attempts`, keyed by the
username and a hash of the client's address. After five failures from one address, each try
from there waits twice as long as the one before (a minute, two, four, up to an hour), whatever
the password; other addresses keep their own count, so a stranger cannot lock an officer out.
A success clears that address's count. Logging out, a password change and disabling the account
bump the officer's session version, which voids every session of that officer at once.
"""

from __future__ import annotations

import logging
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

log = logging.getLogger("grs.security")

# Failures from one address for one account: the first few are free, then each further one
# doubles the wait before the next try, up to an hour. A stranger who hammers an account from
# elsewhere slows only himself: the officer's own address keeps its own count.
FREE_FAILURES = 5
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=1)
WINDOW = timedelta(hours=1)  # failures older than this are forgotten
UNDER_ATTACK = 10  # failures on one account within the window: shown to administrators
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


def log_in(rt: Runtime, username: str, password: str, address: str = "") -> LoginResult:
    """`address` is a keyed hash of the client's address, never the address itself."""
    username = username.strip()[:USERNAME_LIMIT]
    with rt.db.write() as session:
        officer = _officer_for_update(session, username)
        if _throttled(session, username, address, rt.now()):
            session.add(
                LoginAttempt(username=username, address=address, at=rt.now(), throttled=True)
            )
            _warn_when_attacked(session, username, rt.now())
            record(rt, session, "login_throttled", officer, username=username)
            return LoginResult("throttled")
        session.add(LoginAttempt(username=username, address=address, at=rt.now()))
        _warn_when_attacked(session, username, rt.now())
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
        session.execute(
            delete(LoginAttempt).where(
                LoginAttempt.username == username, LoginAttempt.address == address
            )
        )
        record(rt, session, "login", officer)
        return LoginResult("ok", officer)


def _officer_for_update(session: Session, username: str) -> Officer | None:
    # The row lock makes concurrent attempts on PostgreSQL count one after another.
    query = select(Officer).where(Officer.username == username).with_for_update()
    return session.scalar(query)


def wait_after(failures: int) -> timedelta:
    """How long after the last failure the next try from the same address must wait."""
    if failures < FREE_FAILURES:
        return timedelta()
    doublings = min(failures - FREE_FAILURES, 12)  # 2**12 minutes is past the longest anyway
    return min(FIRST_DELAY * (1 << doublings), LONGEST_DELAY)


def _throttled(session: Session, username: str, address: str, now: datetime) -> bool:
    session.execute(delete(LoginAttempt).where(LoginAttempt.at <= now - WINDOW))
    query = select(func.count(LoginAttempt.id), func.max(LoginAttempt.at)).where(
        LoginAttempt.username == username,
        LoginAttempt.address == address,
        LoginAttempt.throttled.is_(False),
    )
    failures, last = session.execute(query).one()
    return bool(last is not None and now - last < wait_after(int(failures)))


def _warn_when_attacked(session: Session, username: str, now: datetime) -> None:
    query = select(func.count(LoginAttempt.id)).where(
        LoginAttempt.username == username, LoginAttempt.at > now - WINDOW
    )
    if session.scalar(query) == UNDER_ATTACK:  # once, as the count reaches the mark
        log.warning("account %r: %d failed logins within an hour", username, UNDER_ATTACK)


@dataclass(frozen=True)
class AttackedAccount:
    username: str
    failures: int
    addresses: int
    last: datetime


def accounts_under_attack(session: Session, now: datetime) -> list[AttackedAccount]:
    """Accounts with many failed logins within the window, most failures first."""
    query = (
        select(
            LoginAttempt.username,
            func.count(LoginAttempt.id),
            func.count(func.distinct(LoginAttempt.address)),
            func.max(LoginAttempt.at),
        )
        .where(LoginAttempt.at > now - WINDOW)
        .group_by(LoginAttempt.username)
        .having(func.count(LoginAttempt.id) >= UNDER_ATTACK)
        .order_by(func.count(LoginAttempt.id).desc(), LoginAttempt.username)
    )
    return [AttackedAccount(*row) for row in session.execute(query)]


def _bump(officer: Officer) -> None:
    officer.session_version = officer.session_version + 1


def log_out(rt: Runtime, officer_id: int) -> None:
    """End every session of the officer, on every device."""
    with rt.db.write() as session:
        officer = session.get_one(Officer, officer_id)
        _bump(officer)
        record(rt, session, "logout", officer)


def change_password(
    rt: Runtime, officer_id: int, current: str, new: str, address: str = ""
) -> None:
    """Set a new password after checking the current one; every session ends. Wrong current
    passwords count against the account's login attempts, so a left-open session cannot be used
    to guess it."""
    problem = password_problem(new)
    if problem or len(new) > PASSWORD_LIMIT:
        raise InvalidInput(problem or "too long", "weak_password", field="new_password")
    with rt.db.write() as session:
        officer = session.get_one(Officer, officer_id)
        throttled = _throttled(session, officer.username, address, rt.now())
        if throttled:
            record(rt, session, "password_change_throttled", officer)
        stored, username = officer.password_hash, officer.username
    if throttled:
        raise ActionRefused("too many wrong passwords; wait a minute", "throttled")
    if not verify_password(stored, current[:PASSWORD_LIMIT]):
        with rt.db.write() as session:
            session.add(LoginAttempt(username=username, address=address, at=rt.now()))
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
