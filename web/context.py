"""Per-request access to the GRS runtime and a read session; writes go through the services."""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy.orm import Session

from grs.processes.runtime import Runtime


def runtime() -> Runtime:
    rt: Runtime = current_app.extensions["grs_runtime"]
    return rt


def db_session() -> Session:
    """The request's read session, closed when the request ends."""
    if "db_session" not in g:
        g.db_session = runtime().db.read_session()
    session: Session = g.db_session
    return session


def close_db_session(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
