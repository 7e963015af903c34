"""A complainant's choice to get no SMS about their case, made or undone after lodging.

Only a complainant who gave a mobile number has a choice to make: an anonymous complaint has no
contact and gets no SMS anyway. E-mail is not affected. The choice is not a step of the case, so
it goes to the audit trail rather than the case's history.
"""

from __future__ import annotations

from grs.db.models import Case
from grs.errors import ActionRefused, NotFound
from grs.processes.runtime import Runtime
from grs.services import audit

CITIZEN_NAME = "citizen"  # the audit trail's author: a complainant has no account


def set_sms_wanted(rt: Runtime, case_id: int, wanted: bool) -> Case:
    """Send (or stop sending) the complainant of `case_id` SMS about it from now on."""
    with rt.db.write() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NotFound("no such case", "case_not_found")
        if case.anonymous or not case.complainant_mobile:
            raise ActionRefused("the complainant gave no mobile number", "no_mobile")
        if case.sms_opt_out == (not wanted):
            return case  # already so: a repeated form changes nothing and records nothing
        case.sms_opt_out = not wanted
        action = "citizen_sms_on" if wanted else "citizen_sms_off"
        target = f"case:{case.tracking_number}"
        audit.record(rt, session, action, username=CITIZEN_NAME, target=target)
        return case
