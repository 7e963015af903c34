"""What asking, answering and taking back an outside request does: the request rows, the
case's values and the history note, and the audit entry, in the action's own transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from grs.db.models import Case, CaseAssignment, Event, Officer, Post
from grs.errors import InvalidInput
from grs.services import audit
from grs.services.action_effects import ActionContext, record_opinion, start_investigation
from grs.services.case_changes import Change
from grs.services.case_requests import asked_post, check_asked, open_requests
from grs.services.notify import Notifier
from grs.workflow.ladder import acting_post_ids

MAX_DAYS = 60
ASKED_MESSAGES = {"opinion": "opinion_asked", "investigation": "investigation_asked"}


def _officer(ctx: ActionContext) -> Officer:
    assert ctx.actor is not None and ctx.actor.officer is not None  # an officer's trigger
    return ctx.actor.officer


def _due(ctx: ActionContext, days: int | None, default: int, code: str) -> date:
    days = days or default
    if not 1 <= days <= MAX_DAYS:
        raise InvalidInput(f"the deadline is 1 to {MAX_DAYS} working days", code, field="days")
    return ctx.calendar.add_working_days(ctx.today, days)


def _audit(ctx: ActionContext, what: str, **detail: Any) -> None:
    audit.record(ctx.rt, ctx.session, what, _officer(ctx),
                 target=f"case:{ctx.case.tracking_number}", **detail)  # fmt: skip


def _post_words(post: Post) -> list[str]:
    """How the history names a post, in both languages: title, then office."""
    office = post.office
    return [post.title_bn, post.title_en or post.title_bn, office.name_bn,
            office.name_en or office.name_bn]  # fmt: skip


def _default_opinion_post(case: Case) -> Post | None:
    """The service's responsible post: the guideline asks the office that gives the service."""
    if case.service is None or case.service.responsible_post_id == case.current_post_id:
        return None
    return case.service.responsible_post


def _check_not_own(case: Case, post: Post, field: str) -> None:
    if post.id == case.current_post_id:
        raise InvalidInput("ask another post than the one that holds the case", "own_post",
                           field=field)  # fmt: skip


def _open_rows(
    ctx: ActionContext, kind: str, posts: list[Post], due: date
) -> Callable[[Event], None]:
    """Once the event exists: take back whatever was still open (the case now waits on this
    request alone), add a row per post asked, tell the officers who act for those posts."""
    officer = _officer(ctx)

    def written(event: Event) -> None:
        for row in open_requests(ctx.session, ctx.case):
            row.status = "withdrawn"
        for post in posts:
            ctx.session.add(CaseAssignment(
                case_id=ctx.case.id, kind=kind, post_id=post.id, office_id=post.office_id,
                requested_by=officer.id, requested_on=ctx.today, request_event_id=event.id,
                due_on=due, status="open", answer="",
            ))  # fmt: skip
        ctx.session.flush()
        _tell_asked(ctx, event, kind, posts, due)
        _audit(ctx, f"{kind}_requested", posts=[f"{p.office.code}/{p.code}" for p in posts],
               due_on=due.isoformat())  # fmt: skip

    return written


def _tell_asked(ctx: ActionContext, event: Event, kind: str, posts: list[Post], due: date) -> None:
    notifier = Notifier(ctx.rt, ctx.session)
    values = {**notifier.values(ctx.case, event), "due": due, "link": notifier.link()}
    for post in posts:
        for holder in notifier.holders(post.id):
            notifier.to_officer(holder, ASKED_MESSAGES[kind], values, f"event:{event.id}:asked",
                                ctx.case.id, event.id)  # fmt: skip
    notifier.flush()


def request_opinion(ctx: ActionContext) -> Change:
    """Ask the post chosen (by default the service's responsible post) for an opinion by a day
    counted in working days. A case with no post to ask is asked on paper: no row, as before."""
    due = _due(ctx, ctx.args.opinion_days, ctx.rt.workflow.opinion_days, "bad_days")
    chosen = (ctx.args.asked_post or "").strip()
    post = asked_post(ctx.session, chosen, "asked_post") if chosen else None
    post = post or _default_opinion_post(ctx.case)
    posts = [post] if post is not None else []
    for each in posts:
        _check_not_own(ctx.case, each, "asked_post")
    change = ctx.change(opinion_due_on=due)
    change.data = {"opinion_due_on": due.isoformat(), "asked": [_post_words(p) for p in posts]}
    change.after.append(_open_rows(ctx, "opinion", posts, due))
    return change


