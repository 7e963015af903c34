"""The queue, a case in full, acting on it, and its attachments."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.wrappers import Response

from grs.errors import ActionRefused, Conflict, InvalidInput, NotFound
from grs.services.action_effects import ActionInput
from grs.services.attachments import attachment_file
from grs.services.handled_earlier import handled_earlier as handled_earlier_cases
from grs.services.officer_actions import act_on_case
from grs.services.officer_case import case_detail
from grs.services.organisation import office_handling
from grs.services.queue import DUE_SOON_DAYS, SORTS, QueueFilters, queue_page
from grs.tracking import format_tracking_number
from web import labels
from web.context import db_session, runtime
from web.i18n import localized_digits
from web.officer import forms
from web.officer.access import me, refuse
from web.officer.blueprints import bp
from web.officer.choices import office_options, post_options
from web.officer.helpers import pick

STATE_FILTERS = ("open", "all")


def _filters() -> QueueFilters:
    rt = runtime()
    state = request.args.get("state", "open")
    if state not in STATE_FILTERS and state not in rt.workflow.states:
        state = "open"
    tier = forms.arg_int("tier")
    sort = request.args.get("sort", "due")
    return QueueFilters(
        tier=tier if tier in rt.workflow.tiers else None,
        state=state,
        service_id=forms.arg_int("service"),
        overdue=request.args.get("overdue") == "1",
        search=request.args.get("q", "")[:100],
        page=forms.arg_int("page") or 1,
        sort=sort if sort in SORTS else "due",
    )


@bp.get("/")
def queue() -> str | Response:
    filters = _filters()
    page = queue_page(runtime(), db_session(), me(), filters)
    if not page.posts and me().is_admin:
        return redirect(url_for("admin.index"))
    args = {k: v for k, v in request.args.items() if k not in ("page", "lang") and v}
    return render_template(
        "officer/queue.html", page=page, filters=filters, args=args, due_soon_days=DUE_SOON_DAYS
    )


@bp.get("/handled-earlier")
def handled_earlier() -> str:
    cases = handled_earlier_cases(runtime(), db_session(), me())
    return render_template("officer/handled_earlier.html", cases=cases)


def _case_page(tracking: str, status: int = 200, **extra: Any) -> tuple[str, int]:
    try:
        detail = case_detail(runtime(), db_session(), me(), tracking)
    except NotFound:
        refuse(404, "case_not_visible", target=f"case:{tracking[:20]}")
    triggers = runtime().workflow.triggers
    offered = [triggers[a] for a in detail.actions]
    # The lists of offices and posts are long in a big network: only when a form needs one.
    forwarding = any(spec.accepts("office") for spec in offered)
    own = detail.case.office.code
    offices = office_options(db_session(), own) if forwarding else Markup("")
    asking = any(spec.accepts("post") or spec.accepts("investigators") for spec in offered)
    posts = post_options(db_session()) if asking else Markup("")
    settings = runtime().settings
    return render_template(
        "officer/case.html", d=detail, offices=offices, posts=posts,
        upload_limits=(settings.max_files, settings.max_upload_mb), **extra,
    ), status  # fmt: skip


@bp.get("/cases/<tracking>")
def case(tracking: str) -> tuple[str, int]:
    return _case_page(tracking)


def _action_input() -> ActionInput:
    return ActionInput(
        note=forms.text("note", 5_000),
        closure_reason=request.form.get("closure_reason") or None,
        target_office=forms.text("target_office", 64) or None,
        opinion_days=forms.number("opinion_days", required=False),
        asked_post=forms.text("asked_post", 300) or None,
        investigators=tuple(forms.texts("investigator", 300)),
        report_days=forms.number("report_days", required=False),
        expected_version=forms.number("expected_version"),
        decision_cause=forms.text("decision_cause", 5_000),
        decision_text=forms.text("decision_text", 5_000),
        decision_prevention=forms.text("decision_prevention", 5_000),
    )


@bp.post("/cases/<tracking>/act")
def act(tracking: str) -> Response | tuple[str, int]:
    action = request.form.get("action", "")[:40]
    try:
        case = act_on_case(runtime(), me(), tracking, action, _action_input())
    except NotFound as exc:
        if exc.code != "case_not_found":  # e.g. forwarding to an office that does not exist
            return _refill(tracking, action, exc, 400)
        refuse(404, "case_not_visible", target=f"case:{tracking[:20]}")
    except Conflict as exc:
        return _case_page(tracking, 409, warning=forms.message(exc))
    except InvalidInput as exc:
        return _refill(tracking, action, exc, 400)
    except ActionRefused as exc:
        return _case_page(tracking, 403, warning=forms.message(exc))
    flash(_("Done: %(event)s.", event=labels.history_text(action, for_citizen=False)), "info")
    return _after_action(tracking, case)


def _after_action(tracking: str, case: Any) -> Response:
    """Back to the case, or, when the action took it out of the officer's hands (forwarded to
    another office), to the queue with where it went: its page would say "not found", or show
    it read-only among those handled earlier."""
    # A session of its own: the request's may still hold a snapshot from before the action.
    with runtime().db.read_session() as session:
        try:
            if not case_detail(runtime(), session, me(), tracking).read_only:
                return redirect(url_for("officer.case", tracking=tracking))
        except NotFound:
            pass
        office = office_handling(session, case.id)
        where = pick(office.name_bn, office.name_en)
        flash(
            _(
                "Case %(number)s is now with %(office)s and has left your queue.",
                number=localized_digits(format_tracking_number(tracking)),
                office=where,
            ),
            "info",
        )
        return redirect(url_for("officer.queue"))


def _refill(tracking: str, action: str, error: Any, status: int) -> tuple[str, int]:
    """The case page again, the failed action's form filled in as it was sent."""
    return _case_page(
        tracking,
        status,
        failed_action=action,
        action_error=forms.message(error),
        sent=request.form,
    )


@bp.get("/cases/<tracking>/attachments/<int:attachment_id>")
def attachment(tracking: str, attachment_id: int) -> Response:
    try:
        found, path = attachment_file(runtime(), db_session(), me(), tracking, attachment_id)
    except NotFound:
        refuse(404, "attachment_not_visible", target=f"case:{tracking[:20]}")
    response = send_file(
        path,
        mimetype=found.content_type,
        as_attachment=True,
        download_name=found.original_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
