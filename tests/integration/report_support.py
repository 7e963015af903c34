"""Generated case histories for report tests, and the report's figures worked out again in plain
Python from the stored events (a second reading of the column definitions, not the SQL)."""

from __future__ import annotations

import contextlib
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Any

from sqlalchemy import select

from grs.db.models import Case, Event
from grs.errors import GrsError
from grs.services.case_changes import CITIZEN, Actor
from grs.services.escalation import sweep
from tests.support import Ladder, do, load, lodge_case

OFFICER_MOVES = [
    ("accept", {}),
    ("resolve", {"closure_reason": "service_given"}),
    (
        "resolve",
        {
            "closure_reason": "service_given",
            "decision_cause": "আবেদন হারিয়েছিল",
            "decision_text": "সেবা দেওয়া হয়েছে",
        },
    ),
    ("file_away", {"note": "নথিজাত"}),
    ("file_away", {"note": "নথিজাত", "decision_prevention": "রেজিস্টার রাখা হবে"}),
    ("start_investigation", {}),
    ("request_info", {"note": "কাগজ দিন"}),
    ("forward", {}),
]
CITIZEN_MOVES = [
    ("answer_info", {"note": "দিলাম"}),
    ("appeal", {}),
    ("accept_outcome", {}),
    ("rate", {"rating": "3.5"}),
]
CHANNELS = ("web", "paper", "phone", "in_person")


def _officer_for(ladder: Ladder, case: Case) -> Actor | None:
    holder = case.current_post.holder_id
    found = next((o for o in ladder.officers.values() if o.id == holder), None)
    return Actor("officer", found) if found else None


def _try(rt: Any, tracking: str, trigger: str, actor: Actor, args: dict[str, Any]) -> None:
    # Not allowed in this state or at this tier: the history simply goes on.
    with contextlib.suppress(GrsError):
        do(rt, tracking, trigger, actor, **args)


def generate(rt: Any, clock: Any, ladder: Ladder, start: date, days: int, seed: int) -> None:
    """Lodge and work cases day by day, sweeping every morning, so cases cross periods,
    tiers and offices."""
    rng = random.Random(seed)
    open_cases: list[str] = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        clock.set(day)
        sweep(rt, day)
        for _ in range(rng.choice((0, 1, 1, 2))):
            open_cases.append(_lodge(rt, rng, ladder, day))
        for tracking in list(open_cases):
            if rng.random() < 0.35:
                _move(rt, rng, ladder, tracking)


def _lodge(rt: Any, rng: random.Random, ladder: Ladder, day: date) -> str:
    office = rng.choice(("UPZ", "UPZ", "UPZ2"))
    extra: dict[str, Any] = {}
    if office == "UPZ" and rng.random() < 0.3:
        service = ladder.services[rng.choice(("quick", "long"))]
        extra = {"service_id": service.id, "service_applied_on": day.isoformat()}
    kind = rng.choice(("citizen", "citizen", "office", "staff"))
    case = lodge_case(rt, office_code=office, channel=rng.choice(CHANNELS), complaint_type=kind,
                      **extra)  # fmt: skip
    return case.tracking_number


def _move(rt: Any, rng: random.Random, ladder: Ladder, tracking: str) -> None:
    case = load(rt, tracking)
    if rng.random() < 0.6:
        actor = _officer_for(ladder, case)
        trigger, args = rng.choice(OFFICER_MOVES)
        if actor is None:
            return
        if trigger == "forward":
            args = {"target_office": "UPZ2" if case.office.code == "UPZ" else "UPZ"}
        _try(rt, tracking, trigger, actor, args)
    else:
        trigger, args = rng.choice(CITIZEN_MOVES)
        _try(rt, tracking, trigger, CITIZEN, args)


# ---- the same figures, read again from the events in Python ----


@dataclass
class Expected:
    counts: dict[tuple[int, int], Counter[str]]
    durations: dict[tuple[int, int], list[int]]


