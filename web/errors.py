"""Error pages in the reader's language: 4xx for anything the reader did, never a bare 500 page."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from web.context import runtime
from web.i18n import localized_digits

log = logging.getLogger("grs.web")


def _messages() -> dict[int, str]:
    size = localized_digits(runtime().settings.max_upload_mb)
    return {
        400: _("The request could not be understood. Please check what you entered."),
        403: _("You are not allowed to do this."),
        404: _("Nothing was found at this address."),
        405: _("This action is not available here."),
        413: _("The upload is too large. Each file may be at most %(size)s MB.", size=size),
        429: _("Too many attempts. Please wait a minute and try again."),
        500: _(
            "Something went wrong on our side. Nothing you entered was saved; please try again."
        ),
    }


def render_error(code: int, message: str | None = None) -> tuple[str, int]:
    text = message or _messages().get(code, _messages()[400])
    try:
        return render_template("error.html", code=code, message=text), code
    except Exception:  # the error page itself failed: say it plainly rather than fail again
        log.exception("error page failed")
        return escape(text), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        return render_error(400, _("The form expired or was sent twice. Please open it again."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return render_error(error.code or 500, getattr(error, "page_message", None))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        log.exception("unhandled error")
        return render_error(500)
