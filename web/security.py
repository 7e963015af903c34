"""Headers every response carries: no framing, no sniffing, scripts and styles from us only;
and the Secure flag on cookies when the site is served over HTTPS (`[web] secure_cookies`)."""

from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def add_security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


def cookies_secure(app: Flask) -> bool:
    """ "always", "never", or (auto) whether this request came over HTTPS."""
    mode = app.config.get("GRS_SECURE_COOKIES", "auto")
    return mode == "always" or (mode == "auto" and request.is_secure)


class SessionInterface(SecureCookieSessionInterface):
    """The signed session cookie, Secure whenever `cookies_secure` says so."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return cookies_secure(app)


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    app.after_request(add_security_headers)
