"""An asked officer's answer to a case's request: an opinion, or an investigation's report."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.errors import ActionRefused, Conflict, InvalidInput, NotFound
from grs.services.request_answers import answer_request
from web.citizen.forms import read_uploads
from web.context import runtime
from web.officer import forms
from web.officer.access import me, refuse
from web.officer.blueprints import bp
from web.officer.case_views import _case_page

# What became of a request the officer was asked: said plainly, as the case is out of sight.
CLOSED = ("request_withdrawn", "request_answered", "request_lapsed")


@bp.post("/cases/<tracking>/answer")
def answer(tracking: str) -> Response | tuple[str, int]:
    settings = runtime().settings
    limit = settings.max_upload_mb * 1024 * 1024
    try:
        note = forms.text("note", 5_000)
        uploads = read_uploads(request.files.getlist("attachments"), limit, settings.max_files)
        answer_request(runtime(), me(), tracking, note, uploads)
    except NotFound:
        # Never asked: an officer who may see the case is told so; anyone else gets a 404.
        return _case_page(tracking, 403, warning=forms.message(NotFound("", "not_asked")))
    except ActionRefused as exc:
        if exc.code not in CLOSED:
            refuse(404, "case_not_visible", target=f"case:{tracking[:20]}")
        return render_template("officer/answer_refused.html", message=forms.message(exc)), 409
    except Conflict as exc:
        return _case_page(tracking, 409, warning=forms.message(exc))
    except InvalidInput as exc:
        return _case_page(tracking, 400, answer_error=forms.message(exc), sent=request.form)
    flash(_("Your answer has been recorded and sent to the officer who asked."), "info")
    return redirect(url_for("officer.queue"))
