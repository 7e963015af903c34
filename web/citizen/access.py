"""The one case a citizen has opened: its id in the signed session cookie, for 30 minutes.

Only the case id is kept, never the mobile number or receipt code that opened it, and the entry
lapses after 30 minutes without use, so a phone left behind does not stay signed in to it. The
entry also names a server-side grant; closing the page ends the grant, so a copied cookie stops
working at once.
"""

from __future__ import annotations

import time

from flask import session

from grs.services import citizen_grants
from web.context import runtime

KEY = "citizen_case"
RECEIPT = "citizen_receipt"
LIFETIME_SECONDS = 30 * 60


def grant(case_id: int) -> None:
    token = citizen_grants.open_grant(runtime(), case_id, replacing=_grant_token())
    _renew(case_id, token)


def granted_with(case_id: int, token: str) -> None:
    """The case opened under a grant written already (with the lodging)."""
    _renew(case_id, token)


def grant_token() -> str | None:
    """The grant this browser holds now, which a new one replaces."""
    return _grant_token()


def _renew(case_id: int, token: str) -> None:
    session[KEY] = {"id": case_id, "until": int(time.time()) + LIFETIME_SECONDS, "grant": token}


def current_case_id() -> int | None:
    """The opened case, its lifetime renewed; None when none is open or it has lapsed."""
    entry = session.get(KEY)
    if not isinstance(entry, dict):
        return None
    case_id, until, token = entry.get("id"), entry.get("until"), entry.get("grant")
    if not isinstance(case_id, int) or not isinstance(until, int) or until < time.time():
        revoke()
        return None
    if not isinstance(token, str) or not citizen_grants.granted(runtime(), token, case_id):
        revoke()  # closed on this device (this may be a copy of its cookie)
        return None
    _renew(case_id, token)
    return case_id


def revoke() -> None:
    _end_grant()
    session.pop(KEY, None)
    session.pop(RECEIPT, None)


def _end_grant() -> None:
    token = _grant_token()
    if token is not None:
        citizen_grants.end_grant(runtime(), token)


def _grant_token() -> str | None:
    entry = session.get(KEY)
    token = entry.get("grant") if isinstance(entry, dict) else None
    return token if isinstance(token, str) else None


def keep_receipt_once(case_id: int, code: str) -> None:
    """The anonymous receipt code, to be shown on the next page and then forgotten."""
    session[RECEIPT] = {"id": case_id, "code": code}


def take_receipt(case_id: int) -> str | None:
    entry = session.pop(RECEIPT, None)
    if isinstance(entry, dict) and entry.get("id") == case_id:
        code = entry.get("code")
        return code if isinstance(code, str) else None
    return None
