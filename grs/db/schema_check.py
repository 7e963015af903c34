"""Does the live database still follow the workflow and the models?

`alembic check` compares tables and columns, but not index predicates or check constraints, and
knows nothing of the workflow. This compares what it cannot: the sweep's partial index and the
check constraints on cases as the database reports them, and the stored rows against the
workflow in use (states it knows, tiers it has, the clock flag its running group implies).
"""

from __future__ import annotations

import re

from sqlalchemy import CheckConstraint, Engine, Index, Table, func, inspect, select, text
from sqlalchemy.orm import Session

from grs.db.models import Case
from grs.workflow.definition import Workflow

SWEEP_INDEX = "ix_cases_clock_due_on"


def schema_drift(engine: Engine, workflow: Workflow) -> list[str]:
    """Every way the database differs from the models and the workflow; empty when it follows."""
    problems = _index_drift(engine) + _check_drift(engine)
    with Session(engine) as session:
        problems += _row_drift(session, workflow)
    return problems


def _normalized(sql: str) -> str:
    """SQL text compared loosely: databases add brackets, casts and case of their own."""
    sql = re.sub(r"::\w+", "", sql.lower())
    return re.sub(r"[\s()]+", " ", sql).strip()


_cases: Table = Case.__table__  # type: ignore[assignment]


def _model_index() -> Index:
    return next(index for index in _cases.indexes if index.name == SWEEP_INDEX)


def _index_predicate(engine: Engine) -> str | None:
    """The WHERE clause of the sweep's index as the database has it, or None if it is missing."""
    if engine.dialect.name == "postgresql":
        query = "SELECT indexdef FROM pg_indexes WHERE indexname = :name"
    else:
        query = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :name"
    with engine.connect() as conn:
        definition = conn.execute(text(query), {"name": SWEEP_INDEX}).scalar()
    if definition is None:
        return None
    return definition.split(" WHERE ", 1)[1] if " WHERE " in definition else ""


def _index_drift(engine: Engine) -> list[str]:
    live = _index_predicate(engine)
    if live is None:
        return [f"index {SWEEP_INDEX} is missing: the sweep would read every case"]
    wanted = str(_model_index().dialect_options[engine.dialect.name]["where"])
    if _normalized(live) != _normalized(wanted):
        return [f"index {SWEEP_INDEX} reads {live!r}, the models say {wanted!r}"]
    return []


def _check_drift(engine: Engine) -> list[str]:
    reflected = inspect(engine).get_check_constraints("cases")
    live = {str(c["name"]): _normalized(c["sqltext"]) for c in reflected}
    wanted = {
        str(c.name): _normalized(str(c.sqltext))
        for c in _cases.constraints
        if isinstance(c, CheckConstraint)
    }
    problems = [f"check constraint {n} is missing" for n in sorted(wanted.keys() - live.keys())]
    problems += [
        f"check constraint {n} is not in the models" for n in sorted(live.keys() - wanted.keys())
    ]
    for name in sorted(wanted.keys() & live.keys()):
        if wanted[name] != live[name]:
            problems.append(f"check constraint {name} reads {live[name]!r}, not {wanted[name]!r}")
    return problems


def _row_drift(session: Session, workflow: Workflow) -> list[str]:
    problems = []
    states = set(session.scalars(select(Case.state).distinct()))
    unknown = sorted(states - set(workflow.states))
    if unknown:
        problems.append(f"cases in states the workflow does not have: {unknown}")
    top = session.scalar(select(func.max(Case.tier)))
    if top is not None and top > workflow.top_tier:
        problems.append(f"cases at tier {top}; the workflow's top tier is {workflow.top_tier}")
    running = Case.state.in_(sorted(workflow.running))
    wrong = session.scalar(select(func.count(Case.id)).where(Case.clock_runs != running))
    if wrong:
        problems.append(f"{wrong} cases have a clock flag that disagrees with the running states")
    return problems
