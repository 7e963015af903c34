"""Keys for other systems and officers: Open311 client keys and personal access tokens.

A key is shown once, when it is issued; only its SHA-256 is stored. The keys are long random
strings, so a plain hash (not a slow password hash) is enough and keeps every request cheap.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import ApiClient, ApiToken, Officer
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services.audit import Author, record_change

CLIENT_PREFIX = "grs_c_"
TOKEN_PREFIX = "grs_t_"  # noqa: S105 - a marker, not a secret
# "read": the queue, a case and its allowed actions; "act": taking an action as well.
SCOPES = ("read", "act")
NAME_LIMIT = 100


@dataclass(frozen=True)
class Issued:
    id: int
    name: str
    secret: str  # shown once


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.strip().encode()).hexdigest()


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("a name is needed", "required", field="name")
    if len(name) > NAME_LIMIT or "\x00" in name:
        raise InvalidInput("the name is too long", "too_long", field="name")
    return name


def create_client(rt: Runtime, author: Author, name: str, rate_per_minute: int | None) -> Issued:
    name = _name(name)
    rate = rt.settings.api_client_rate_per_minute if rate_per_minute is None else rate_per_minute
    if not 1 <= rate <= 100_000:
        raise InvalidInput("the rate limit is out of range", "out_of_range", field="rate")
    secret = CLIENT_PREFIX + secrets.token_urlsafe(32)
    with rt.db.write() as session:
        if session.scalar(select(ApiClient.id).where(ApiClient.name == name)):
            raise InvalidInput("a client of that name exists", "duplicate", field="name")
        client = ApiClient(
            name=name,
            key_hash=hash_secret(secret),
            rate_per_minute=rate,
            created_at=rt.now(),
            created_by=author.username if isinstance(author, Officer) else author,
        )
        session.add(client)
        session.flush()
        record_change(rt, session, author, "api_client_created", f"api_client:{name}", rate=rate)
        return Issued(client.id, name, secret)


def list_clients(session: Session) -> list[ApiClient]:
    return list(session.scalars(select(ApiClient).order_by(ApiClient.name)))


def revoke_client(rt: Runtime, author: Author, name: str) -> None:
    name = _name(name)
    with rt.db.write() as session:
        client = session.scalar(select(ApiClient).where(ApiClient.name == name))
        if client is None:
            raise NotFound(f"no API client {name!r}", "client_not_found", field="name")
        if client.revoked_at is None:
            client.revoked_at = rt.now()
            record_change(rt, session, author, "api_client_revoked", f"api_client:{name}")


def client_for_key(session: Session, key: str) -> ApiClient | None:
    """The live client whose key this is, or None."""
    if not key.startswith(CLIENT_PREFIX) or len(key) > 200:
        return None
    client = session.scalar(select(ApiClient).where(ApiClient.key_hash == hash_secret(key)))
    return client if client is not None and client.revoked_at is None else None


def create_token(
    rt: Runtime, officer: Officer, name: str, scopes: list[str], days: int | None
) -> Issued:
    name = _name(name)
    wanted = sorted(set(scopes))
    if not wanted or any(scope not in SCOPES for scope in wanted):
        raise InvalidInput("choose the token's scopes", "invalid_choice", field="scopes")
    days = rt.settings.api_token_days if days is None else days
    if not 1 <= days <= rt.settings.api_token_max_days:
        raise InvalidInput("the lifetime is out of range", "out_of_range", field="days")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = rt.now()
    with rt.db.write() as session:
        token = ApiToken(
            officer_id=officer.id,
            name=name,
            token_hash=hash_secret(secret),
            scopes=" ".join(wanted),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        session.add(token)
        session.flush()
        record_change(
            rt, session, officer, "api_token_created", f"api_token:{token.id}", scopes=wanted
        )
        return Issued(token.id, name, secret)


def list_tokens(session: Session, officer: Officer) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.officer_id == officer.id).order_by(ApiToken.id)
    return list(session.scalars(query))


def revoke_token(rt: Runtime, officer: Officer, token_id: int) -> None:
    """Revoke one of the officer's own tokens; another officer's token does not exist here."""
    with rt.db.write() as session:
        token = session.get(ApiToken, token_id)
        if token is None or token.officer_id != officer.id:
            raise NotFound("no such token", "token_not_found")
        if token.revoked_at is None:
            token.revoked_at = rt.now()
            record_change(rt, session, officer, "api_token_revoked", f"api_token:{token.id}")


def token_for_secret(session: Session, secret: str, now: datetime) -> ApiToken | None:
    """The live token (not revoked, not expired, its officer active), or None."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(secret)))
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    return token if token.officer.active else None
