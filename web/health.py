"""Health and readiness for a load balancer or service manager.

/healthz says the process answers; /readyz says it can serve: the database answers, it has every
migration, and the rate-limit store (shared Redis on a production node) answers. Neither needs a
login, and neither says more than which check failed.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, jsonify
from sqlalchemy import text

from grs.db.migrate import pending_revisions
from web.context import runtime
from web.extensions import csrf, limiter


def init_app(app: Flask) -> None:
    app.add_url_rule("/healthz", "healthz", healthz)
    app.add_url_rule("/readyz", "readyz", readyz)
    for name in ("healthz", "readyz"):
        csrf.exempt(app.view_functions[name])
        limiter.exempt(app.view_functions[name])


def healthz() -> Response:
    return jsonify(status="ok")


def readyz() -> tuple[Response, int]:
    checks = {name: _passes(check) for name, check in CHECKS.items()}
    ready = all(checks.values())
    body = {"status": "ready" if ready else "not ready", "checks": _words(checks)}
    return jsonify(body), 200 if ready else 503


def _database() -> bool:
    with runtime().db.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return True


def _migrations() -> bool:
    return not pending_revisions(runtime().db.engine)


def _rate_limits() -> bool:
    return not limiter.enabled or bool(limiter.limiter.storage.check())


CHECKS: dict[str, Callable[[], bool]] = {
    "database": _database,
    "migrations": _migrations,
    "rate_limits": _rate_limits,
}


def _passes(check: Callable[[], bool]) -> bool:
    try:
        return check()
    except Exception:  # a failing dependency makes the node not ready; it is not a server error
        return False


def _words(checks: dict[str, bool]) -> dict[str, str]:
    return {name: "ok" if passed else "failing" for name, passed in checks.items()}
