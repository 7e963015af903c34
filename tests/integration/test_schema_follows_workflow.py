"""The live schema and rows against the models and the workflow: the sweep's index predicate and
the check constraints as the database reports them (which `alembic check` does not compare), and
stored cases whose state, tier or clock flag the workflow in use would not produce."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import text, update

from grs.db.models import RUNNING_PREDICATE, Case
from grs.db.schema_check import SWEEP_INDEX, schema_drift
from grs.processes.runtime import Runtime
from tests.support import build_ladder, do, lodge_case

OLD_PREDICATE = "state IN ('new', 'accepted') AND NOT overdue"


@pytest.fixture
def altered(rt: Runtime) -> Iterator[Runtime]:
    """A test that alters the schema; PostgreSQL's test database outlives the test, so the
    models' index and constraints are put back afterwards."""
    yield rt
    if rt.db.is_postgresql:
        with rt.db.engine.begin() as conn:
            conn.execute(text(f"DROP INDEX IF EXISTS {SWEEP_INDEX}"))
            conn.execute(text("ALTER TABLE cases DROP CONSTRAINT IF EXISTS ck_cases_tier_range"))
            conn.execute(
                text(f"CREATE INDEX {SWEEP_INDEX} ON cases (due_on) WHERE {RUNNING_PREDICATE}")
            )


def test_a_migrated_database_with_cases_follows_the_workflow(rt: Runtime):
    ladder = build_ladder(rt)
    case = lodge_case(rt)
    do(rt, case.tracking_number, "accept", ladder.officer("gro_upz"))
    do(rt, case.tracking_number, "request_info", ladder.officer("gro_upz"), note="কাগজ দিন")
    assert schema_drift(rt.db.engine, rt.workflow) == []


def test_an_index_that_names_states_is_reported(altered: Runtime):
    rt = altered
    with rt.db.engine.begin() as conn:
        conn.execute(text(f"DROP INDEX {SWEEP_INDEX}"))
        conn.execute(text(f"CREATE INDEX {SWEEP_INDEX} ON cases (due_on) WHERE {OLD_PREDICATE}"))
    problems = schema_drift(rt.db.engine, rt.workflow)
    assert len(problems) == 1 and SWEEP_INDEX in problems[0]
    assert "state" in problems[0] and f"the models say '{RUNNING_PREDICATE}'" in problems[0]


def test_a_missing_index_is_reported(altered: Runtime):
    rt = altered
    with rt.db.engine.begin() as conn:
        conn.execute(text(f"DROP INDEX {SWEEP_INDEX}"))
    assert schema_drift(rt.db.engine, rt.workflow) == [
        f"index {SWEEP_INDEX} is missing: the sweep would read every case"
    ]


def test_a_check_constraint_the_models_do_not_have_is_reported(altered: Runtime):
    rt = altered
    if rt.db.is_postgresql:
        add = "ALTER TABLE cases ADD CONSTRAINT ck_cases_tier_range CHECK (tier BETWEEN 0 AND 3)"
        with rt.db.engine.begin() as conn:
            conn.execute(text(add))
        assert schema_drift(rt.db.engine, rt.workflow) == [
            "check constraint ck_cases_tier_range is not in the models"
        ]
    else:  # SQLite cannot add a constraint to a table; rebuild it from its own SQL, altered
        _rewrite_sqlite_table(rt, "CHECK (tier >= 0)", "CHECK (tier BETWEEN 0 AND 3)")
        problems = schema_drift(rt.db.engine, rt.workflow)
        assert problems == [
            "check constraint ck_cases_tier_not_negative reads 'tier between 0 and 3', "
            "not 'tier >= 0'"
        ]


def _rewrite_sqlite_table(rt: Runtime, old: str, new: str) -> None:
    with rt.db.engine.begin() as conn:
        conn.execute(text("PRAGMA writable_schema = ON"))
        conn.execute(
            text("UPDATE sqlite_master SET sql = replace(sql, :old, :new) WHERE name = 'cases'"),
            {"old": old, "new": new},
        )
        conn.execute(text("PRAGMA writable_schema = OFF"))
    rt.db.engine.dispose()


def test_rows_the_workflow_would_not_produce_are_reported(rt: Runtime):
    ladder = build_ladder(rt)
    first, second, third = (lodge_case(rt) for _ in range(3))
    do(rt, first.tracking_number, "accept", ladder.officer("gro_upz"))
    with rt.db.write() as session:
        session.execute(update(Case).where(Case.id == first.id).values(clock_runs=False))
        session.execute(update(Case).where(Case.id == second.id).values(state="limbo"))
        session.execute(update(Case).where(Case.id == third.id).values(tier=7))
    problems = schema_drift(rt.db.engine, rt.workflow)
    assert problems == [
        "cases in states the workflow does not have: ['limbo']",
        "cases at tier 7; the workflow's top tier is 3",
        "2 cases have a clock flag that disagrees with the running states",
    ]


def test_a_workflow_whose_running_group_differs_from_the_stored_flags_is_reported(rt: Runtime):
    ladder = build_ladder(rt)
    case = lodge_case(rt)
    do(rt, case.tracking_number, "accept", ladder.officer("gro_upz"))
    states = dict(rt.workflow.state_specs)
    states["accepted"] = replace(states["accepted"], group="paused")
    changed = replace(rt.workflow, state_specs=states)
    assert schema_drift(rt.db.engine, changed) == [
        "1 cases have a clock flag that disagrees with the running states"
    ]
