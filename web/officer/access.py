"""Checks that run before every view of the officers' side, so no route can forget them.

Every request: an expired session is logged out. Every officer route but the login page: a
signed-in, active officer with a current session version. Every administration route: an
administrator as well. A refusal is written to the audit trail.
"""

from __future__ import annotations

from typing import NoReturn
from urllib.parse import unquote, urlsplit

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from grs.db.models import Officer
from grs.services import audit
from web.auth import session_expired
from web.context import runtime
from web.officer.blueprints import admin_bp, bp

PUBLIC_ENDPOINTS = frozenset({"officer.login"})


def me() -> Officer:
    officer: Officer = current_user.officer
    return officer


@bp.before_app_request
def _session_limits() -> None:
    if session_expired():
        flash(_("Your session has ended. Please log in again."), "error")


@bp.before_request
def _officers_only() -> Response | None:
    if request.endpoint in PUBLIC_ENDPOINTS or current_user.is_authenticated:
        return None
    return unauthorized()


@admin_bp.before_request
def _administrators_only() -> Response | None:
    if not current_user.is_authenticated:
        return unauthorized()
    if not current_user.is_admin:
        refuse(403, "not_admin")
    return None


def unauthorized() -> Response:
    """To the login page; a page that was asked for by GET is opened again after it."""
    wanted = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("officer.login", next=wanted))


def refuse(status: int, reason: str, target: str | None = None) -> NoReturn:
    """Record a refusal and answer with `status` (404 for anything outside the officer's reach:
    the answer must not tell whether it exists)."""
    audit.record_now(runtime(), "refused", me(), target=target or request.path, reason=reason)
    abort(status)


def safe_next(target: str | None) -> str | None:
    """A path on this site to go back to after logging in; anything else is ignored.

    Browsers drop tabs and newlines and read a backslash as a slash, so `/%09/evil.example/`
    or `/\\evil.example` would leave the site: the path is checked after decoding, and
    only printable characters without a backslash pass."""
    if not target or len(target) > 2000:
        return None
    decoded = unquote(target)
    for text in (target, decoded):
        if any(ch == "\\" or not ch.isprintable() for ch in text):
            return None
        if not text.startswith("/") or text.startswith("//"):
            return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
