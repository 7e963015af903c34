"""Requests to posts outside a case's own: an opinion, an investigation. Who was asked, whether
the answer is still awaited, and what the asked officer may see.

A request is addressed to a post, so whoever acts for that post today answers it (the holder, or
the alternate while the holder is away). It is awaited while it is open and the case stands
where its answer can come: in a state and at a tier of the workflow's trigger that answers its
kind. A case that moved on (escalated, forwarded, decided) awaits nothing from it any more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Integer, Select, and_, bindparam, false, or_, select
from sqlalchemy.orm import Session, joinedload

from grs.db.models import Case, CaseAssignment, Office, Post
from grs.errors import ActionRefused, InvalidInput
from grs.processes.runtime import Runtime
from grs.services.organisation import post_by_code
from grs.workflow.definition import TriggerSpec, Workflow

POST_CHOICE = re.compile(r".*\(([^()]+)\)\s*")


def awaited_condition(workflow: Workflow, kind: str) -> ColumnElement[bool]:
    """SQL: the request row (of `kind`) is open and its case stands where it can be answered."""
    spec = workflow.answer_trigger(kind)
    if spec is None:
        return false()
    return _awaited(kind, spec.sources, spec.tiers)


def _awaited(kind: str, states: Iterable[str], tiers: Iterable[int]) -> ColumnElement[bool]:
    return and_(
        CaseAssignment.kind == kind,
        CaseAssignment.status == "open",
        Case.state.in_(states),
        Case.tier.in_(tiers),
    )


def is_awaited(workflow: Workflow, case: Case, row: CaseAssignment) -> bool:
    spec = workflow.answer_trigger(row.kind)
    return (
        spec is not None
        and row.status == "open"
        and case.state in spec.sources
        and case.tier in spec.tiers
    )


def case_requests(session: Session, case: Case) -> list[CaseAssignment]:
    query = select(CaseAssignment).where(CaseAssignment.case_id == case.id)
    return list(session.scalars(query.order_by(CaseAssignment.id)))


def open_requests(session: Session, case: Case, kind: str | None = None) -> list[CaseAssignment]:
    rows = [row for row in case_requests(session, case) if row.status == "open"]
    return [row for row in rows if kind is None or row.kind == kind]


def asked_rows(session: Session, case: Case, post_ids: set[int]) -> list[CaseAssignment]:
    """The case's requests to the posts given (those an officer acts for), oldest first."""
    return [row for row in case_requests(session, case) if row.post_id in post_ids]


def awaited_from(
    workflow: Workflow, case: Case, rows: list[CaseAssignment]
) -> CaseAssignment | None:
    return next((row for row in reversed(rows) if is_awaited(workflow, case, row)), None)


def check_asked(
    workflow: Workflow, session: Session, case: Case, spec: TriggerSpec, post_ids: set[int]
) -> CaseAssignment:
    """The request of the trigger's kind that the officer (acting for `post_ids`) may answer
    now, or a refusal that says why not: never asked, taken back, answered, or moved on."""
    rows = [r for r in asked_rows(session, case, post_ids) if r.kind == spec.request]
    awaited = awaited_from(workflow, case, rows)
    if awaited is not None:
        return awaited
    if not rows:
        raise ActionRefused("you were not asked about this case", "not_asked")
    latest = rows[-1]
    if latest.status == "withdrawn":
        raise ActionRefused(
            "the request was taken back; it needs no answer now", "request_withdrawn"
        )
    if latest.status == "given":
        raise ActionRefused("this request has been answered already", "request_answered")
    raise ActionRefused("the case has moved on; the request needs no answer now", "request_lapsed")


def asked_post(session: Session, chosen: str, field: str) -> Post:
    """The post chosen from the list as "title, office (OFFICE/post)", or typed as OFFICE/post."""
    match = POST_CHOICE.fullmatch(chosen)
    code = (match.group(1) if match else chosen).strip()
    office_code, _, post_code = code.partition("/")
    if not office_code.strip() or not post_code.strip():
        raise InvalidInput("choose a post from the list", "post_not_found", field=field)
    try:
        return post_by_code(session, office_code.strip(), post_code.strip())
    except Exception as exc:  # NotFound for the office or the post: a form problem here
        raise InvalidInput("no such post", "post_not_found", field=field) from exc


