"""An officer acting on a case: the visibility rule first, then the engine; a refusal is audited."""

from __future__ import annotations

from grs.db.models import Case, Officer
from grs.errors import ActionRefused
from grs.processes.runtime import Runtime
from grs.services.action_effects import ActionInput
from grs.services.actions import act
from grs.services.audit import record_now
from grs.services.case_changes import Actor
from grs.services.officer_access import visible_case


def act_on_case(
    rt: Runtime, officer: Officer, tracking: str, trigger: str, args: ActionInput
) -> Case:
    """Fire an officer's action on a case the officer may see; the engine decides the rest. A
    refusal by the engine is recorded in a transaction of its own, the action's being undone."""
    try:
        with rt.db.write() as session:
            case = visible_case(rt, session, officer, tracking)
            return act(rt, session, case, trigger, Actor("officer", officer), args)
    except ActionRefused as exc:
        record_now(
            rt,
            "action_refused",
            officer,
            target=f"case:{tracking[:20]}",
            trigger=trigger,
            reason=exc.code,
        )
        raise
