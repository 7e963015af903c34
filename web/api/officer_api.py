"""An officer's queue, a case, its allowed actions, and taking one, with a personal token."""

from __future__ import annotations

from typing import Any

from flask import abort

from grs.errors import ActionRefused, Conflict, InvalidInput, NotFound
from grs.services.action_effects import ActionInput
from grs.services.officer_actions import act_on_case
from grs.services.officer_case import case_detail
from grs.services.queue import QueueFilters, queue_page
from web.api.auth import token_officer
from web.api.blueprint import bp
from web.api.presenters import actions_body, case_summary, queue_body
from web.api.schemas import (
    ActionInputSchema,
    ActionsSchema,
    CaseSummarySchema,
    ErrorSchema,
    QueueArgsSchema,
    QueueSchema,
)
from web.context import db_session, runtime

TOKEN: list[dict[str, list[str]]] = [{"token": []}]


def _with_errors(*codes: int) -> Any:
    words = {
        400: "the action's input is refused",
        401: "no valid token",
        403: "the token lacks the scope, or the workflow refuses the action",
        404: "no such case, or one this officer may not see",
        409: "the case changed since `expected_version`",
        422: "the input does not fit the schema",
        429: "too many requests",
    }

    def decorate(view: Any) -> Any:
        for code in codes:
            view = bp.alt_response(code, schema=ErrorSchema, description=words[code])(view)
        return bp.doc(security=TOKEN)(view)

    return decorate


@bp.get("/officer/queue")
@bp.arguments(QueueArgsSchema, location="query")
@bp.response(200, QueueSchema)
@_with_errors(401, 403, 422, 429)
def officer_queue(args: dict[str, Any]) -> dict[str, Any]:
    """The open cases at the posts the officer acts for today, soonest deadline first."""
    officer = token_officer("read")
    rt = runtime()
    state = args["state"] if args["state"] in ("open", "all", *rt.workflow.states) else "open"
    tier = args.get("tier")
    filters = QueueFilters(
        tier=tier if tier in rt.workflow.tiers else None,
        state=state,
        overdue=args["overdue"],
        page=args["page"],
    )
    return queue_body(queue_page(rt, db_session(), officer, filters))


def _detail(tracking: str, scope: str = "read") -> Any:
    officer = token_officer(scope)
    try:
        return case_detail(runtime(), db_session(), officer, tracking[:40])
    except NotFound:
        abort(404, "no case with that tracking number")


@bp.get("/officer/cases/<tracking>")
@bp.response(200, CaseSummarySchema)
@_with_errors(401, 403, 404, 429)
def officer_case(tracking: str) -> dict[str, Any]:
    """A case with its full history, as the officer's case page shows it."""
    return case_summary(runtime(), _detail(tracking), citizen=False)


@bp.get("/officer/cases/<tracking>/actions")
@bp.response(200, ActionsSchema)
@_with_errors(401, 403, 404, 429)
def officer_actions(tracking: str) -> dict[str, Any]:
    """The actions the officer may take on the case now, what each needs and takes."""
    return actions_body(runtime(), _detail(tracking))


@bp.post("/officer/cases/<tracking>/actions/<action>")
@bp.arguments(ActionInputSchema)
@bp.response(200, CaseSummarySchema)
@_with_errors(400, 401, 403, 404, 409, 422, 429)
def officer_act(body: dict[str, Any], tracking: str, action: str) -> dict[str, Any]:
    """Take an action; `expected_version` is the case's `version` as last read."""
    officer, rt = token_officer("act"), runtime()
    args = ActionInput(**body)
    try:
        act_on_case(rt, officer, tracking[:40], action[:40], args)
    except NotFound as exc:
        abort(404 if exc.code == "case_not_found" else 400, str(exc))
    except Conflict as exc:
        abort(409, str(exc))
    except InvalidInput as exc:
        abort(400, str(exc))
    except ActionRefused as exc:
        abort(403, str(exc))
    db_session().rollback()  # ends the read snapshot taken before the change, and forgets it
    return case_summary(rt, _detail(tracking, "act"), citizen=False)
