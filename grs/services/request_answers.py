"""An asked officer's answer in the system: an opinion, or an investigation's report, with its
files checked as a complainant's are, in one transaction with the history entry."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import Case, CaseAssignment, Event, Officer
from grs.errors import ActionRefused, NotFound
from grs.processes.runtime import Runtime
from grs.services import attachments
from grs.services.action_effects import ActionInput
from grs.services.actions import act
from grs.services.attachments import Upload
from grs.services.audit import record_now
from grs.services.case_changes import Actor
from grs.services.case_lookup import find_case
from grs.services.case_requests import asked_rows, awaited_from
from grs.workflow.ladder import acting_post_ids


def _answer_trigger(rt: Runtime, officer: Officer, tracking: str) -> str:
    """The trigger that answers what the case asked of the officer (the latest request when
    none is awaited, so the refusal says what became of it); NotFound for anyone never asked."""
    with rt.db.read_session() as session:
        case = find_case(session, tracking)
        rows = asked_rows(session, case, acting_post_ids(session, officer, rt.today()))
        row = awaited_from(rt.workflow, case, rows) or (rows[-1] if rows else None)
        spec = rt.workflow.answer_trigger(row.kind) if row is not None else None
        if spec is None:
            raise NotFound("no case with that tracking number", "case_not_found")
        return spec.name


def answer_request(
    rt: Runtime, officer: Officer, tracking: str, note: str, uploads: Sequence[Upload] = ()
) -> Case:
    """Record the officer's answer and its files; a refusal is audited in its own transaction."""
    trigger = _answer_trigger(rt, officer, tracking)
    limit = rt.settings.max_upload_mb * 1024 * 1024
    files = attachments.check_uploads(uploads, limit, rt.settings.max_files)
    directory = rt.settings.path(rt.settings.upload_dir)
    try:
        with attachments.staged_files(directory, files) as staging, rt.db.write() as session:
            case = find_case(session, tracking)
            actor = Actor("officer", session.get_one(Officer, officer.id))
            act(rt, session, case, trigger, actor, ActionInput(note=note))
            if staging.files:
                _record_files(rt, session, case, staging)
            staging.place()
            return case
    except ActionRefused as exc:
        record_now(rt, "answer_refused", officer, target=f"case:{tracking[:20]}",
                   trigger=trigger, reason=exc.code)  # fmt: skip
        raise


def _record_files(rt: Runtime, session: Session, case: Case, staging: attachments.Staging) -> None:
    """The answer's files, linked to its history entry and to the request it answers."""
    event_id = session.scalar(
        select(Event.id).where(Event.case_id == case.id, Event.seq == case.version)
    )
    request_id = session.scalar(
        select(CaseAssignment.id)
        .where(CaseAssignment.answer_event_id == event_id)
        .order_by(CaseAssignment.id)
    )
    for row in attachments.record(session, case.id, event_id, staging, rt.now(), by="officer"):
        row.assignment_id = request_id
    session.flush()