class PostName(NamedTuple):
    code: str
    title_bn: str
    title_en: str
    office_code: str
    office_name_bn: str
    office_name_en: str


def askable_posts(session: Session) -> list[PostName]:
    """Posts of every office (not the cell) that a request may name, by office and title. Names
    only, in one statement: a case page lists every post of the network."""
    query = (
        select(Post.code, Post.title_bn, Post.title_en, Office.code, Office.name_bn, Office.name_en)
        .join(Office, Office.id == Post.office_id)
        .where(Office.kind != "cell")
        .order_by(Office.name_bn, Post.title_bn)
    )
    return [PostName(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class RequestLine:
    """One request as the case page lists it."""

    row: CaseAssignment
    post: Post
    status: str  # open | given | withdrawn | lapsed (open, but the case moved on)
    late: bool


def case_requests_with_posts(session: Session, case: Case) -> list[CaseAssignment]:
    """The case's requests, oldest first, each with the post asked and its office (a page
    names both)."""
    return list(session.scalars(_requests_statement(), {"case_id": case.id}))


@cache
def _requests_statement() -> Select[CaseAssignment]:
    """Built once: every case page reads it."""
    return (
        select(CaseAssignment)
        .where(CaseAssignment.case_id == bindparam("case_id", type_=Integer))
        .options(joinedload(CaseAssignment.post).joinedload(Post.office))
        .order_by(CaseAssignment.id)
    )


def request_lines(
    workflow: Workflow, rows: list[CaseAssignment], case: Case, today: date
) -> list[RequestLine]:
    lines = []
    for row in rows:
        status = row.status
        if status == "open" and not is_awaited(workflow, case, row):
            status = "lapsed"
        lines.append(RequestLine(row, row.post, status, status == "open" and row.due_on < today))
    return lines


@dataclass(frozen=True)
class AskedRow:
    """A case in the queue's section of requests made of the officer."""

    tracking_number: str
    subject: str
    kind: str
    requested_on: date
    due_on: date
    late: bool
    office_name_bn: str
    office_name_en: str


# Of each kind of request, the states and tiers its case must stand in to be answered.
_Answerable = tuple[tuple[str, tuple[str, ...], tuple[int, ...]], ...]


def _answerable(workflow: Workflow) -> _Answerable:
    kinds = []
    for kind in ("opinion", "investigation"):
        spec = workflow.answer_trigger(kind)
        if spec is not None:
            kinds.append((kind, tuple(sorted(spec.sources)), tuple(sorted(spec.tiers))))
    return tuple(kinds)


@cache
def _asked_statement(answerable: _Answerable) -> Select[*tuple[Any, ...]]:
    """Built once for a workflow: the queue reads it on every page."""
    awaited = [_awaited(kind, states, tiers) for kind, states, tiers in answerable]
    return (
        select(
            Case.tracking_number,
            Case.subject,
            CaseAssignment.kind,
            CaseAssignment.requested_on,
            CaseAssignment.due_on,
            Office.name_bn,
            Office.name_en,
        )
        .join(Case, Case.id == CaseAssignment.case_id)
        .join(Office, Office.id == Case.office_id)
        .where(CaseAssignment.post_id.in_(bindparam("post_ids", expanding=True)), or_(*awaited))
    )


def asked_queue(rt: Runtime, session: Session, post_ids: set[int]) -> list[AskedRow]:
    """The cases whose opinion or investigation is awaited from the posts the officer acts for,
    soonest due first. One statement for both kinds."""
    answerable = _answerable(rt.workflow)
    if not post_ids or not answerable:
        return []
    today = rt.today()
    query = _asked_statement(answerable)
    rows = [
        AskedRow(tracking, subject, kind, asked_on, due_on, due_on < today, name_bn, name_en)
        for tracking, subject, kind, asked_on, due_on, name_bn, name_en in session.execute(
            query, {"post_ids": sorted(post_ids)}
        )
    ]
    unique = {(r.tracking_number, r.kind): r for r in rows}  # several posts asked of one officer
    return sorted(unique.values(), key=lambda r: (r.due_on, r.tracking_number))
