"""An officer's inbox: what GRS told them, each entry linking to its case; the unread count
shows in every officer page's header."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from grs.errors import GrsError
from grs.services import inbox
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.blueprints import admin_bp, bp


@bp.get("/inbox")
def inbox_page() -> str:
    entries = inbox.inbox(db_session(), me().id)
    return render_template("officer/inbox.html", entries=entries)


@bp.post("/inbox/read")
def mark_read() -> Response | tuple[str, int]:
    try:
        entry = forms.number("id", required=False)
    except GrsError as exc:
        flash(forms.message(exc), "error")
        return render_template(
            "officer/inbox.html", entries=inbox.inbox(db_session(), me().id)
        ), 400
    inbox.mark_read(runtime(), me().id, entry)
    flash(_("Marked as read."), "info")
    return redirect(url_for("officer.inbox_page"))


def _unread() -> dict[str, Any]:
    """The header's count, read only on pages an officer is logged in to."""
    if not current_user.is_authenticated:
        return {"inbox_unread": 0}
    return {"inbox_unread": inbox.unread_count(db_session(), me().id)}


bp.context_processor(_unread)
admin_bp.context_processor(_unread)
