"""What the review pages read: an office's quarter, whether the officer may enter it, the
compliance of the offices below it, and an evidence file to open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from grs.db.models import CharterReviewEntry, Officer
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.reports.offices import OfficeRef, OfficeTree, readable_office, report_reach
from grs.reports.periods import Period, parse_period, quarter_of
from grs.reviews.compliance import ComplianceRow, compliance_rows
from grs.reviews.entries import may_enter


@dataclass(frozen=True)
class ReviewPage:
    office: OfficeRef
    quarter: Period
    rows: list[ComplianceRow]  # the office first, then every office below it
    may_enter: bool
    has_below: bool


def parse_quarter(rt: Runtime, text: str | None) -> Period:
    if not text:
        return quarter_of(rt.today())
    period = parse_period(text)
    if period.kind != "quarter":
        raise InvalidInput("a quarter is YYYY-Qn", "bad_period", field="quarter")
    return period


def review_page(
    rt: Runtime, session: Session, officer: Officer, code: str, quarter_text: str | None
) -> ReviewPage:
    tree = OfficeTree.load(session)
    office = tree.by_code(code)
    if office is None:
        raise NotFound("no such office", "office_not_found")
    allowed = may_enter(session, officer, office.id, rt.today())
    if not allowed:  # a focal point reads their own office's review, as its GRO does
        readable_office(tree, report_reach(session, tree, officer, rt.today()), code)
    quarter = parse_quarter(rt, quarter_text)
    rows = compliance_rows(session, tree, office, quarter)
    return ReviewPage(office, quarter, rows, allowed, bool(tree.below(office.id)))


def evidence_file(
    rt: Runtime, session: Session, officer: Officer, entry_id: int
) -> tuple[CharterReviewEntry, Path]:
    entry = session.get(CharterReviewEntry, entry_id)
    tree = OfficeTree.load(session)
    reach = report_reach(session, tree, officer, rt.today())
    if entry is None or not reach.may_read(entry.office_id):
        raise NotFound("no such evidence", "evidence_not_found")
    directory = rt.settings.path(rt.settings.upload_dir).resolve()
    path = (directory / entry.stored_name).resolve()
    if path.parent != directory or not path.is_file():
        raise NotFound("the evidence file is missing", "evidence_not_found")
    return entry, path
