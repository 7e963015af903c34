"""The officers' and administrators' side: login, queue, case work, administration."""

from __future__ import annotations

import logging

from flask import Flask

from web.auth import load_user
from web.discovery import import_modules
from web.extensions import login_manager
from web.officer.blueprints import admin_bp, bp


def _audit_log_reaches_somewhere() -> None:
    """Audit lines are INFO; with no logging set up Python would drop them, so unless the
    deployment configured logging they go to standard error."""
    audit_log = logging.getLogger("grs.audit")
    if audit_log.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    audit_log.addHandler(handler)
    audit_log.setLevel(logging.INFO)
    # A server that sets up the root logger later (waitress does) would print each line again.
    audit_log.propagate = False


def init_app(app: Flask) -> None:
    import_modules(__name__, __path__)  # each view module adds its routes to the blueprints
    from web.officer.access import unauthorized

    _audit_log_reaches_somewhere()
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(unauthorized)
    # "strong": a session cookie replayed from another browser or address is dropped.
    login_manager.session_protection = "strong"
    login_manager.login_view = "officer.login"
    app.register_blueprint(bp)
    app.register_blueprint(admin_bp)
