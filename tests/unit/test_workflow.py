"""The ladder definition and its shared state machine, without a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from grs.workflow.definition import WorkflowError, load_workflow, parse_workflow
from grs.workflow.engine import TransitionRefused, WorkflowEngine

LADDER = Path(__file__).resolve().parents[2] / "workflows" / "grs_ladder.toml"


@pytest.fixture(scope="module")
def engine() -> WorkflowEngine:
    return WorkflowEngine(load_workflow(LADDER))


def test_the_ladder_durations(engine: WorkflowEngine):
    tiers = engine.workflow.tiers
    assert tiers[0].working_days is None  # the service's own charter limit
    assert [tiers[t].working_days for t in (1, 2, 3)] == [30, 20, 60]
    assert tiers[1].investigation_extension_days == 10
    assert engine.workflow.appeal_window_months == 1


@pytest.mark.parametrize(
    ("state", "trigger", "after"),
    [
        ("new", "accept", "accepted"),
        ("accepted", "request_info", "info_requested"),
        ("info_requested", "answer_info", "accepted"),
        ("accepted", "resolve", "resolved"),
        ("resolved", "appeal", "new"),
        ("filed", "accept_outcome", "closed"),
        ("investigating", "escalate", "new"),
        ("accepted", "add_note", "accepted"),
        ("closed", "rate", "closed"),
    ],
)
def test_allowed_transitions(engine: WorkflowEngine, state: str, trigger: str, after: str):
    assert engine.next_state(state, trigger) == after


@pytest.mark.parametrize(
    ("state", "trigger"),
    [("closed", "accept"), ("new", "answer_info"), ("info_requested", "escalate"),
     ("resolved", "request_info"), ("new", "rate"), ("closed", "appeal")],
)  # fmt: skip
def test_refused_transitions(engine: WorkflowEngine, state: str, trigger: str):
    with pytest.raises(TransitionRefused):
        engine.next_state(state, trigger)


def test_unknown_trigger_is_refused(engine: WorkflowEngine):
    with pytest.raises(TransitionRefused, match="unknown action"):
        engine.next_state("new", "delete_everything")


def test_paused_cases_never_escalate(engine: WorkflowEngine):
    assert "escalate" not in engine.allowed_triggers("info_requested")
    assert "escalate" in engine.allowed_triggers("investigating")


def test_one_machine_serves_every_case(engine: WorkflowEngine):
    # No model is bound: firing for thousands of cases adds nothing to the machine.
    for _ in range(1000):
        engine.next_state("new", "accept")
    assert engine.machine.models == []


def test_inconsistent_definitions_are_refused():
    base = {
        "name": "x", "closure_reasons": ["other"],
        "states": {"running": ["new"], "paused": [], "decided": [], "final": ["closed"]},
        "tiers": [{"tier": 0, "post": "gro", "working_days": 5}],
        "triggers": [{"name": "close", "from": ["new"], "to": "gone", "by": "officer",
                      "tiers": [0]}],
    }  # fmt: skip
    with pytest.raises(WorkflowError, match="unknown states"):
        parse_workflow(base)
    base["triggers"][0]["to"] = "closed"  # type: ignore[index]
    base["triggers"][0]["by"] = "anyone"  # type: ignore[index]
    with pytest.raises(WorkflowError, match="unknown role"):
        parse_workflow(base)
