"""Reading a workflow file (TOML under workflows/) into a checked `Workflow`.

Every reference is checked when the file is read: a trigger naming a state, tier or input that
does not exist, a tier without a time limit or with an unknown post rule, a state outside the
groups. A running system never meets a half-valid ladder.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from grs.workflow.definition import (
    GROUPS,
    INPUTS,
    POST_RULES,
    REQUEST_KINDS,
    ROLES,
    Against,
    StateSpec,
    Text,
    TierSpec,
    TriggerSpec,
    Workflow,
    WorkflowError,
)


def load_workflow(path: Path) -> Workflow:
    return parse_workflow(tomllib.loads(path.read_text(encoding="utf-8")))


def parse_workflow(data: dict[str, Any]) -> Workflow:
    try:
        return _parse(data)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, WorkflowError):
            raise
        raise WorkflowError(f"workflow file: missing or malformed entry {exc}") from exc


def _parse(data: dict[str, Any]) -> Workflow:
    tiers = {n: _tier(n, entry) for n, entry in enumerate(data["tiers"])}
    if len(tiers) < 2:
        raise WorkflowError("a ladder needs at least two tiers")
    keys = {spec.key: spec.tier for spec in tiers.values()}
    if len(keys) != len(tiers):
        raise WorkflowError("tier keys must be unique")
    states = {name: _state(name, entry) for name, entry in data["states"].items()}
    triggers = {name: _trigger(name, entry, keys) for name, entry in data["triggers"].items()}
    workflow = Workflow(
        name=str(data["name"]),
        tiers=tiers,
        state_specs=states,
        group_labels={g: _text(data["groups"][g]["label"]) for g in GROUPS},
        triggers=triggers,
        closure_labels={k: _text(v["label"]) for k, v in data["closure_reasons"].items()},
        start_tier=_tier_key(keys, data["lodging"]["start"]),
        lodged_state=str(data["lodging"]["state"]),
        appeal_window_months=int(data.get("appeal_window_months", 1)),
        opinion_days=int(data.get("opinion_days", 7)),
        info_answer_days=int(data.get("info_answer_days", 10)),
        info_request_pauses_clock=bool(data.get("info_request_pauses_clock", True)),
        investigation_report_days=int(data.get("investigation_report_days", 20)),
        max_investigators=int(data.get("max_investigators", 3)),
    )
    _check(workflow)
    return workflow


def _text(entry: Any) -> Text:
    if not isinstance(entry, dict) or not str(entry.get("bn", "")).strip():
        raise WorkflowError(f"a text needs at least its Bangla: {entry!r}")
    return Text(bn=str(entry["bn"]), en=str(entry.get("en", "")))


def _optional_text(entry: Any) -> Text | None:
    return None if entry is None else _text(entry)


def _tier(number: int, entry: dict[str, Any]) -> TierSpec:
    days = entry.get("working_days")
    if days is None and entry.get("duration") != "service":
        raise WorkflowError(f"tier {entry.get('key')} has neither working_days nor duration")
    if entry["post"] not in POST_RULES:
        raise WorkflowError(f"tier {entry.get('key')}: unknown post rule {entry['post']!r}")
    against = entry.get("against")
    return TierSpec(
        tier=number,
        key=str(entry["key"]),
        post=str(entry["post"]),
        levels_up=int(entry.get("levels_up", 0)),
        working_days=None if days is None else int(days),
        investigation_extension_days=int(entry.get("investigation_extension_days", 0)),
        name=_text(entry["name"]),
        phrase=_text(entry.get("phrase", entry["name"])),
        hint=_optional_text(entry.get("hint")),
        against=Against(_text(against["label"]), _text(against["hint"])) if against else None,
    )


def _state(name: str, entry: dict[str, Any]) -> StateSpec:
    if entry["group"] not in GROUPS:
        raise WorkflowError(f"state {name}: unknown group {entry['group']!r}")
    label = _text(entry["label"])
    return StateSpec(
        name, str(entry["group"]), label, _optional_text(entry.get("explain")) or label
    )


def _tier_key(keys: dict[str, int], key: str) -> int:
    if key not in keys:
        raise WorkflowError(f"unknown tier {key!r}")
    return keys[key]


def _tiers(keys: dict[str, int], listed: Any) -> frozenset[int]:
    if listed == "all":
        return frozenset(keys.values())
    return frozenset(_tier_key(keys, key) for key in listed)


def _inputs(name: str, listed: list[str]) -> frozenset[str]:
    unknown = set(listed) - set(INPUTS)
    if unknown:
        raise WorkflowError(f"trigger {name}: unknown inputs {sorted(unknown)}")
    return frozenset(listed)


def _trigger(name: str, entry: dict[str, Any], keys: dict[str, int]) -> TriggerSpec:
    return TriggerSpec(
        name=name,
        sources=tuple(entry["from"]),
        dest=entry.get("to") or None,
        by=str(entry["by"]),
        tiers=_tiers(keys, entry["tiers"]),
        needs=_inputs(name, entry.get("needs", [])),
        takes=_inputs(name, entry.get("takes", [])),
        citizen_sees=bool(entry.get("citizen_sees", True)),
        grave=bool(entry.get("grave", False)),
        label=_text(entry["label"]),
        done=_text(entry["done"]),
        done_for_citizen=_optional_text(entry.get("done_for_citizen")),
        heading=_optional_text(entry.get("heading")),
        confirmation=_optional_text(entry.get("confirmation")),
        request=str(entry["request"]) if "request" in entry else None,
    )


def _check(workflow: Workflow) -> None:
    known = set(workflow.states)
    for spec in workflow.triggers.values():
        unknown = (set(spec.sources) | ({spec.dest} if spec.dest else set())) - known
        if unknown:
            raise WorkflowError(f"trigger {spec.name}: unknown states {sorted(unknown)}")
        if spec.by not in ROLES:
            raise WorkflowError(f"trigger {spec.name}: unknown role {spec.by}")
        if spec.request is not None and spec.request not in REQUEST_KINDS:
            raise WorkflowError(f"trigger {spec.name}: unknown request {spec.request!r}")
        if spec.by == "asked" and spec.request is None:
            raise WorkflowError(f"trigger {spec.name}: an asked post answers a named request")
    for group in GROUPS:
        if not workflow.group(group):
            raise WorkflowError(f"no state in the group {group}")
    if workflow.lodged_state not in workflow.running:
        raise WorkflowError("a new case must start in a running state")
    for name in ("escalate", "mark_overdue", "recompute_deadline"):
        if name not in workflow.triggers or workflow.triggers[name].by != "system":
            raise WorkflowError(f"the sweep and the calendar need the system trigger {name}")
    if workflow.tiers[workflow.top_tier].against is not None:
        raise WorkflowError("a complaint about the top tier has nowhere to go")
