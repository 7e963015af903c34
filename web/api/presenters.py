"""Cases as the API's schemas hold them, in English (the codes are the workflow's)."""

from __future__ import annotations

from typing import Any

from grs.db.models import Case
from grs.processes.runtime import Runtime
from grs.services.citizen_access import CitizenCase
from grs.services.officer_case import OfficerCase
from grs.services.queue import QueuePage


def case_summary(rt: Runtime, found: CitizenCase | OfficerCase, citizen: bool) -> dict[str, Any]:
    case, workflow = found.case, rt.workflow
    tier = workflow.tiers.get(case.tier)
    return {
        "tracking_number": case.tracking_number,
        "subject": case.subject,
        "state": case.state,
        "state_name": workflow.state_specs[case.state].label.en,
        "tier": case.tier,
        "tier_name": tier.name.en if tier else str(case.tier),
        "office": case.office.code,
        "lodged_on": case.lodged_on,
        "due_on": case.due_on,
        "working_days_left": found.working_days_left,
        "overdue": found.overdue,
        "version": case.version,
        "actions": sorted(found.actions),
        "decision": decision_record(case, citizen),
        "history": [
            {
                "at": event.at,
                "action": event.action,
                # A citizen is not told which officer acted, only that an officer did.
                "actor": event.actor_kind,
                "from_state": event.from_state,
                "to_state": event.to_state,
                "tier": event.to_tier,
                "note": event.note,
            }
            for event in found.history
        ],
    }


def queue_body(page: QueuePage) -> dict[str, Any]:
    rows = [
        {
            "tracking_number": row.tracking_number,
            "subject": row.subject,
            "tier": row.tier,
            "state": row.state,
            "due_on": row.due_on,
            "working_days_left": row.days_left,
            "overdue": row.overdue,
            "channel": row.channel,
            "complainant_blacklisted": row.blacklisted,
        }
        for row in page.rows
    ]
    return {"rows": rows, "total": page.total, "page": page.page, "pages": page.pages}


def actions_body(rt: Runtime, found: OfficerCase) -> dict[str, Any]:
    specs = [rt.workflow.triggers[name] for name in found.actions]
    actions = [
        {
            "name": spec.name,
            "label": spec.label.en,
            "needs": sorted(spec.needs),
            "takes": sorted(spec.takes),
        }
        for spec in specs
    ]
    return {"version": found.case.version, "actions": actions}


def decision_record(case: Case, citizen: bool) -> dict[str, str | None] | None:
    """What was found and decided; the suggestion to prevent a repeat is the office's own."""
    if not (case.decision_cause or case.decision_text or case.decision_prevention):
        return None
    record = {"cause": case.decision_cause, "decision": case.decision_text}
    if not citizen:
        record["prevention"] = case.decision_prevention
    return record
