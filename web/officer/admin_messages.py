"""Administration of messages that could not be delivered: see why, and send them again."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.errors import GrsError
from grs.services import inbox, outbox
from web.context import db_session, runtime
from web.officer import forms
from web.officer.access import me
from web.officer.blueprints import admin_bp


@admin_bp.get("/messages")
def messages(status: int = 200, error: str = "") -> tuple[str, int]:
    rows = inbox.undelivered(db_session())
    return render_template("admin/messages.html", rows=rows, error=error), status


@admin_bp.post("/messages/resend")
def resend_message() -> Response | tuple[str, int]:
    try:
        notification_id = forms.number("id")
    except GrsError as exc:
        return messages(400, forms.message(exc))
    if notification_id is None or not outbox.resend(runtime(), notification_id, me()):
        return messages(404, _("That message is not among the undelivered ones."))
    flash(_("The message will be sent again."), "info")
    return redirect(url_for("admin.messages"))
