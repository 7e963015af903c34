"""A workflow definition: the ladder's tiers and who handles each, the states and their groups,
the triggers, and the words people read for all of them. Read from a TOML file (see `reading`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

# The engine gives these groups their meaning; the workflow says which states belong to each.
GROUPS = ("running", "paused", "decided", "final")
# "asked": whoever acts today for a post that the case's open request (of the trigger's
# `request` kind: an opinion, an investigation) names; not the case's own officer.
ROLES = ("officer", "citizen", "system", "asked")
REQUEST_KINDS = ("opinion", "investigation")
# What may come with a trigger: a note, a closure reason, an office code, a number of days,
# attached files, a rating, the citizen's confirmation, the decision record (cause, decision,
# prevention), the post asked for an opinion, the investigating posts.
INPUTS = (
    "note", "reason", "office", "days", "files", "rating", "confirm", "decision", "post",
    "investigators",
)  # fmt: skip
# The rules by which the engine finds the post that handles a tier (see ladder.post_for_tier).
POST_RULES = ("service_officer", "gro", "appeal_officer", "cell")


class WorkflowError(ValueError):
    """The workflow file is inconsistent: unknown states, tiers, roles or rules."""


@dataclass(frozen=True)
class Text:
    """A text in Bangla and English."""

    bn: str
    en: str

    def in_language(self, language: str) -> str:
        return self.en if language == "en" and self.en else self.bn


@dataclass(frozen=True)
class Against:
    """A complaint about a tier's own officer, which starts at the tier above."""

    label: Text
    hint: Text


@dataclass(frozen=True)
class TierSpec:
    tier: int  # its place on the ladder, 0 at the bottom
    key: str
    post: str  # one of POST_RULES
    levels_up: int  # for the gro rule: the GRO of the office this many levels above
    working_days: int | None  # None: the service's charter time limit decides
    investigation_extension_days: int
    name: Text  # a title: "Appeal officer"
    phrase: Text  # inside a sentence: "the appeal officer"
    hint: Text | None
    against: Against | None

    @property
    def takes_service_time_limit(self) -> bool:
        return self.working_days is None


@dataclass(frozen=True)
class StateSpec:
    name: str
    group: str
    label: Text
    explain: Text


@dataclass(frozen=True)
class TriggerSpec:
    name: str
    sources: tuple[str, ...]
    dest: str | None  # None: the state does not change
    by: str  # one of ROLES
    tiers: frozenset[int]
    needs: frozenset[str]
    takes: frozenset[str]
    citizen_sees: bool
    grave: bool
    label: Text
    done: Text
    done_for_citizen: Text | None
    heading: Text | None
    confirmation: Text | None  # what the citizen is told once it is done
    # The kind of outside request the trigger opens, answers or closes (one of REQUEST_KINDS).
    request: str | None = None

    @property
    def needs_note(self) -> bool:
        return "note" in self.needs

    def accepts(self, what: str) -> bool:
        return what in self.needs or what in self.takes

    def history_text(self, for_citizen: bool) -> Text:
        return (self.done_for_citizen or self.done) if for_citizen else self.done


@dataclass(frozen=True)
class Workflow:
    name: str
    tiers: dict[int, TierSpec]
    state_specs: dict[str, StateSpec]
    group_labels: dict[str, Text]
    triggers: dict[str, TriggerSpec]
    closure_labels: dict[str, Text]
    start_tier: int
    lodged_state: str
    appeal_window_months: int
    opinion_days: int
    # Working days a complainant has to answer a request for information; then the clock
    # runs again by itself.
    info_answer_days: int = 10
    # Whether a tier's clock stops while the complainant is asked (the guideline does not stop it).
    info_request_pauses_clock: bool = True
    # Working days the investigating officers get for their report, and how many may be named.
    investigation_report_days: int = 20
    max_investigators: int = 3

    @property
    def states(self) -> list[str]:
        return list(self.state_specs)

    @cached_property
    def _group_members(self) -> dict[str, frozenset[str]]:
        # Read on every change of state (the clock flag) and by the sweep: worked out once.
        return {
            group: frozenset(s.name for s in self.state_specs.values() if s.group == group)
            for group in GROUPS
        }

    def group(self, name: str) -> frozenset[str]:
        return self._group_members.get(name, frozenset())

    @property
    def running(self) -> frozenset[str]:
        return self.group("running")

    @property
    def paused(self) -> frozenset[str]:
        return self.group("paused")

    @property
    def decided(self) -> frozenset[str]:
        return self.group("decided")

    @property
    def final(self) -> frozenset[str]:
        return self.group("final")

    @property
    def open_states(self) -> frozenset[str]:
        return self.running | self.paused

    @property
    def closure_reasons(self) -> tuple[str, ...]:
        return tuple(self.closure_labels)

    @property
    def top_tier(self) -> int:
        return max(self.tiers)

    def is_top(self, tier: int) -> bool:
        return tier == self.top_tier

    def tier_by_key(self, key: str) -> TierSpec:
        for spec in self.tiers.values():
            if spec.key == key:
                return spec
        raise WorkflowError(f"no tier {key!r}")

    def tier_for_post(self, rule: str, levels_up: int = 0) -> int | None:
        """The tier handled by posts of `rule` (the first such tier), if the ladder has one."""
        for spec in self.tiers.values():
            if spec.post == rule and spec.levels_up == levels_up:
                return spec.tier
        return None

    @property
    def service_tier(self) -> int | None:
        """The tier whose time limit is the service's own, if the ladder starts with one."""
        return next((s.tier for s in self.tiers.values() if s.takes_service_time_limit), None)

    def against_tiers(self) -> list[TierSpec]:
        """Tiers whose officer a complaint may be about (it then starts one tier higher)."""
        return [spec for spec in self.tiers.values() if spec.against is not None]

    def triggers_by(self, role: str) -> list[TriggerSpec]:
        return [spec for spec in self.triggers.values() if spec.by == role]

    def answer_trigger(self, kind: str) -> TriggerSpec | None:
        """The trigger by which the post asked answers a request of `kind`, if there is one."""
        for spec in self.triggers.values():
            if spec.by == "asked" and spec.request == kind:
                return spec
        return None

    def state_values(self, state: str) -> dict[str, Any]:
        """The columns that follow from a case being in `state`: the stored flag that the
        sweep's index reads, so that the database never needs to know the state names."""
        waits = state in self.paused and not self.info_request_pauses_clock
        runs = state in self.running or waits
        return {"state": state, "clock_runs": runs}
