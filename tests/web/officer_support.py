"""Helpers for the officers' and administrators' web tests: a clock that moves by minutes, and
logging in through the real form."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from tests.support import PASSWORD, FakeClock

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class MinuteClock(FakeClock):
    """Noon in Dhaka on a settable date, plus minutes that tests move on."""

    def __init__(self, day: str) -> None:
        super().__init__(day)
        self.offset = timedelta()

    def set(self, day: str | date) -> None:
        super().set(day)
        self.offset = timedelta()

    def advance_minutes(self, minutes: float) -> None:
        self.offset += timedelta(minutes=minutes)

    def __call__(self) -> datetime:
        return super().__call__() + self.offset


def token(client, path: str = "/officer/login") -> str:
    """A CSRF token of the client's session, read from a page's form."""
    match = _TOKEN.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, username: str, password: str = PASSWORD, **extra: str):
    data = {"csrf_token": token(client), "username": username, "password": password, **extra}
    return client.post("/officer/login", data=data)


def logged_in(app, username: str):
    client = app.test_client()
    response = login(client, username)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client


def post(client, path: str, data: dict[str, str] | None = None, page: str = "/officer/"):
    """POST a form with the session's CSRF token (taken from `page`)."""
    return client.post(path, data={"csrf_token": token(client, page), **(data or {})})


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/officer/login")