def _investigators(ctx: ActionContext) -> list[Post]:
    chosen = [text.strip() for text in ctx.args.investigators if text.strip()]
    if len(chosen) > ctx.rt.workflow.max_investigators:
        raise InvalidInput("too many investigating officers", "too_many_investigators",
                           field="investigators")  # fmt: skip
    posts = [asked_post(ctx.session, text, "investigators") for text in chosen]
    if len({p.id for p in posts}) != len(posts):
        raise InvalidInput("a post is named twice", "duplicate_investigator", field="investigators")
    for post in posts:
        _check_not_own(ctx.case, post, "investigators")
    return posts


def open_investigation(ctx: ActionContext) -> Change:
    """An investigation by up to the workflow's number of posts of any office, with a report due
    in working days; without investigators the officer investigates in person. The tier's
    one-time extension is granted as before."""
    posts = _investigators(ctx)
    days = ctx.rt.workflow.investigation_report_days
    due = _due(ctx, ctx.args.report_days, days, "bad_report_days")
    change = start_investigation(ctx)
    if posts:
        change.data = {**change.data, "report_due_on": due.isoformat(),
                       "asked": [_post_words(p) for p in posts]}  # fmt: skip
        change.after.append(_open_rows(ctx, "investigation", posts, due))
    else:
        change.after.append(lambda _event: _audit(ctx, "investigation_started"))
    return change


def answer(ctx: ActionContext) -> Change:
    """The opinion or report of the officer asked. An investigation's report answers for every
    officer named in it; the files are linked to the request by the caller."""
    officer = _officer(ctx)
    posts = acting_post_ids(ctx.session, officer, ctx.today)
    asked = check_asked(ctx.rt.workflow, ctx.session, ctx.case, ctx.spec, posts)
    together = [r for r in open_requests(ctx.session, ctx.case, asked.kind)
                if r.request_event_id == asked.request_event_id]  # fmt: skip
    note = ctx.args.note.strip()
    change = ctx.change(opinion_due_on=None) if asked.kind == "opinion" else ctx.change()
    change.data = {"request_id": asked.id, "asked": [_post_words(asked.post)]}

    def written(event: Event) -> None:
        for row in together:
            row.status, row.answer, row.answered_by = "given", note, officer.id
            row.answered_at, row.answer_event_id = ctx.rt.now(), event.id
        ctx.session.flush()
        _audit(ctx, f"{asked.kind}_given", request_id=asked.id)

    change.after.append(written)
    return change


def _close_open(ctx: ActionContext, status: str, what: str) -> Callable[[Event], None]:
    officer = _officer(ctx)

    def written(event: Event) -> None:
        rows = open_requests(ctx.session, ctx.case, ctx.spec.request)
        for row in rows:
            row.status = status
            if status == "given":  # an opinion received on paper, typed in by the officer
                row.answer, row.answered_by = ctx.args.note.strip(), officer.id
                row.answered_at, row.answer_event_id = ctx.rt.now(), event.id
        ctx.session.flush()
        _audit(ctx, what, requests=[row.id for row in rows])

    return written


def opinion_on_paper(ctx: ActionContext) -> Change:
    change = record_opinion(ctx)
    change.after.append(_close_open(ctx, "given", "opinion_recorded"))
    return change


def withdraw_opinion(ctx: ActionContext) -> Change:
    change = ctx.change(opinion_due_on=None)
    change.after.append(_close_open(ctx, "withdrawn", "opinion_request_withdrawn"))
    return change


def resend_opinion(ctx: ActionContext) -> Change:
    """The same request again, with a new due date: an answer being written still counts."""
    due = _due(ctx, ctx.args.opinion_days, ctx.rt.workflow.opinion_days, "bad_days")
    rows = open_requests(ctx.session, ctx.case, "opinion")
    change = ctx.change(opinion_due_on=due)
    before = ctx.case.opinion_due_on
    change.data = {"opinion_due_on": due.isoformat(),
                   "asked": [_post_words(row.post) for row in rows]}  # fmt: skip
    if before is not None:
        change.data["opinion_due_before"] = before.isoformat()

    def written(event: Event) -> None:
        for row in rows:
            row.due_on = due
        ctx.session.flush()
        _tell_asked(ctx, event, "opinion", [row.post for row in rows], due)
        _audit(ctx, "opinion_request_resent", due_on=due.isoformat())

    change.after.append(written)
    return change


REQUEST_HANDLERS: dict[str, Callable[[ActionContext], Change]] = {
    "request_opinion": request_opinion,
    "record_opinion": opinion_on_paper,
    "give_opinion": answer,
    "withdraw_opinion_request": withdraw_opinion,
    "resend_opinion_request": resend_opinion,
    "start_investigation": open_investigation,
    "submit_investigation_report": answer,
}
