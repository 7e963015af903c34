"""A case as its readers see it: the full record for officers, a narrower one for the citizen."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.orm import Session

from grs.db.models import Case, Event, Officer
from grs.processes.runtime import Runtime
from grs.tracking import format_tracking_number
from grs.workflow.deadlines import deadline_status


@cache
def _history_statement(citizen: bool) -> Select[Event]:
    """Built once for officers and once for citizens: every case page reads it."""
    query = select(Event).where(Event.case_id == bindparam("case_id", type_=Integer))
    if citizen:
        query = query.where(Event.citizen_visible)
    return query.order_by(Event.seq)


def history(session: Session, case: Case, citizen: bool) -> list[Event]:
    return list(session.scalars(_history_statement(citizen), {"case_id": case.id}))


def case_json(rt: Runtime, session: Session, case: Case, citizen: bool = False) -> dict[str, Any]:
    calendar = rt.calendar(session)
    today = rt.today()
    post = case.current_post
    data: dict[str, Any] = {
        "tracking_number": case.tracking_number,
        "display_number": format_tracking_number(case.tracking_number),
        "tier": case.tier,
        "state": case.state,
        "office": case.office.code,
        "current_office": post.office.code,
        "post": {
            "code": post.code,
            "title_bn": post.title_bn,
            "title_en": post.title_en,
            "contact": post.contact,
        },
        "tier_started_on": case.tier_started_on.isoformat(),
        "tier_days": case.tier_days,
        "extension_days": case.extension_days,
        "paused_days": case.paused_days,
        "paused": case.paused_since is not None,
        "due_on": case.due_on.isoformat(),
        "working_days_left": deadline_status(calendar, case, today).working_days_left,
        "overdue": case.due_on < today and case.state in rt.workflow.running,
        "estimate": not calendar.is_official(case.due_on.year),
        "appeal_until": case.appeal_until.isoformat() if case.appeal_until else None,
        "closure_reason": case.closure_reason,
        "decision_cause": case.decision_cause,
        "decision_text": case.decision_text,
        "rating": str(case.rating) if case.rating is not None else None,
        "version": case.version,
        "history": [_event_json(session, e, citizen) for e in history(session, case, citizen)],
    }
    if not citizen:
        data.update(_complaint_json(case))
    return data


def _complaint_json(case: Case) -> dict[str, Any]:
    return {
        "complaint_type": case.complaint_type,
        "against": case.against,
        "channel": case.channel,
        "anonymous": case.anonymous,
        "decision_prevention": case.decision_prevention,
        "complainant": {
            "name": case.complainant_name,
            "mobile": case.complainant_mobile,
            "email": case.complainant_email,
        },
        "subject": case.subject,
        "service_id": case.service_id,
        "lodged_on": case.lodged_on.isoformat(),
    }


def _event_json(session: Session, event: Event, citizen: bool) -> dict[str, Any]:
    who = event.actor_kind
    if event.officer_id and not citizen:
        officer = session.get(Officer, event.officer_id)
        who = f"officer:{officer.username}" if officer else who
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "on": event.occurred_on.isoformat(),
        "who": who,
        "action": event.action,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "from_tier": event.from_tier,
        "to_tier": event.to_tier,
        "due_before": event.due_before.isoformat() if event.due_before else None,
        "due_after": event.due_after.isoformat() if event.due_after else None,
        "note": event.note,
        "data": event.data,
    }