def load_history(rt: Any) -> tuple[dict[int, list[Event]], dict[int, Case]]:
    with rt.db.read_session() as s:
        events = list(s.scalars(select(Event).order_by(Event.case_id, Event.seq)))
        cases = {c.id: c for c in s.scalars(select(Case))}
        s.expunge_all()
    by_case: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        by_case[event.case_id].append(event)
    return by_case, cases


def expected_figures(
    rt: Any, history: dict[int, list[Event]], cases: dict[int, Case], start: date, end: date
) -> Expected:
    """Per (tier, holding office): every count of the report, and the settled durations."""
    wf = rt.workflow
    calendar = rt.calendar(rt.db.read_session())
    out: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    durations: dict[tuple[int, int], list[int]] = defaultdict(list)
    for case_id, events in history.items():
        events = [e for e in events if e.occurred_on <= end]
        if not events:
            continue
        case = cases[case_id]
        before = [e for e in events if e.occurred_on < start]
        if before and before[-1].to_state in wf.open_states:
            out[before[-1].to_tier, before[-1].held_by_office_id]["carried_over"] += 1
        last = events[-1]
        if last.to_state in wf.open_states:
            out[last.to_tier, last.held_by_office_id]["running"] += 1
            if last.to_state in wf.running and last.due_after < end:
                out[last.to_tier, last.held_by_office_id]["overdue"] += 1
        stint_start = None
        for i, e in enumerate(events):
            prev = events[i - 1] if i else None
            arrived = prev is None or prev.held_by_office_id != e.held_by_office_id or (
                prev.to_tier != e.to_tier)  # fmt: skip
            if arrived:
                stint_start = e.occurred_on
            if e.occurred_on < start:
                continue
            here = out[e.to_tier, e.held_by_office_id]
            if arrived:
                here["received"] += 1
                here[f"received_{case.channel}"] += 1
            was_decided = prev is not None and prev.to_state in wf.decided
            if e.to_state in wf.decided and not was_decided:
                here["settled"] += 1
                here["settled_in_time" if e.occurred_on <= e.due_before else "settled_late"] += 1
                here["filed"] += e.to_state == "filed"
                record = e.data or {}
                here["settled_with_cause"] += bool(record.get("decision_cause", "").strip())
                here["settled_with_prevention"] += bool(
                    record.get("decision_prevention", "").strip()
                )
                durations[e.to_tier, e.held_by_office_id].append(
                    calendar.working_days_between(stint_start, e.occurred_on)
                )
            if e.action == "start_investigation" and e.due_after > e.due_before:
                here["extended"] += 1
            if e.action == "rate":
                here["ratings"] += 1
                here["rating_tenths"] += int(case.rating * 10)
            if prev is not None and e.action in ("forward", "escalate", "appeal"):
                name = {"forward": "forwarded", "escalate": "escalated", "appeal": "appealed"}
                out[e.from_tier, prev.held_by_office_id][name[e.action]] += 1
    return Expected(out, durations)


def combine(expected: Expected, tier: int, office_ids: set[int]) -> dict[str, Any]:
    total: Counter[str] = Counter()
    durations: list[int] = []
    for (t, office), counts in expected.counts.items():
        if t == tier and office in office_ids:
            total.update(counts)
            durations.extend(expected.durations.get((t, office), []))
    grand = total["carried_over"] + total["received"]
    values: dict[str, Any] = {k: v for k, v in total.items() if not k.startswith(("_", "rating_t"))}
    values["total"] = grand
    values["settlement_rate"] = round(100 * total["settled"] / grand, 1) if grand else None
    values["avg_days"] = round(sum(durations) / len(durations), 1) if durations else None
    values["median_days"] = float(median(durations)) if durations else None
    ratings = total["ratings"]
    values["rating_avg"] = round(total["rating_tenths"] / 10 / ratings, 2) if ratings else None
    return values
