"""What each action does to a case once it is allowed: the values it sets and its history note."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from grs.calendar.working_days import WorkingCalendar
from grs.db.models import Case, CaseRating, Office
from grs.errors import ActionRefused, InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services.case_changes import Actor, Change, fresh_tier_values, paused_working_days
from grs.services.organisation import find_office
from grs.workflow.deadlines import due_on, tier_days
from grs.workflow.definition import TriggerSpec
from grs.workflow.ladder import LadderError, office_overrides, post_for_tier


@dataclass
class ActionInput:
    note: str = ""
    closure_reason: str | None = None
    target_office: str | None = None
    opinion_days: int | None = None
    # The post asked for an opinion ("OFFICE/post"); by default the service's responsible post.
    asked_post: str | None = None
    # The investigating posts ("OFFICE/post" each) and the working days for their report.
    investigators: tuple[str, ...] = ()
    report_days: int | None = None
    rating: str | None = None
    expected_version: int | None = None
    # The decision record, kept with a resolution or a filing.
    decision_cause: str = ""
    decision_text: str = ""
    decision_prevention: str = ""


@dataclass
class ActionContext:
    rt: Runtime
    session: Session
    case: Case
    spec: TriggerSpec
    next_state: str
    args: ActionInput
    today: date
    calendar: WorkingCalendar
    actor: Actor | None = None

    def change(self, **values: Any) -> Change:
        state = self.rt.workflow.state_values(self.next_state)
        return Change(self.spec.name, {**state, **values}, citizen_visible=self.spec.citizen_sees)


def state_only(ctx: ActionContext) -> Change:
    return ctx.change()


DECISION_FIELDS = ("decision_cause", "decision_text", "decision_prevention")
DECISION_LIMIT = 5_000


def _decided(ctx: ActionContext, **values: Any) -> Change:
    window = relativedelta(months=ctx.rt.workflow.appeal_window_months)
    record = _decision_record(ctx.args) if ctx.spec.accepts("decision") else {}
    change = ctx.change(
        decided_on=ctx.today, appeal_until=ctx.today + window, info_answer_by=None,
        **record, **values,
    )  # fmt: skip
    change.data = {key: value for key, value in record.items() if value}
    return change


def _decision_record(args: ActionInput) -> dict[str, str | None]:
    record = {}
    for name in DECISION_FIELDS:
        value = str(getattr(args, name) or "").strip()
        if len(value) > DECISION_LIMIT:
            raise InvalidInput("the text is too long", "too_long", field=name)
        record[name] = value or None
    return record


def file_away(ctx: ActionContext) -> Change:
    # Filing ends the wait for the complainant too: the case is decided, no longer paused.
    return _decided(ctx, paused_since=None)


def resolve(ctx: ActionContext) -> Change:
    reason = ctx.args.closure_reason
    if reason not in ctx.rt.workflow.closure_reasons:
        raise InvalidInput(
            "choose a closure reason", "closure_reason_required", field="closure_reason"
        )
    return _decided(ctx, closure_reason=reason)


def request_info(ctx: ActionContext) -> Change:
    workflow = ctx.rt.workflow
    answer_by = ctx.calendar.add_working_days(ctx.today, workflow.info_answer_days)
    paused = ctx.today if workflow.info_request_pauses_clock else None
    change = ctx.change(paused_since=paused, info_answer_by=answer_by)
    change.data = {"answer_by": answer_by.isoformat()}
    return change


def answer_info(ctx: ActionContext) -> Change:
    case = ctx.case
    paused = case.paused_days + paused_working_days(ctx.calendar, case.paused_since, ctx.today)
    new_due = due_on(
        ctx.calendar, case.tier_started_on, case.tier_days, case.extension_days, paused
    )
    return ctx.change(paused_days=paused, paused_since=None, due_on=new_due, info_answer_by=None)


def request_opinion(ctx: ActionContext) -> Change:
    days = ctx.args.opinion_days or ctx.rt.workflow.opinion_days
    if not 1 <= days <= 60:
        raise InvalidInput("the opinion deadline is 1 to 60 working days", "bad_days")
    opinion_due = ctx.calendar.add_working_days(ctx.today, days)
    change = ctx.change(opinion_due_on=opinion_due)
    change.data = {"opinion_due_on": opinion_due.isoformat()}
    return change


def record_opinion(ctx: ActionContext) -> Change:
    return ctx.change(opinion_due_on=None)


def start_investigation(ctx: ActionContext) -> Change:
    """The GRO's tier grants extra working days once; later investigations add none."""
    case = ctx.case
    extra = ctx.rt.workflow.tiers[case.tier].investigation_extension_days
    if not extra or case.extension_days:
        return ctx.change()
    new_due = due_on(ctx.calendar, case.tier_started_on, case.tier_days, extra, case.paused_days)
    change = ctx.change(extension_days=extra, due_on=new_due)
    change.data = {"extension_days": extra}
    return change


