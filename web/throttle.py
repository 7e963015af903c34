"""Rate limits per API client and per personal access token, each at its own rate.

The counters live in the limiter's store (`web.rate_limit_storage`), shared by every web
process when that is a shared store. A key that opens nothing is counted by the caller's
(hashed) address at the default client rate, so guessing keys is throttled too."""

from __future__ import annotations

from flask import abort
from limits import RateLimitItemPerMinute

from grs.db.models import ApiToken
from grs.services.api_keys import client_for_key
from web.context import db_session, runtime
from web.extensions import client_key, limiter


def _hit(kind: str, ident: str, per_minute: int) -> None:
    if not limiter.enabled:
        return
    if not limiter.limiter.hit(RateLimitItemPerMinute(per_minute), kind, ident):
        abort(429, "too many requests; wait a minute and try again")


def throttle_client(key: str) -> None:
    client = client_for_key(db_session(), key) if key else None
    if client is None:
        _hit("api-anonymous", client_key(), runtime().settings.api_client_rate_per_minute)
    else:
        _hit("api-client", str(client.id), client.rate_per_minute)


def throttle_token(token: ApiToken | None) -> None:
    if token is None:
        _hit("api-anonymous", client_key(), runtime().settings.api_client_rate_per_minute)
    else:
        _hit("api-token", str(token.id), runtime().settings.api_token_rate_per_minute)
