"""What officers read for the workflow's codes: states, actions, tiers, reasons, channels."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

STATES = {
    "new": _l("New"),
    "accepted": _l("Accepted"),
    "info_requested": _l("Information requested"),
    "opinion_requested": _l("Opinion requested"),
    "investigating": _l("Under investigation"),
    "service_ordered": _l("Service ordered"),
    "resolved": _l("Resolved"),
    "filed": _l("Filed"),
    "closed": _l("Closed"),
}
ACTIONS = {
    "accept": _l("Accept"),
    "forward": _l("Forward to another office"),
    "file_away": _l("File away"),
    "request_info": _l("Ask the complainant for information"),
    "request_opinion": _l("Ask for an opinion"),
    "record_opinion": _l("Record the opinion"),
    "start_investigation": _l("Start an investigation"),
    "order_service": _l("Order the service"),
    "resolve": _l("Resolve"),
    "recommend_disciplinary": _l("Recommend disciplinary action"),
    "add_note": _l("Add an internal note"),
}
# How each action reads in a case's history, once done.
EVENTS = {
    "lodge": _l("Complaint lodged"),
    "accept": _l("Accepted"),
    "forward": _l("Forwarded to another office"),
    "file_away": _l("Filed away"),
    "request_info": _l("Information asked of the complainant"),
    "request_opinion": _l("Opinion asked for"),
    "record_opinion": _l("Opinion recorded"),
    "start_investigation": _l("Investigation started"),
    "order_service": _l("Service ordered"),
    "resolve": _l("Resolved"),
    "recommend_disciplinary": _l("Disciplinary action recommended"),
    "add_note": _l("Internal note"),
    "answer_info": _l("Complainant answered"),
    "accept_outcome": _l("Complainant accepted the outcome"),
    "appeal": _l("Appealed by the complainant"),
    "rate": _l("Complainant rated the service"),
    "escalate": _l("Escalated: deadline missed"),
    "mark_overdue": _l("Marked overdue"),
    "recompute_deadline": _l("Deadline recomputed"),
}
TIERS = {
    0: _l("Responsible officer"),
    1: _l("Grievance redress officer"),
    2: _l("Appeal officer"),
    3: _l("Cabinet Division cell"),
}
CLOSURE_REASONS = {
    "service_given": _l("Service given"),
    "answer_accepted": _l("Explanation accepted"),
    "instruction_executed": _l("Instruction carried out"),
    "accusation_proved": _l("Accusation proved"),
    "accusation_incorrect": _l("Accusation not correct"),
    "other": _l("Other"),
}
CHANNELS = {
    "web": _l("Web"),
    "paper": _l("On paper or by post"),
    "phone": _l("By telephone"),
    "in_person": _l("In person"),
}
COMPLAINT_TYPES = {
    "citizen": _l("Citizen's complaint"),
    "office": _l("Office complaint"),
    "staff": _l("Complaint about staff"),
}
AGAINST = {
    "service": _l("A service or its officer"),
    "gro": _l("The grievance redress officer"),
    "appeal_officer": _l("The appeal officer"),
}
HOLIDAY_KINDS = {
    "general": _l("General holiday"),
    "executive_order": _l("Holiday by executive order"),
    "special": _l("Special holiday"),
}
POST_KINDS = {
    "gro": _l("Grievance redress officer"),
    "alternate_gro": _l("Alternate grievance redress officer"),
    "service_officer": _l("Service officer"),
    "cell": _l("Grievance cell"),
}
ACTORS = {"citizen": _l("Complainant"), "system": _l("GRS (automatic)")}
SERVICE_CATEGORIES = {
    "citizen": _l("Citizen service"),
    "institutional": _l("Institutional service"),
    "internal": _l("Internal service"),
}
AUDIT_ACTIONS = {
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
    "service_saved": _l("Service saved"),
    "officer_created": _l("Officer created"),
    "officer_disabled": _l("Officer disabled"),
    "officer_enabled": _l("Officer enabled"),
    "absence_added": _l("Absence added"),
    "holiday_added": _l("Holiday added"),
    "holiday_removed": _l("Holiday removed"),
}


def label(table: dict[Any, Any], key: Any) -> str:
    """The label of `key`, or the code itself when the table has none."""
    return str(table.get(key, key))
