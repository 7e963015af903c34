"""The JSON API at /api/, described by the OpenAPI 3.1 document generated from its code."""

from __future__ import annotations

from flask import Flask

from web.api.blueprint import api, bp, pages
from web.discovery import import_modules
from web.extensions import csrf


def init_app(app: Flask) -> None:
    import_modules(__name__, __path__)
    app.config.update(
        API_TITLE="GRS API",
        API_VERSION="1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
    )
    api.init_app(app, spec_kwargs={"info": {"description": DESCRIPTION}})
    api.spec.components.security_scheme(
        "token", {"type": "http", "scheme": "bearer", "description": "a personal access token"}
    )
    # No route here reads a session cookie: a token or the citizen's own pair authenticates.
    csrf.exempt(bp)
    api.register_blueprint(bp)
    app.register_blueprint(pages)


DESCRIPTION = """\
Citizens follow their case with its tracking number and the mobile number given (or an
anonymous complaint's receipt code); a missing case and a wrong pair get the same answer.
Officers work their queue with personal access tokens they create and revoke on their own
pages (/officer/tokens): scope `read` for the queue, a case and its allowed actions, `act` to
take an action. Every action takes the case's `version` as `expected_version`: a case changed
meanwhile answers 409. An officer sees exactly the cases the web pages show them; any other is
404, as if it did not exist.

Open311 GeoReport v2 lives at /open311/v2/ (JSON and XML). Its requests are public, so they
carry nothing that identifies the complainant or the officer complained about: no description,
contact, address or attachment; the status, the service, the office handling it and the dates.
"""
