"""Errors the services raise: each has a stable code the web layer translates, and English text."""

from __future__ import annotations


class GrsError(Exception):
    code = "error"

    def __init__(self, message: str, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code = code or self.code
        self.params = params


class InvalidInput(GrsError):
    """The input is malformed or incomplete; nothing was written."""

    code = "invalid_input"


class NotFound(GrsError):
    """No such case, office, officer or service (or one the asker may not see)."""

    code = "not_found"


class ActionRefused(GrsError):
    """The workflow, the case's state or tier, or the actor's role does not allow the action."""

    code = "refused"


class Conflict(GrsError):
    """Someone else changed the case first; the caller should reload and look again."""

    code = "conflict"


class Forbidden(GrsError):
    """The caller's key or token is missing, wrong, revoked or lacks the scope needed."""

    code = "forbidden"
