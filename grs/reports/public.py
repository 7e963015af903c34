"""Public statistics: for every office, what it received in a period, how much it settled in
time, and in how many working days on average. Nothing that names a complainant or a case."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from grs.processes.runtime import Runtime
from grs.reports.grievance import StintDays, durations_of
from grs.reports.history import period_history
from grs.reports.offices import CELL_KIND, OfficeRef, OfficeTree
from grs.reports.periods import Period


@dataclass(frozen=True)
class OfficeFigures:
    office: OfficeRef
    received: int
    settled: int
    settled_in_time: int
    avg_days: float | None


def public_statistics(rt: Runtime, session: Session, period: Period) -> list[OfficeFigures]:
    """Every office's own figures, over every tier it handled, read as of the period's end."""
    tree = OfficeTree.load(session)
    ids = [o.id for o in tree.offices.values() if o.kind != CELL_KIND]
    as_of = min(period.end, rt.today())
    totals: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    facts, stints = period_history(session, rt.workflow, ids, period.start, as_of)
    for fact in facts:
        for key in ("received", "settled", "settled_in_time"):
            totals[fact.office_id][key] += fact.counts[key]
    days = StintDays(rt.calendar(session))
    found = []
    for office_id in ids:
        durations = durations_of([s for s in stints if s.office_id == office_id], days)
        t = totals[office_id]
        avg = round(sum(durations) / len(durations), 1) if durations else None
        found.append(OfficeFigures(tree.offices[office_id], t["received"], t["settled"],
                                   t["settled_in_time"], avg))  # fmt: skip
    return sorted(found, key=lambda f: f.office.name_bn)
