"""Officer and citizen actions on a case: who may fire what, at which tier, from which state."""

from __future__ import annotations

from sqlalchemy.orm import Session

from grs.db.models import Case
from grs.errors import ActionRefused, Conflict, InvalidInput
from grs.processes.runtime import Runtime
from grs.services.action_effects import HANDLERS, ActionContext, ActionInput, state_only
from grs.services.case_changes import CITIZEN, Actor, apply_change
from grs.services.case_lookup import find_case
from grs.services.notify import notify_change
from grs.services.organisation import officer_by_username
from grs.services.permissions import check_allowed
from grs.services.request_effects import REQUEST_HANDLERS
from grs.workflow.definition import TriggerSpec
from grs.workflow.engine import TransitionRefused

NOTE_LIMIT = 5_000


def act(
    rt: Runtime, session: Session, case: Case, trigger: str, actor: Actor, args: ActionInput
) -> Case:
    """Fire `trigger` on `case` for `actor`, or refuse with a reason and change nothing."""
    spec = rt.workflow.triggers.get(trigger)
    if spec is None:
        raise ActionRefused(f"unknown action {trigger!r}", "unknown_action", action=trigger)
    today = rt.today()
    check_allowed(rt, session, case, spec, actor, today)
    if args.expected_version is not None and args.expected_version != case.version:
        raise Conflict(
            "someone else changed this case first; reload it and look again",
            tracking_number=case.tracking_number,
        )
    try:
        next_state = rt.engine.next_state(case.state, trigger)
    except TransitionRefused as exc:
        raise ActionRefused(str(exc), "wrong_state", action=trigger, state=case.state) from exc
    _check_note(spec, args.note)
    ctx = ActionContext(
        rt, session, case, spec, next_state, args, today, rt.calendar(session), actor=actor
    )
    change = (REQUEST_HANDLERS.get(trigger) or HANDLERS.get(trigger, state_only))(ctx)
    change.note = change.note or args.note.strip()
    event = apply_change(session, case, change, actor, rt.now())
    for written in change.after:
        written(event)
    notify_change(rt, session, case, event)
    return case


def act_by_tracking(
    rt: Runtime, tracking: str, trigger: str, officer_username: str | None, args: ActionInput
) -> Case:
    """Fire `trigger` on the case with this tracking number as the named officer, or as its
    complainant when no officer is named, in one transaction: the command line's way in."""
    with rt.db.write() as session:
        if officer_username is None:
            actor = CITIZEN
        else:
            actor = Actor("officer", officer_by_username(session, officer_username))
        return act(rt, session, find_case(session, tracking), trigger, actor, args)


def _check_note(spec: TriggerSpec, note: str) -> None:
    if spec.needs_note and not note.strip():
        raise InvalidInput(f"{spec.name} needs a written note", "note_required", field="note")
    if len(note) > NOTE_LIMIT:
        raise InvalidInput("the note is too long", "too_long", field="note")
