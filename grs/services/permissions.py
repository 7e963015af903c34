"""Who may fire which trigger on a case now: the role, the tier, the post the officer acts for."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from grs.db.models import Case
from grs.errors import ActionRefused
from grs.processes.runtime import Runtime
from grs.services.case_changes import Actor
from grs.services.case_requests import check_asked
from grs.workflow.definition import TriggerSpec
from grs.workflow.ladder import acting_post_ids


def check_allowed(
    rt: Runtime,
    session: Session,
    case: Case,
    spec: TriggerSpec,
    actor: Actor,
    today: date,
    acting: set[int] | None = None,
) -> None:
    """Raise ActionRefused unless `actor` may fire `spec` on `case` today. `acting`: the posts
    the officer acts for today, when the caller has them already."""
    if spec.by == "system":
        # Escalation and recomputation change tiers and deadlines in bulk, in their own services;
        # fired by hand they would record an event without doing the work.
        raise ActionRefused(f"{spec.name} is done by the system only", "system_only")
    # An asked post's trigger is an officer's, fired from outside the case's own post.
    if (spec.by if spec.by != "asked" else "officer") != actor.kind:
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
        if acting is None:
            acting = acting_post_ids(session, actor.officer, today)
        if spec.by == "asked":
            check_asked(rt.workflow, session, case, spec, acting)
        elif case.current_post_id not in acting:
            raise ActionRefused("you do not act for the post that holds this case", "not_your_case")


def allowed_actions(
    rt: Runtime, session: Session, case: Case, actor: Actor, acting: set[int] | None = None
) -> list[str]:
    """The triggers `actor` may fire on `case` now: what an officer's case page offers. The
    officer's acting posts are read once for all the triggers, not once for each."""
    today = rt.today()
    if acting is None and actor.officer is not None:
        acting = acting_post_ids(session, actor.officer, today)
    names = []
    for name in rt.engine.allowed_triggers(case.state):
        try:
            spec = rt.workflow.triggers[name]
            check_allowed(rt, session, case, spec, actor, today, acting)
        except ActionRefused:
            continue
        names.append(name)
    return names
