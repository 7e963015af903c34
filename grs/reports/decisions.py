"""The decisions of a period at an office and the offices below it, one by one with their
record (the cause found, the decision, how to keep it from happening again), for the review
meeting's file. Read from the decisions' history entries, so a decision appealed since (which
clears the case's record) is listed as it was made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from grs.bangla import bn_digits
from grs.db.models import Case, Event
from grs.processes.runtime import Runtime
from grs.reports.columns import DECISION_LISTING_COLUMNS
from grs.reports.offices import OfficeRef, OfficeTree
from grs.reports.periods import Period
from grs.workflow.definition import Text

RECORD = ("decision_cause", "decision_text", "decision_prevention")


@dataclass(frozen=True)
class Decision:
    tracking_number: str
    decided_on: date
    tier: Text
    office: OfficeRef
    outcome: Text
    subject: str
    record: dict[str, str]  # the parts of RECORD that were written


@dataclass(frozen=True)
class DecisionListing:
    office: OfficeRef
    period: Period
    as_of: date
    decisions: list[Decision]  # by day, then tracking number


def decision_listing(
    rt: Runtime, session: Session, tree: OfficeTree, office: OfficeRef, period: Period
) -> DecisionListing:
    wf = rt.workflow
    as_of = min(period.end, rt.today())
    decided = list(wf.decided)
    ev = Event.__table__.c
    query = (
        select(Case.tracking_number, Case.subject, ev.occurred_on, ev.to_tier,
               ev.held_by_office_id, ev.to_state, ev.data)
        .join_from(Event.__table__, Case, Case.id == ev.case_id)
        .where(
            ev.to_state.in_(decided),
            ev.held_by_office_id.in_(tree.subtree(office.id)),
            ev.occurred_on >= period.start,
            ev.occurred_on <= as_of,
            or_(ev.from_state.is_(None), ev.from_state.not_in(decided)),
        )
        .order_by(ev.occurred_on, Case.tracking_number)
    )  # fmt: skip
    found = []
    for number, subject, day, tier, held_by, state, data in session.execute(query):
        spec = wf.tiers.get(tier)
        tier_name = spec.name if spec else Text(str(tier), str(tier))
        record = {name: str(data.get(name)) for name in RECORD if (data or {}).get(name)}
        found.append(Decision(number, day, tier_name, tree.offices[held_by],
                              wf.state_specs[state].label, subject, record))  # fmt: skip
    return DecisionListing(office, period, as_of, found)


def listing_table(listing: DecisionListing, lang: str, digits: str) -> list[list[str]]:
    """The file's rows: the headings, then one row per decision; dates and numbers in the
    reader's digits, the record's text as written."""
    table = [[c.label.in_language(lang) for c in DECISION_LISTING_COLUMNS]]
    for d in listing.decisions:
        office = d.office.name_en if lang == "en" and d.office.name_en else d.office.name_bn
        cells = {
            "tracking_number": _digits(d.tracking_number, digits),
            "decided_on": _digits(d.decided_on.isoformat(), digits),
            "tier": d.tier.in_language(lang),
            "office": office,
            "outcome": d.outcome.in_language(lang),
            "subject": d.subject,
            **{name: d.record.get(name, "") for name in RECORD},
        }
        table.append([cells[c.code] for c in DECISION_LISTING_COLUMNS])
    return table


def _digits(text: str, digits: str) -> str:
    return bn_digits(text) if digits == "bn" else text