def forward(ctx: ActionContext) -> Change:
    target = _office_named(ctx.session, ctx.args.target_office or "")
    if target is None or target.kind == "cell":
        raise NotFound("no such office to forward to", "office_not_found", field="target_office")
    if target.id == ctx.case.office_id:
        raise InvalidInput("the case is already at that office", "same_office")
    values = _tier_start(ctx, target, ctx.case.tier)
    change = ctx.change(office_id=target.id, **values)
    change.data = {"to_office": target.code}
    return change


def _office_named(session: Session, chosen: str) -> Office | None:
    """The office chosen as "name (code)" from the list, or typed as its code or its full name."""
    match = re.fullmatch(r".*\(([^()]+)\)\s*", chosen)
    code = match.group(1).strip() if match else chosen.strip()
    by_code = find_office(session, code)
    if by_code is not None or not chosen.strip():
        return by_code
    names = or_(Office.name_bn == chosen.strip(), Office.name_en == chosen.strip())
    return session.scalars(select(Office).where(names).order_by(Office.id)).first()


def appeal(ctx: ActionContext) -> Change:
    case = ctx.case
    if case.state in ctx.rt.workflow.decided:
        if case.appeal_until is None or ctx.today > case.appeal_until:
            raise ActionRefused("the time to appeal this decision has passed", "appeal_closed")
    elif case.due_on >= ctx.today:
        raise ActionRefused(
            "an appeal is possible once the deadline has passed or after a decision",
            "appeal_too_early",
            due_on=case.due_on.isoformat(),
        )
    tier = case.tier + 1
    to_top = ctx.rt.workflow.is_top(tier)
    if to_top and case.appealed_to_cell:  # one appeal to the top of the ladder, not two
        raise ActionRefused("the case has already been appealed to the cell", "appeal_used")
    values = _tier_start(ctx, case.office, tier)
    return ctx.change(tier=tier, appealed_to_cell=to_top, **values)


def _tier_start(ctx: ActionContext, office: Office, tier: int) -> dict[str, Any]:
    """A fresh clock at `tier` for `office`, starting today."""
    try:
        post = post_for_tier(ctx.session, ctx.rt.workflow, office, tier, ctx.case.service)
    except LadderError as exc:
        raise ActionRefused(str(exc), "office_not_ready") from exc
    days = tier_days(
        ctx.rt.workflow, tier, ctx.case.service, office_overrides(ctx.session, office.id)
    )
    return fresh_tier_values(ctx.calendar, post, days or 0, ctx.today)


def rate(ctx: ActionContext) -> Change:
    """One rating per tier that decided the case, from the decision on; the case keeps the
    latest, the ratings table every tier's."""
    case = ctx.case
    taken = select(CaseRating.id).where(CaseRating.case_id == case.id, CaseRating.tier == case.tier)
    if ctx.session.scalar(taken) is not None:
        raise ActionRefused("this case has already been rated", "already_rated")
    value = parse_rating(ctx.args.rating)
    comment = ctx.args.note.strip()
    row = CaseRating(case_id=case.id, tier=case.tier, rating=value, comment=comment)
    row.rated_at = ctx.rt.now()
    ctx.session.add(row)
    change = ctx.change(rating=value)
    change.data = {"rating": str(value)}
    return change


def parse_rating(text: str | None) -> Decimal:
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError) as exc:
        raise InvalidInput("the rating is not a number", "bad_rating", field="rating") from exc
    if not value.is_finite() or not (0 <= value <= 5) or (value * 2) % 1 != 0:
        raise InvalidInput("a rating is 0 to 5 in steps of 0.5", "bad_rating", field="rating")
    return value


HANDLERS: dict[str, Callable[[ActionContext], Change]] = {
    "file_away": file_away,
    "resolve": resolve,
    "request_info": request_info,
    "answer_info": answer_info,
    "request_opinion": request_opinion,
    "record_opinion": record_opinion,
    "start_investigation": start_investigation,
    "forward": forward,
    "appeal": appeal,
    "rate": rate,
}
