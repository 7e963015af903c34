"""An office's entries for the quarterly review: entered by its GRO, its focal point or whoever
stands in for them, each with a date and one evidence file checked like a complainant's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import CharterReviewEntry, Officer, Post
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.reports.offices import OfficeTree
from grs.reports.periods import Period
from grs.reviews.items import BY_CODE, ENTERING_POSTS
from grs.services import audit
from grs.services.attachments import Upload, check_upload, staged_files
from grs.workflow.ladder import acting_post_ids

# A review date may be entered up to this long after the quarter (a late item is still one).
LATE_ENTRY_DAYS = 366


@dataclass(frozen=True)
class ReviewInput:
    office_code: str
    quarter: Period
    item: str
    done_on: date | None
    note: str
    evidence: Upload | None


def may_enter(session: Session, officer: Officer, office_id: int, today: date) -> bool:
    ids = acting_post_ids(session, officer, today)
    if not ids:
        return False
    query = select(Post.id).where(
        Post.id.in_(ids), Post.office_id == office_id, Post.kind.in_(ENTERING_POSTS)
    )
    return session.scalar(query.limit(1)) is not None


def _check(rt: Runtime, item: ReviewInput) -> tuple[date, Upload]:
    if item.item not in BY_CODE:
        raise NotFound("no such review item", "review_item_not_found")
    if item.done_on is None:
        raise InvalidInput("give the date it was done", "required", field="done_on")
    if item.done_on > rt.today() or (item.done_on - item.quarter.end).days > LATE_ENTRY_DAYS:
        raise InvalidInput("the date is in the future or too late", "bad_date", field="done_on")
    if item.done_on < item.quarter.start:
        raise InvalidInput("the date is before the quarter", "bad_date", field="done_on")
    if item.evidence is None or not item.evidence.data:
        raise InvalidInput("attach the evidence", "evidence_required", field="evidence")
    return item.done_on, item.evidence


def enter_review_item(rt: Runtime, officer: Officer, item: ReviewInput) -> CharterReviewEntry:
    """Record one item with its evidence; the file and the row are kept together or not at all."""
    done_on, evidence = _check(rt, item)
    checked = check_upload(evidence, rt.settings.max_upload_mb * 1024 * 1024)
    directory = rt.settings.path(rt.settings.upload_dir)
    with staged_files(directory, [checked]) as staging:
        with rt.db.write() as session:
            office = OfficeTree.load(session).by_code(item.office_code)
            if office is None or not may_enter(session, officer, office.id, rt.today()):
                raise NotFound("no such office", "office_not_found")
            staged = staging.files[0]
            entry = CharterReviewEntry(
                office_id=office.id, year=item.quarter.year, quarter=item.quarter.number,
                item=item.item, done_on=done_on, note=item.note.strip()[:2000],
                stored_name=staged.stored_name, original_name=checked.name,
                content_type=checked.content_type, size=len(checked.data), sha256=checked.sha256,
                entered_by=officer.id, entered_at=rt.now(),
            )  # fmt: skip
            session.add(entry)
            audit.record(rt, session, "review_item_entered", officer,
                         target=f"office:{office.code}", item=item.item,
                         quarter=item.quarter.code)  # fmt: skip
            session.flush()
        # Committed: the file takes its final name (a failure here removes it again).
        staging.place()
    return entry
