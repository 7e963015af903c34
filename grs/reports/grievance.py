"""The grievance report of an office for a month or a quarter: a block per tier of the ladder,
with a row for the office itself and one per office below it (its own offices rolled up), and
the same figures by service and by complaint type.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.calendar.working_days import CalendarError, WorkingCalendar
from grs.db.models import Service
from grs.processes.runtime import Runtime
from grs.reports import columns as col
from grs.reports.history import FactRow, SettledStint, period_history
from grs.reports.offices import OfficeRef, OfficeTree
from grs.reports.periods import Period
from grs.workflow.definition import Text

Value = int | float | None


@dataclass(frozen=True)
class ReportRow:
    office: OfficeRef | None  # None: the total
    own: bool  # the office alone, without the offices below it
    rolled_up: bool  # the office with the offices below it
    values: dict[str, Value]


@dataclass(frozen=True)
class TierBlock:
    tier: int
    key: str
    name: Text
    rows: list[ReportRow]
    total: ReportRow


@dataclass(frozen=True)
class BreakdownRow:
    code: str
    label: Text
    values: dict[str, Value]


@dataclass(frozen=True)
class GrievanceReport:
    office: OfficeRef
    period: Period
    as_of: date  # the last day the history is read to: the period's end, or today if sooner
    columns: list[col.Column]
    blocks: list[TierBlock]
    by_service: list[BreakdownRow]
    by_type: list[BreakdownRow]


def grievance_report(
    rt: Runtime, session: Session, tree: OfficeTree, office: OfficeRef, period: Period
) -> GrievanceReport:
    as_of = min(period.end, rt.today())
    groups = _row_groups(tree, office)
    scope = tree.subtree(office.id)
    facts, stints = period_history(session, rt.workflow, scope, period.start, as_of)
    days = StintDays(rt.calendar(session))
    channels = sorted({*col.CHANNELS, *(f.channel for f in facts if f.channel)},
                      key=_channel_order)  # fmt: skip
    blocks = []
    for spec in rt.workflow.tiers.values():
        rows = [
            ReportRow(ref, own, not own and bool(tree.below(ref.id)),
                      _values([f for f in facts if f.tier == spec.tier and f.office_id in ids],
                              [s for s in stints if s.tier == spec.tier and s.office_id in ids],
                              channels, days))
            for ref, own, ids in groups
        ]  # fmt: skip
        in_scope = [f for f in facts if f.tier == spec.tier]
        total = _values(in_scope, [s for s in stints if s.tier == spec.tier], channels, days)
        blocks.append(
            TierBlock(spec.tier, spec.key, spec.name, rows, ReportRow(None, False, False, total))
        )
    return GrievanceReport(
        office, period, as_of, col.tier_columns(channels), blocks,
        _by_service(session, facts), _by_type(facts),
    )  # fmt: skip


def _channel_order(channel: str) -> tuple[int, str]:
    known = list(col.CHANNELS)
    return (known.index(channel) if channel in known else len(known), channel)


def _row_groups(tree: OfficeTree, office: OfficeRef) -> list[tuple[OfficeRef, bool, set[int]]]:
    """The office on its own, then each office below it with everything under that one."""
    groups = [(office, True, {office.id})]
    for child in tree.below(office.id):
        groups.append((tree.offices[child], False, set(tree.subtree(child))))
    return groups


class StintDays:
    """Working days from a stint's start to its decision, worked out once per pair of dates."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.cache: dict[tuple[date, date], int | None] = {}

    def __call__(self, start: date, end: date) -> int | None:
        if (start, end) not in self.cache:
            try:
                self.cache[start, end] = max(0, self.calendar.working_days_between(start, end))
            except CalendarError:  # outside the calendar's years: left out of the average
                self.cache[start, end] = None
        return self.cache[start, end]


def _values(
    facts: list[FactRow], stints: list[SettledStint], channels: list[str], days: StintDays
) -> dict[str, Value]:
    counts: Counter[str] = Counter()
    rating_sum = 0.0
    for fact in facts:
        counts.update(fact.counts)
        rating_sum += fact.rating_sum
        if fact.channel and fact.counts["received"]:
            counts[f"received_{fact.channel}"] += fact.counts["received"]
    values: dict[str, Value] = {key: counts[key] for key in counts}
    for channel in channels:
        values.setdefault(f"received_{channel}", 0)
    values.update(_derived(counts, rating_sum, durations_of(stints, days)))
    return values


def durations_of(stints: Iterable[SettledStint], days: StintDays) -> list[int]:
    found: list[int] = []
    for stint in stints:
        n = days(stint.started_on, stint.decided_on)
        if n is not None:
            found.extend([n] * stint.n)
    return found


def _derived(counts: Counter[str], rating_sum: float, durations: list[int]) -> dict[str, Value]:
    total = counts["carried_over"] + counts["received"]
    return {
        "carried_over": counts["carried_over"],
        "received": counts["received"],
        "total": total,
        "settled_late": counts["settled"] - counts["settled_in_time"],
        "settlement_rate": round(100 * counts["settled"] / total, 1) if total else None,
        "avg_days": round(sum(durations) / len(durations), 1) if durations else None,
        "median_days": float(median(durations)) if durations else None,
        "rating_avg": round(rating_sum / counts["ratings"], 2) if counts["ratings"] else None,
        **{c.code: counts[c.code] for c in (*col.TIER_COLUMNS, *col.DECISION_RECORD_COLUMNS)
           if c.kind == "count" and c.code not in ("total", "settled_late")},
    }  # fmt: skip


def _breakdown(facts: list[FactRow], key: str) -> dict[object, Counter[str]]:
    found: dict[object, Counter[str]] = {}
    for fact in facts:
        found.setdefault(getattr(fact, key), Counter()).update(fact.counts)
    return found


def _breakdown_values(counts: Counter[str]) -> dict[str, Value]:
    return {c.code: counts[c.code] for c in col.BREAKDOWN_COLUMNS}


def _by_service(session: Session, facts: list[FactRow]) -> list[BreakdownRow]:
    grouped = _breakdown(facts, "service_id")
    ids = [sid for sid in grouped if sid is not None]
    query = select(Service.id, Service.name).where(Service.id.in_(ids))
    names: dict[object, str] = {sid: name for sid, name in session.execute(query)}
    rows = [
        BreakdownRow(str(sid), Text(names.get(sid, ""), names.get(sid, "")),
                     _breakdown_values(counts))
        for sid, counts in grouped.items() if sid is not None
    ]  # fmt: skip
    rows.sort(key=lambda r: r.label.bn)
    if None in grouped:
        none = Text("নির্দিষ্ট সেবা ছাড়া", "No particular service")
        rows.append(BreakdownRow("", none, _breakdown_values(grouped[None])))
    return rows


def _by_type(facts: list[FactRow]) -> list[BreakdownRow]:
    grouped = _breakdown(facts, "complaint_type")
    order = list(col.COMPLAINT_TYPES)
    codes = sorted((c for c in grouped if isinstance(c, str)),
                   key=lambda c: order.index(c) if c in order else len(order))  # fmt: skip
    return [
        BreakdownRow(code, col.COMPLAINT_TYPES.get(code, Text(code, code)),
                     _breakdown_values(grouped[code]))
        for code in codes
    ]  # fmt: skip
