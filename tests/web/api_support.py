"""Helpers for the JSON API's tests: tokens issued straight through the service."""

from __future__ import annotations

from grs.services import api_keys


def bearer(rt, ladder, username: str, scopes=("read", "act"), days: int | None = None) -> dict:
    issued = api_keys.create_token(rt, ladder.officers[username], "test", list(scopes), days)
    return {"Authorization": f"Bearer {issued.secret}"}
