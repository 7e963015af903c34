"""No log line holds a citizen's whole mobile number or e-mail address, nor a case number next
to a contact: from lodging a complaint through to the outbox's delivery."""

from __future__ import annotations

import logging

from sqlalchemy import select

from grs.bangla import bn_digits
from grs.db.models import Case, Event, Notification
from grs.privacy import mask_contact, mask_numbers
from grs.services.outbox import deliver_pending
from tests.support import build_ladder
from tests.web.test_citizen_support import MOBILE, lodge_via_web

EMAIL = "rahim.uddin@example.com"


def test_mask_contact_keeps_the_last_two_digits_or_the_domain():
    assert mask_contact("01711234567") == "*********67"
    assert mask_contact("+880 1711-234567") == "+*** ****-****67"
    assert mask_contact(EMAIL) == "***@example.com"
    assert (
        mask_numbers("case ২০২৬১১২৩০০০৭ and 202611230007") == "case **********০৭ and **********07"
    )


def _queue(rt, tracking: str) -> None:
    with rt.db.write() as s:
        case = s.scalars(select(Case).where(Case.tracking_number == tracking)).one()
        event = s.scalars(select(Event).where(Event.case_id == case.id)).first()
        for channel, to, number in [
            ("sms", MOBILE, bn_digits(tracking)),
            ("email", EMAIL, tracking),
        ]:
            s.add(
                Notification(
                    case_id=case.id,
                    event_id=event.id,
                    channel=channel,
                    recipient=to,
                    body=f"অভিযোগ {number} গৃহীত",
                    status="pending",
                    attempts=0,
                    once_key=f"test:{channel}",
                )
            )


def _leaks(records, tracking: str) -> list[str]:
    numbers = (tracking, bn_digits(tracking))
    contacts = (MOBILE, EMAIL, MOBILE[-8:], "rahim.uddin")
    lines = [r.getMessage() for r in records]
    return [
        line
        for line in lines
        if any(c in line for c in contacts) or (any(n in line for n in numbers) and "*" in line)
    ]


def test_no_log_line_holds_a_contact_or_a_case_number_beside_one(client, rt, caplog):
    build_ladder(rt)
    caplog.set_level(logging.DEBUG)
    tracking = lodge_via_web(client, email=EMAIL)
    _queue(rt, tracking)
    assert deliver_pending(rt) == 4  # the lodging's SMS and e-mail, and the two queued here
    sent = [r.getMessage() for r in caplog.records if r.name == "grs.notifications"]
    assert any("*********67" in line for line in sent)
    assert any("***@example.com" in line for line in sent)
    assert _leaks(caplog.records, tracking) == []
