"""Officer and citizen actions on a case: who may fire what, at which tier, from which state."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.engine import TransitionRefused
from grs.errors import ActionRefused, Conflict, InvalidInput, NotFound
from grs.ladder import acting_post_ids
from grs.models import Case
from grs.runtime import Runtime
from grs.services.action_rules import HANDLERS, ActionContext, ActionInput, state_only
from grs.services.case_changes import Actor, apply_change
from grs.tracking import normalize_tracking_number
from grs.workflow import TriggerSpec

__all__ = ["ActionInput", "act", "allowed_actions", "find_case"]

NOTE_LIMIT = 5_000


def find_case(session: Session, tracking: str) -> Case:
    number = normalize_tracking_number(tracking)
    case = session.scalar(select(Case).where(Case.tracking_number == number)) if number else None
    if case is None:
        raise NotFound("no case with that tracking number", "case_not_found")
    return case


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
    ctx = ActionContext(rt, session, case, spec, next_state, args, today, rt.calendar(session))
    change = HANDLERS.get(trigger, state_only)(ctx)
    change.note = change.note or args.note.strip()
    apply_change(session, case, change, actor, rt.now())
    return case


def check_allowed(
    rt: Runtime, session: Session, case: Case, spec: TriggerSpec, actor: Actor, today: date
) -> None:
    if spec.by == "system":
        # Escalation and recomputation change tiers and deadlines in bulk, in their own services;
        # fired by hand they would record an event without doing the work.
        raise ActionRefused(f"{spec.name} is done by the system only", "system_only")
    if spec.by != actor.kind:
        raise ActionRefused(
            f"{spec.name} is for the {spec.by}, not the {actor.kind}",
            "wrong_role",
            action=spec.name,
        )
    if case.tier not in spec.tiers:
        raise ActionRefused(
            f"{spec.name} is not allowed at tier {case.tier}", "wrong_tier", action=spec.name
        )
    if actor.kind == "officer":
        assert actor.officer is not None
        if case.current_post_id not in acting_post_ids(session, actor.officer, today):
            raise ActionRefused("you do not act for the post that holds this case", "not_your_case")


def allowed_actions(rt: Runtime, session: Session, case: Case, actor: Actor) -> list[str]:
    """The triggers `actor` may fire on `case` now: what an officer's case page offers."""
    today = rt.today()
    names = []
    for name in rt.engine.allowed_triggers(case.state):
        try:
            check_allowed(rt, session, case, rt.workflow.triggers[name], actor, today)
        except ActionRefused:
            continue
        names.append(name)
    return names


def _check_note(spec: TriggerSpec, note: str) -> None:
    if spec.needs_note and not note.strip():
        raise InvalidInput(f"{spec.name} needs a written note", "note_required", field="note")
    if len(note) > NOTE_LIMIT:
        raise InvalidInput("the note is too long", "too_long", field="note")
