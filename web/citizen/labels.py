"""Names a citizen reads for the engine's codes: states, tiers, history entries, choices.

Built per call, inside a request, so that each comes out in the reader's language.
"""

from __future__ import annotations

from grs.db.models import Office, Post
from web.citizen.i18n import gettext as _


def state_label(state: str) -> str:
    return {
        "new": _("Received"),
        "accepted": _("Being dealt with"),
        "info_requested": _("Waiting for your answer"),
        "opinion_requested": _("Opinion requested"),
        "investigating": _("Under investigation"),
        "service_ordered": _("Service ordered"),
        "resolved": _("Decided"),
        "filed": _("Filed away"),
        "closed": _("Closed"),
    }.get(state, state)


def state_explanation(state: str) -> str:
    return {
        "new": _("Your complaint has reached the officer and waits to be taken up."),
        "accepted": _("The officer has taken up your complaint and is dealing with it."),
        "info_requested": _(
            "The officer needs more information from you. The deadline is paused until you "
            "answer below."
        ),
        "opinion_requested": _(
            "The officer has asked the office that gives the service for its opinion."
        ),
        "investigating": _("The officer is investigating your complaint."),
        "service_ordered": _("The officer has ordered the office to give you the service."),
        "resolved": _(
            "The officer has decided your complaint. If you are satisfied, accept the "
            "decision; if not, you can appeal."
        ),
        "filed": _(
            "The officer has filed the complaint away without further action; the reason is in "
            "the history below. If you disagree, you can appeal."
        ),
        "closed": _("The complaint is closed."),
    }.get(state, "")


def tier_name(tier: int) -> str:
    return {
        0: _("the officer responsible for the service"),
        1: _("the grievance redress officer (GRO)"),
        2: _("the appeal officer"),
        3: _("the Cabinet Division's grievance management cell"),
    }.get(tier, str(tier))


def action_label(action: str) -> str:
    return {
        "lodge": _("Complaint lodged"),
        "accept": _("Taken up by the officer"),
        "forward": _("Sent to the office responsible"),
        "file_away": _("Filed away"),
        "request_info": _("The officer asked you for information"),
        "answer_info": _("You answered"),
        "request_opinion": _("Opinion asked from the service's office"),
        "record_opinion": _("Opinion received"),
        "start_investigation": _("Investigation started"),
        "order_service": _("Service ordered"),
        "resolve": _("Decided"),
        "accept_outcome": _("You accepted the decision"),
        "appeal": _("You appealed"),
        "rate": _("You rated how your complaint was handled"),
        "escalate": _("Moved up automatically because the deadline passed"),
        "mark_overdue": _("Marked as overdue"),
        "recompute_deadline": _("Deadline recalculated after a holiday change"),
    }.get(action, action)


def actor_label(kind: str) -> str:
    return {"citizen": _("You"), "officer": _("Officer"), "system": _("GRS (automatic)")}.get(
        kind, kind
    )


def closure_reason(reason: str | None) -> str:
    if not reason:
        return ""
    return {
        "service_given": _("The service was given"),
        "answer_accepted": _("The answer was accepted"),
        "instruction_executed": _("The instruction was carried out"),
        "accusation_proved": _("The accusation was proved"),
        "accusation_incorrect": _("The accusation was found to be incorrect"),
        "other": _("Other (see the history)"),
    }.get(reason, reason)


def complaint_types() -> list[tuple[str, str, str]]:
    """(value, label, hint) for each kind of complaint."""
    return [
        ("citizen", _("A citizen's complaint"), _("About a service you or your family needed.")),
        ("office", _("An office's complaint"), _("From one government office about another.")),
        ("staff", _("A staff member's complaint"), _("From a government employee.")),
    ]


def against_choices() -> list[tuple[str, str, str]]:
    return [
        (
            "service",
            _("The service, or the officer who gives it"),
            _("The usual case: you did not get a service, or not in time."),
        ),
        (
            "gro",
            _("The office's grievance redress officer (GRO)"),
            _("Goes straight to the appeal officer."),
        ),
        (
            "appeal_officer",
            _("The appeal officer"),
            _("Goes straight to the Cabinet Division's cell."),
        ),
    ]


def category_label(category: str) -> str:
    return {
        "citizen": _("Services to citizens"),
        "institutional": _("Services to institutions"),
        "internal": _("Internal services"),
    }.get(category, category)


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def post_title(post: Post, lang: str) -> str:
    return post.title_en if lang == "en" and post.title_en else post.title_bn


def office_name(office: Office, lang: str) -> str:
    return office.name_en if lang == "en" and office.name_en else office.name_bn
