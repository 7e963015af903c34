"""The officer behind a web session, and how a session is kept honest.

The id given to Flask-Login is "officer id:session version". Logging out, changing the password
or being disabled bumps the version in the database, so every session still carrying the old
value, on any device, loads no user and is logged out on its next request.

A session also ends after 30 minutes without a request and 12 hours after logging in; both are
measured with the GRS clock, which tests can move.
"""

from __future__ import annotations

from datetime import timedelta

from flask import session
from flask_login import UserMixin, logout_user

from grs.db.models import Officer
from grs.services.accounts import session_officer
from web.context import db_session, runtime

IDLE_LIMIT = timedelta(minutes=30)
ABSOLUTE_LIMIT = timedelta(hours=12)
LOGIN_AT = "grs_login_at"
SEEN_AT = "grs_seen_at"


class OfficerUser(UserMixin):  # type: ignore[misc]  # Flask-Login is untyped: a base of Any
    def __init__(self, officer: Officer) -> None:
        self.officer = officer

    def get_id(self) -> str:
        return f"{self.officer.id}:{self.officer.session_version}"

    @property
    def is_active(self) -> bool:
        return bool(self.officer.active)

    @property
    def is_admin(self) -> bool:
        return bool(self.officer.is_admin)


def load_user(user_id: str) -> OfficerUser | None:
    """The officer of a session id, or None when the id is stale, malformed or disabled."""
    officer_id, _, version = user_id.partition(":")
    if not (officer_id.isdigit() and version.isdigit()):
        return None
    officer = session_officer(db_session(), int(officer_id), int(version))
    return OfficerUser(officer) if officer is not None else None


def start_session() -> None:
    now = runtime().now().timestamp()
    session[LOGIN_AT] = now
    session[SEEN_AT] = now


def session_expired() -> bool:
    """Check the signed-in session's age on every request; an expired one is logged out."""
    if "_user_id" not in session:
        return False
    now = runtime().now().timestamp()
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not isinstance(login_at, int | float) or not isinstance(seen_at, int | float):
        expired = True
    else:
        idle = now - seen_at > IDLE_LIMIT.total_seconds()
        expired = idle or now - login_at > ABSOLUTE_LIMIT.total_seconds()
    if expired:
        logout_user()
        session.pop(LOGIN_AT, None)
        session.pop(SEEN_AT, None)
        return True
    session[SEEN_AT] = now
    return False
