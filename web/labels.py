"""The words a reader sees for codes, the same on the citizen's and the officer's pages.

The workflow's codes (tiers, states, groups, triggers, closure reasons) read as the workflow file
words them, in the reader's language. The codes of the rest of GRS (channels, kinds of
complaint, post kinds ...) read from one gettext table, translated in web/translations.
"""

from __future__ import annotations

from flask import has_request_context
from flask_babel import lazy_gettext as _l

from grs.workflow.definition import Text, Workflow
from web.context import runtime
from web.i18n import current_language

# Each kind of code with its words. "history" holds the entries of a case's history that no
# trigger makes.
CODES = {
    "channel": {
        "web": _l("Web"),
        "paper": _l("On paper or by post"),
        "phone": _l("By telephone"),
        "in_person": _l("In person"),
        "api": _l("Through another system (API)"),
    },
    "complaint_type": {
        "citizen": _l("A citizen's complaint"),
        "office": _l("An office's complaint"),
        "staff": _l("A staff member's complaint"),
    },
    "complaint_type_hint": {
        "citizen": _l("About a service you or your family needed."),
        "office": _l("From one government office about another."),
        "staff": _l("From a government employee."),
    },
    "service_category": {
        "citizen": _l("Services to citizens"),
        "institutional": _l("Services to institutions"),
        "internal": _l("Internal services"),
    },
    "post_kind": {
        "gro": _l("Grievance redress officer"),
        "alternate_gro": _l("Alternate grievance redress officer"),
        "service_officer": _l("Service officer"),
        "appeal_officer": _l("Appeal officer"),
        "superior": _l("Superior officer, as the charter names them"),
        "cell": _l("Grievance cell"),
    },
    "holiday_kind": {
        "general": _l("General holiday"),
        "executive_order": _l("Holiday by executive order"),
        "special": _l("Special holiday"),
    },
    "actor": {
        "citizen": _l("Complainant"),
        "officer": _l("Officer"),
        "system": _l("GRS (automatic)"),
    },
    # The same history read by the complainant, whose own entries are theirs.
    "actor_to_citizen": {
        "citizen": _l("You"),
        "officer": _l("Officer"),
        "system": _l("GRS (automatic)"),
    },
    "yes_no": {"yes": _l("Yes"), "no": _l("No")},
    # A decision's record for the register, by the case's column names.
    "decision_record": {
        "decision_cause": _l("Cause found"),
        "decision_text": _l("Decision"),
        "decision_prevention": _l("Suggestion to prevent it happening again"),
    },
    "history": {
        "lodge": _l("Complaint lodged"),
        "blacklist_flag": _l("Marked: the complainant is on this office's blacklist"),
    },
    "blacklist_status": {
        "proposed": _l("Proposed, awaiting the appeal officer"),
        "rejected": _l("Rejected"),
        "active": _l("Blacklisted"),
        "lifted": _l("Lifted"),
    },
    "audit_action": {
        "login": _l("Logged in"),
        "login_failed": _l("Login failed"),
        "login_throttled": _l("Login refused: too many attempts"),
        "login_refused_disabled": _l("Login refused: account disabled"),
        "logout": _l("Logged out"),
        "password_changed": _l("Password changed"),
        "password_change_refused": _l("Password change refused"),
        "password_change_throttled": _l("Password change refused: too many attempts"),
        "refused": _l("Refused"),
        "action_refused": _l("Action refused"),
        "office_saved": _l("Office saved"),
        "post_saved": _l("Post saved"),
        "holder_assigned": _l("Post holder assigned"),
        "alternate_set": _l("Alternate post set"),
        "tier_duration_set": _l("Tier duration set"),
        "appeal_officer_set": _l("Appeal officer set"),
        "service_saved": _l("Service saved"),
        "officer_created": _l("Officer created"),
        "officer_disabled": _l("Officer disabled"),
        "officer_enabled": _l("Officer enabled"),
        "absence_added": _l("Absence added"),
        "holiday_added": _l("Holiday added"),
        "holiday_removed": _l("Holiday removed"),
        "citizen_sms_off": _l("Complainant asked for no SMS"),
        "citizen_sms_on": _l("Complainant asked for SMS again"),
        "blacklist_proposed": _l("Complainant proposed for the blacklist"),
        "blacklist_approved": _l("Blacklisting approved"),
        "blacklist_rejected": _l("Blacklisting rejected"),
        "blacklist_lifted": _l("Blacklisting lifted"),
    },
}
# The lodge form's usual choice; the others are the tiers whose officer one may complain about.
SERVICE = "service"
_SERVICE_LABEL = _l("The service, or the officer who gives it")
_SERVICE_HINT = _l("The usual case: you did not get a service, or not in time.")


