"""The ladder definition and its shared state machine, without a database."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from grs.workflow.definition import WorkflowError
from grs.workflow.engine import TransitionRefused, WorkflowEngine
from grs.workflow.reading import load_workflow, parse_workflow

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


def shipped() -> dict[str, Any]:
    return tomllib.loads(LADDER.read_text(encoding="utf-8"))


def broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    data = copy.deepcopy(shipped())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["triggers"]["accept"].update(to="gone"), "unknown states"),
        (lambda d: d["triggers"]["accept"].update(by="anyone"), "unknown role"),
        (lambda d: d["triggers"]["accept"].update(tiers=["nowhere"]), "unknown tier"),
        (lambda d: d["triggers"]["accept"].update(needs=["photo"]), "unknown inputs"),
        (lambda d: d["tiers"][1].update(post="mayor"), "unknown post rule"),
        (lambda d: d["tiers"][1].pop("working_days"), "neither working_days"),
        (lambda d: d["tiers"][2].update(key="gro"), "tier keys must be unique"),
        (lambda d: d["states"]["new"].update(group="limbo"), "unknown group"),
        (lambda d: d["states"]["closed"].update(group="decided"), "no state in the group final"),
        (lambda d: d["lodging"].update(state="closed"), "must start in a running state"),
        (lambda d: d["lodging"].update(start="mayor"), "unknown tier"),
        (lambda d: d["tiers"][3].update(against=d["tiers"][1]["against"]), "top tier"),
        (lambda d: d["triggers"].pop("escalate"), "system trigger escalate"),
        (lambda d: d["states"]["new"].update(label={"en": "New"}), "its Bangla"),
        (lambda d: d["tiers"][0].pop("name"), "malformed entry"),
    ],
)
def test_inconsistent_definitions_are_refused(change, message):
    with pytest.raises(WorkflowError, match=message):
        parse_workflow(broken(change))


def test_the_file_names_every_tier_state_and_trigger_in_both_languages(engine: WorkflowEngine):
    workflow = engine.workflow
    texts = [spec.name for spec in workflow.tiers.values()]
    texts += [spec.label for spec in workflow.state_specs.values()]
    texts += [spec.label for spec in workflow.triggers.values()]
    texts += [spec.done for spec in workflow.triggers.values()]
    assert all(text.bn and text.en and text.bn != text.en for text in texts)


def test_tiers_are_found_by_their_post_rule_not_their_number(engine: WorkflowEngine):
    workflow = engine.workflow
    assert workflow.tier_for_post("gro") == workflow.start_tier == 1
    assert workflow.tier_for_post("appeal_officer") == 2
    assert workflow.tier_for_post("cell") == workflow.top_tier == 3
    assert workflow.service_tier == 0
    assert [spec.key for spec in workflow.against_tiers()] == ["gro", "appeal_officer"]
    assert workflow.state_values("info_requested") == {
        "state": "info_requested",
        "clock_runs": False,
    }
    assert workflow.state_values("investigating")["clock_runs"] is True
