"""A workflow definition (tiers, states, triggers, roles) read from a TOML file under workflows/."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class WorkflowError(ValueError):
    """The workflow file is inconsistent: unknown states, tiers or roles."""


@dataclass(frozen=True)
class TierSpec:
    tier: int
    post: str
    working_days: int | None  # None: the service's charter time limit decides
    investigation_extension_days: int = 0


@dataclass(frozen=True)
class TriggerSpec:
    name: str
    sources: tuple[str, ...]
    dest: str | None  # None: the state does not change
    by: str  # officer | citizen | system
    tiers: frozenset[int]
    needs_note: bool = False


@dataclass(frozen=True)
class Workflow:
    name: str
    tiers: dict[int, TierSpec]
    triggers: dict[str, TriggerSpec]
    running: frozenset[str]
    paused: frozenset[str]
    decided: frozenset[str]
    final: frozenset[str]
    appeal_window_months: int
    opinion_days: int
    closure_reasons: tuple[str, ...]

    @property
    def states(self) -> list[str]:
        return sorted(self.running | self.paused | self.decided | self.final)

    @property
    def open_states(self) -> frozenset[str]:
        return self.running | self.paused

    @property
    def top_tier(self) -> int:
        return max(self.tiers)


def load_workflow(path: Path) -> Workflow:
    return parse_workflow(tomllib.loads(path.read_text(encoding="utf-8")))


def parse_workflow(data: dict[str, Any]) -> Workflow:
    states = data["states"]
    tiers = {spec.tier: spec for spec in map(_tier, data["tiers"])}
    triggers = {spec.name: spec for spec in map(_trigger, data["triggers"])}
    workflow = Workflow(
        name=data["name"],
        tiers=tiers,
        triggers=triggers,
        running=frozenset(states["running"]),
        paused=frozenset(states["paused"]),
        decided=frozenset(states["decided"]),
        final=frozenset(states["final"]),
        appeal_window_months=int(data.get("appeal_window_months", 1)),
        opinion_days=int(data.get("opinion_days", 7)),
        closure_reasons=tuple(data["closure_reasons"]),
    )
    _check(workflow)
    return workflow


def _tier(entry: dict[str, Any]) -> TierSpec:
    days = entry.get("working_days")
    if days is None and entry.get("duration") != "service":
        raise WorkflowError(f"tier {entry.get('tier')} has neither working_days nor duration")
    return TierSpec(
        tier=int(entry["tier"]),
        post=str(entry["post"]),
        working_days=None if days is None else int(days),
        investigation_extension_days=int(entry.get("investigation_extension_days", 0)),
    )


def _trigger(entry: dict[str, Any]) -> TriggerSpec:
    return TriggerSpec(
        name=str(entry["name"]),
        sources=tuple(entry["from"]),
        dest=entry.get("to") or None,
        by=str(entry["by"]),
        tiers=frozenset(int(t) for t in entry["tiers"]),
        needs_note=bool(entry.get("needs_note", False)),
    )


def _check(workflow: Workflow) -> None:
    known = set(workflow.states)
    for spec in workflow.triggers.values():
        unknown = (set(spec.sources) | ({spec.dest} if spec.dest else set())) - known
        if unknown:
            raise WorkflowError(f"trigger {spec.name}: unknown states {sorted(unknown)}")
        if spec.by not in {"officer", "citizen", "system"}:
            raise WorkflowError(f"trigger {spec.name}: unknown role {spec.by}")
        if not spec.tiers <= set(workflow.tiers):
            raise WorkflowError(f"trigger {spec.name}: unknown tiers")
    if sorted(workflow.tiers) != list(range(len(workflow.tiers))):
        raise WorkflowError("tiers must be numbered 0, 1, 2, ... without gaps")