def code_label(kind: str, code: object) -> str:
    """The words for `code` among the codes of `kind`, or the code itself if it has none."""
    return _read_codes(kind).get(str(code), str(code))


def codes(kind: str) -> list[tuple[str, str]]:
    """Every code of `kind` with its words, in the table's order (for a select)."""
    return list(_read_codes(kind).items())


# The words of each kind of code as read in each language: a catalogue does not change while a
# process runs, and a case page reads some kinds a dozen times.
_READ: dict[tuple[str, str], dict[str, str]] = {}


def _read_codes(kind: str) -> dict[str, str]:
    if not has_request_context():  # no catalogue chosen: the words as written
        return {code: str(words) for code, words in CODES[kind].items()}
    key = (current_language(), kind)
    found = _READ.get(key)
    if found is None:
        found = _READ[key] = {code: str(words) for code, words in CODES[kind].items()}
    return found


def yes_no(value: bool) -> str:
    return code_label("yes_no", "yes" if value else "no")


def complaint_types() -> list[tuple[str, str, str]]:
    """(value, label, hint) for each kind of complaint."""
    hints = CODES["complaint_type_hint"]
    return [(code, label, str(hints[code])) for code, label in codes("complaint_type")]


def _workflow() -> Workflow:
    return runtime().workflow


def _read(text: Text | None) -> str:
    return text.in_language(current_language()) if text else ""


def tier_name(tier: int) -> str:
    """A tier's title: "Appeal officer"."""
    spec = _workflow().tiers.get(tier)
    return _read(spec.name) if spec else str(tier)


def tier_names() -> dict[int, str]:
    """Every tier's title, for a page that names many."""
    return {tier: _read(spec.name) for tier, spec in _workflow().tiers.items()}


def tier_phrase(tier: int) -> str:
    """A tier inside a sentence: "the appeal officer"."""
    spec = _workflow().tiers.get(tier)
    return _read(spec.phrase) if spec else str(tier)


def tier_hint(tier: int) -> str:
    spec = _workflow().tiers.get(tier)
    return _read(spec.hint) if spec else ""


def state_labels() -> dict[str, str]:
    """Every state's label, for a page that names many."""
    return {state: _read(spec.label) for state, spec in _workflow().state_specs.items()}


def state_label(state: str) -> str:
    spec = _workflow().state_specs.get(state)
    return _read(spec.label) if spec else state


def state_explanation(state: str) -> str:
    spec = _workflow().state_specs.get(state)
    return _read(spec.explain) if spec else ""


def group_label(group: str) -> str:
    return _read(_workflow().group_labels.get(group)) or group


def action_label(action: str) -> str:
    """The button of whoever fires the trigger."""
    spec = _workflow().triggers.get(action)
    return _read(spec.label) if spec else action


def action_heading(action: str) -> str:
    """The question over a citizen's button, or the button's own words."""
    spec = _workflow().triggers.get(action)
    return _read(spec.heading or spec.label) if spec else action


def history_text(action: str, for_citizen: bool) -> str:
    """How an entry of a case's history reads to the officer, or to the citizen."""
    spec = _workflow().triggers.get(action)
    if spec is None:
        return code_label("history", action)
    return _read(spec.history_text(for_citizen))


def confirmation(action: str) -> str:
    """What the citizen is told once their action is done."""
    spec = _workflow().triggers[action]
    return _read(spec.confirmation or spec.history_text(for_citizen=True))


def closure_reason(reason: str | None) -> str:
    if not reason:
        return ""
    return _read(_workflow().closure_labels.get(reason)) or reason


def closure_reasons() -> list[tuple[str, str]]:
    return [(code, _read(text)) for code, text in _workflow().closure_labels.items()]


def against_choices() -> list[tuple[str, str, str]]:
    """(value, label, hint) for what a complaint may be about: the service, or a tier's officer."""
    choices = [(SERVICE, str(_SERVICE_LABEL), str(_SERVICE_HINT))]
    for spec in _workflow().against_tiers():
        if spec.against:
            choices.append((spec.key, _read(spec.against.label), _read(spec.against.hint)))
    return choices


def against_label(value: str) -> str:
    return next((label for code, label, _hint in against_choices() if code == value), value)
