"""Who calls the officers' part of the API: a personal access token with the scope needed."""

from __future__ import annotations

from flask import abort, request
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from grs.db.models import ApiToken, Officer
from grs.services import audit
from grs.services.api_keys import token_for_secret
from web.context import db_session, runtime
from web.throttle import throttle_token


def token_officer(scope: str) -> Officer:
    """The officer whose live token the request carries; 401 without one, 403 without
    `scope`. Each token is throttled at its own rate, a bad one by the caller's address."""
    header = request.headers.get("Authorization", "")
    kind, _, secret = header.partition(" ")
    token: ApiToken | None = None
    if kind.lower() == "bearer" and secret.strip():
        token = token_for_secret(db_session(), secret.strip(), runtime().now())
    throttle_token(token)
    if token is None:
        raise Unauthorized("a valid personal access token is needed", www_authenticate=_challenge())
    if scope not in token.scopes.split():
        audit.record_now(runtime(), "refused", token.officer, target=request.path, reason=scope)
        abort(403, f"this token lacks the {scope!r} scope")
    return token.officer


def _challenge() -> WWWAuthenticate:
    return WWWAuthenticate("bearer", {"realm": "grs"})
