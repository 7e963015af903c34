"""Cookies carry Secure when the site is served over HTTPS (or always/never, as configured),
with HttpOnly and SameSite; every response carries the security headers."""

from __future__ import annotations

import pytest

from tests.support import PASSWORD, build_ladder
from tests.web.conftest import csrf_token
from web import create_app

HEADERS = {
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Permissions-Policy",
}


def _cookies(rt, mode: str, base_url: str) -> dict[str, str]:
    """The Set-Cookie lines of a language choice and an officer's login, by cookie name."""
    config = {"TESTING": True, "SECRET_KEY": "x", "RATELIMIT_ENABLED": False}
    app = create_app({**config, "GRS_SECURE_COOKIES": mode}, runtime=rt)
    client = app.test_client()
    lines = client.get("/?lang=en", base_url=base_url).headers.getlist("Set-Cookie")
    data = {"username": "gro_upz", "password": PASSWORD}
    form = client.get("/officer/login", base_url=base_url).get_data(as_text=True)
    data["csrf_token"] = csrf_token(form)
    referer = {"Referer": f"{base_url}/officer/login"}  # checked by the CSRF guard over HTTPS
    login = client.post("/officer/login", data=data, base_url=base_url, headers=referer)
    assert login.status_code == 302
    lines += login.headers.getlist("Set-Cookie")
    return {line.split("=", 1)[0]: line for line in lines}


@pytest.mark.parametrize(
    ("mode", "base_url", "secure"),
    [
        ("auto", "http://localhost", False),
        ("auto", "https://localhost", True),
        ("always", "http://localhost", True),
        ("never", "https://localhost", False),
    ],
)
def test_cookies_are_secure_over_https(rt, mode, base_url, secure):
    build_ladder(rt)
    cookies = _cookies(rt, mode, base_url)
    assert set(cookies) >= {"session", "grs_lang"}
    for line in cookies.values():
        assert ("; Secure" in line) is secure, line
        assert "; HttpOnly" in line and "; SameSite=Lax" in line, line


def test_every_page_carries_the_security_headers(client):
    for path in ["/", "/track", "/officer/login", "/no-such-page"]:
        assert set(client.get(path).headers.keys()) >= HEADERS, path
