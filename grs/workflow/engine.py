"""The state machine of a workflow: one shared `transitions` machine, no models bound to it.

A machine per case would cost a fraction of a millisecond and tens of KiB each; instead a
throw-away token carrying only the current state is fired through the shared machine.
"""

from __future__ import annotations

from dataclasses import dataclass

from transitions import Machine, MachineError

from grs.workflow.definition import Workflow


class TransitionRefused(Exception):
    """The workflow has no such trigger from the case's current state."""


@dataclass
class _Token:
    state: str


class WorkflowEngine:
    def __init__(self, workflow: Workflow) -> None:
        self.workflow = workflow
        self.machine = Machine(
            model=None,
            states=workflow.states,
            transitions=[self._transition(spec.name) for spec in workflow.triggers.values()],
            initial=None,
            auto_transitions=False,
            ignore_invalid_triggers=False,
        )

    def _transition(self, name: str) -> dict[str, object]:
        spec = self.workflow.triggers[name]
        return {"trigger": name, "source": list(spec.sources), "dest": spec.dest}

    def next_state(self, state: str, trigger: str) -> str:
        """The state after `trigger` fires in `state`; refused if the workflow has no such edge."""
        if trigger not in self.machine.events:
            raise TransitionRefused(f"unknown action {trigger!r}")
        token = _Token(state)
        try:
            self.machine.events[trigger].trigger(token)
        except MachineError as exc:
            raise TransitionRefused(f"{trigger} is not allowed while the case is {state}") from exc
        return token.state

    def allowed_triggers(self, state: str) -> list[str]:
        return [name for name, spec in self.workflow.triggers.items() if state in spec.sources]
