"""The GRS web app: citizens lodge and follow complaints; officers and administrators work cases."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from grs.processes.runtime import Runtime
from grs.services import attachments
from web import errors, i18n, input_guard, security, template_words
from web.context import close_db_session
from web.extensions import babel, csrf, limiter, login_manager

log = logging.getLogger("grs.web")
TRANSLATION_DIRECTORIES = (
    "translations;citizen/translations;officer/translations;charter/translations"
)
MEGABYTE = 1024 * 1024


def create_app(test_config: dict[str, Any] | None = None, runtime: Runtime | None = None) -> Flask:
    app = Flask(__name__)
    rt = runtime or Runtime.from_settings()
    app.config.update(_settings_config(rt))
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        log.warning("GRS_SECRET_KEY is not set: sessions will not survive a restart")
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.extensions["grs_runtime"] = rt
    _trust_proxies(app, rt.settings.trusted_proxies)
    attachments.remove_stale_uploads(rt)  # what a killed upload left half-written
    _init_extensions(app)
    _register_blueprints(app)
    app.teardown_appcontext(close_db_session)
    return app


def _settings_config(rt: Runtime) -> dict[str, Any]:
    settings = rt.settings
    return {
        "SECRET_KEY": settings.secret_key,
        # As many attachments of the allowed size as may be sent, plus the form itself.
        "MAX_CONTENT_LENGTH": (settings.max_files * settings.max_upload_mb + 1) * MEGABYTE,
        "MAX_UPLOAD_BYTES": settings.max_upload_mb * MEGABYTE,
        "MAX_UPLOAD_FILES": settings.max_files,
        "UPLOAD_DIR": str(settings.path(settings.upload_dir)),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "GRS_SECURE_COOKIES": settings.secure_cookies,
        "BABEL_DEFAULT_LOCALE": i18n.DEFAULT,
        "BABEL_DEFAULT_TIMEZONE": "Asia/Dhaka",
        "BABEL_TRANSLATION_DIRECTORIES": TRANSLATION_DIRECTORIES,
        "RATELIMIT_STORAGE_URI": settings.rate_limit_storage,
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_ENABLED": settings.rate_limits,
    }


def _trust_proxies(app: Flask, hops: int) -> None:
    """Behind a reverse proxy every request comes from the proxy's address: take the client's
    address (rate limits) and scheme (secure cookies) from the headers the proxy sets, and from
    no one else."""
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def _init_extensions(app: Flask) -> None:
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    template_words.init_app(app)
    security.init_app(app)
    input_guard.init_app(app)
    errors.init_app(app)


def _register_blueprints(app: Flask) -> None:
    from web import api, charter, citizen, health, officer, open311

    health.init_app(app)
    citizen.init_app(app)
    charter.init_app(app)
    officer.init_app(app)
    open311.init_app(app)
    api.init_app(app)
