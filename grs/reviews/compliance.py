"""How each office stands on each review item for a quarter, and the table of the offices below
an office (offices × items: done, late, not done) that the district and the division read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.bangla import bn_digits
from grs.calendar.dhaka import dhaka_date
from grs.db.models import CharterReviewEntry, CharterVersion
from grs.reports.offices import OfficeRef, OfficeTree
from grs.reports.periods import Period
from grs.reviews.items import DONE, ITEMS, LATE, NOT_DONE, STATUS_LABELS, ReviewItem
from grs.services.charter_versions import categories_of, latest_versions_in_quarter
from grs.services.charter_versions import quarter_of as fiscal_quarter_of


@dataclass(frozen=True)
class ItemStatus:
    status: str  # done | late | not_done
    entry: CharterReviewEntry | None
    version: CharterVersion | None = None  # the charter version that did the item, if one did

    @property
    def version_on(self) -> date | None:
        return dhaka_date(self.version.applied_at) if self.version is not None else None


@dataclass(frozen=True)
class ComplianceRow:
    office: OfficeRef
    items: dict[str, ItemStatus]

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.items.values() if s.status == DONE)


def status_of(entry: CharterReviewEntry | None, quarter: Period) -> str:
    """Done within the quarter; late when done after it ended; not done without an entry."""
    if entry is None:
        return NOT_DONE
    return DONE if entry.done_on <= quarter.end else LATE


def latest_entries(
    session: Session, office_ids: list[int], quarter: Period
) -> dict[tuple[int, str], CharterReviewEntry]:
    rows = session.scalars(
        select(CharterReviewEntry)
        .where(
            CharterReviewEntry.office_id.in_(office_ids),
            CharterReviewEntry.year == quarter.year,
            CharterReviewEntry.quarter == quarter.number,
        )
        .order_by(CharterReviewEntry.id)
    )
    return {(e.office_id, e.item): e for e in rows}  # the latest entry of each item wins


def charter_versions_in(
    session: Session, office_ids: list[int], quarter: Period
) -> dict[int, CharterVersion]:
    """The charter versions the offices published in the quarter (a calendar quarter here, a
    quarter of the July fiscal year for the charter's own record: the same three months)."""
    fiscal_year, number = fiscal_quarter_of(quarter.start)
    return latest_versions_in_quarter(session, office_ids, fiscal_year, number)


def item_status(
    item: ReviewItem,
    entry: CharterReviewEntry | None,
    version: CharterVersion | None,
    quarter: Period,
) -> ItemStatus:
    """A charter part published in the quarter is done with the version as its evidence;
    otherwise the office's entry says (done, late or none)."""
    if item.charter_part and version is not None and item.charter_part in categories_of(version):
        return ItemStatus(DONE, entry, version)
    return ItemStatus(status_of(entry, quarter), entry)  # fmt: skip


def compliance_rows(
    session: Session, tree: OfficeTree, office: OfficeRef, quarter: Period
) -> list[ComplianceRow]:
    """The office and every office below it, each on its own."""
    ids = [i for i in tree.subtree(office.id) if tree.offices[i].kind != "cell"]
    entries = latest_entries(session, ids, quarter)
    versions = charter_versions_in(session, ids, quarter)
    return [
        ComplianceRow(
            tree.offices[i],
            {
                it.code: item_status(it, entries.get((i, it.code)), versions.get(i), quarter)
                for it in ITEMS
            },
        )  # fmt: skip
        for i in ids
    ]


def compliance_table(rows: list[ComplianceRow], lang: str, digits_bn: bool) -> list[list[str]]:
    """The table for a file: one row per office, one column per item, and a count of done."""
    head_office = "দপ্তর" if lang == "bn" else "Office"
    head_done = "সম্পন্ন (সংখ্যা)" if lang == "bn" else "Done (count)"
    table = [[head_office, *[it.label.in_language(lang) for it in ITEMS], head_done]]
    for row in rows:
        name = row.office.name_en if lang == "en" and row.office.name_en else row.office.name_bn
        cells = [_cell(row.items[it.code], lang) for it in ITEMS]
        line = [*cells, str(row.done_count)]
        table.append([name, *([bn_digits(c) for c in line] if digits_bn else line)])
    return table


def _cell(status: ItemStatus, lang: str) -> str:
    label = STATUS_LABELS[status.status].in_language(lang)
    if status.version is not None and status.version_on is not None:
        word = "চার্টার সংস্করণ" if lang == "bn" else "charter version"
        return f"{label} ({_day(status.version_on)}, {word} {status.version.number})"
    if status.entry is None:
        return label
    return f"{label} ({_day(status.entry.done_on)})"


def _day(day: date) -> str:
    return day.isoformat()
