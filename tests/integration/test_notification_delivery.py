"""Messages leave through real protocols: an SMTP server in-process (STARTTLS, login) and a
local HTTP server standing in for the SMS gateway, with its failures, on SQLite and PostgreSQL."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from grs.bangla import bn_digits
from grs.db.models import Notification
from grs.services.outbox import claim, deliver_pending, resend
from tests.notify_support import (
    SMTP_PASSWORD,
    SMTP_USER,
    Gateway,
    gateway_server,
    pending_rows,
    self_signed,
    smtp_server,
)
from tests.support import build_ladder, lodge_case


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    return self_signed(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def mail(certificate):
    controller, box = smtp_server(*certificate)
    yield controller, box
    controller.stop()


def with_notify(rt, **values):
    rt.settings = replace(rt.settings, notify=replace(rt.settings.notify, **values))
    return rt


def smtp_settings(rt, controller, certificate, **extra):
    return with_notify(
        rt, email="smtp", smtp_host="127.0.0.1", smtp_port=controller.port,
        smtp_user=SMTP_USER, smtp_password=SMTP_PASSWORD, smtp_cafile=str(certificate[0]),
        smtp_from="GRS <grs@example.gov.bd>", **extra,
    )  # fmt: skip


def rows(rt, channel=None):
    with rt.db.read_session() as s:
        query = select(Notification).order_by(Notification.id)
        if channel:
            query = query.where(Notification.channel == channel)
        return s.scalars(query).all()


def test_e_mail_arrives_over_starttls_with_login_in_bangla(rt, mail, certificate):
    controller, box = mail
    build_ladder(rt)
    case = lodge_case(rt, email="rahim@example.com")
    smtp_settings(rt, controller, certificate)
    assert deliver_pending(rt) >= 1
    [(to, raw)] = [(to, raw) for to, raw in box.received if to == ["rahim@example.com"]]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "rahim@example.com"
    assert message["From"] == "GRS <grs@example.gov.bd>"
    assert message["Subject"] == "অভিযোগ গৃহীত"
    assert message.get_content_charset() == "utf-8"
    body = message.get_content()
    assert "উপজেলা আইসিটি কার্যালয়" in body and "গৃহীত" in body
    assert bn_digits(case.tracking_number) in body
    row = next(r for r in rows(rt, "email") if r.recipient == "rahim@example.com")
    assert row.status == "sent" and row.attempts == 1
    assert row.once_key.replace(":", ".") in message["Message-ID"]


def test_a_wrong_smtp_password_fails_the_message_at_once(rt, mail, certificate):
    controller, box = mail
    with rt.db.write() as s:
        pending_rows(s, 1, channel="email")
    smtp_settings(rt, controller, certificate)
    rt.settings = replace(rt.settings, notify=replace(rt.settings.notify, smtp_password="wrong"))
    assert deliver_pending(rt) == 0
    [row] = rows(rt)
    assert (row.status, row.attempts) == ("failed", 1) and "login" in row.last_error
    assert box.received == []


@pytest.fixture
def gateway():
    gateway = Gateway()
    server = gateway_server(gateway)
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/send"
    yield gateway
    server.shutdown()


def gateway_settings(rt, gateway, **extra):
    values = dict(
        sms="http", sms_url=gateway.url, sms_sender_id="GRS-BD", sms_ok_field="status",
        sms_timeout=0.5, max_attempts=3,
        sms_fields={"api_key": "apikey", "sender_id": "senderid", "number": "msisdn",
                    "text": "sms", "reference": "csms_id"},
    )  # fmt: skip
    values.update(extra)
    rt = with_notify(rt, **values)
    rt.settings = replace(rt.settings, notify=replace(rt.settings.notify, sms_api_key="k-123"))
    return rt


def test_sms_goes_to_the_gateway_in_its_own_field_names(rt, gateway):
    build_ladder(rt)
    lodge_case(rt)
    gateway_settings(rt, gateway)
    assert deliver_pending(rt) == 1
    [sent] = gateway.received
    assert sent["apikey"] == "k-123" and sent["senderid"] == "GRS-BD"
    assert sent["msisdn"] == "8801711234567"
    assert sent["sms"].startswith("অভিযোগ নং") and sent["csms_id"].startswith("event:")
    [row] = rows(rt, "sms")
    assert row.status == "sent" and row.segments in (1, 2)


@pytest.mark.parametrize("failure", ["500", "refuse", "slow"])
def test_gateway_failures_are_retried_with_backoff_then_marked_failed(rt, clock, gateway, failure):
    with rt.db.write() as s:
        pending_rows(s, 1)
    gateway_settings(rt, gateway)
    gateway.script = [failure] * 3
    for attempt in (1, 2, 3):
        assert deliver_pending(rt) == 0
        [row] = rows(rt)
        assert row.attempts == attempt and row.claimed_by is None
        assert deliver_pending(rt) == 0  # not again before its backoff
        clock.advance(1)
    assert (row.status, len(gateway.received)) == ("failed", 3)
    assert deliver_pending(rt) == 0 and len(gateway.received) == 3  # failed stays failed
    assert resend(rt, row.id)  # an administrator sends it again
    assert deliver_pending(rt) == 1
    assert rows(rt)[0].status == "sent" and len(gateway.received) == 4


def test_a_failure_then_success_is_sent_once(rt, clock, gateway):
    with rt.db.write() as s:
        pending_rows(s, 3)
    gateway_settings(rt, gateway)
    gateway.script = ["500"]
    assert deliver_pending(rt) == 2
    clock.advance(1)
    assert deliver_pending(rt) == 1
    accepted = [f["csms_id"] for f in gateway.received[1:]]
    assert sorted(accepted) == ["bulk:0", "bulk:1", "bulk:2"]
    assert {r.status for r in rows(rt)} == {"sent"}
    assert deliver_pending(rt) == 0


def test_log_channel_masks_the_contact(rt, caplog):
    with rt.db.write() as s:
        pending_rows(s, 1)
    caplog.set_level("INFO", logger="grs.notifications")
    assert deliver_pending(rt) == 1
    assert "01711234567" not in caplog.text and "*********67" in caplog.text


def test_claimed_rows_are_not_claimed_again_until_the_lease_runs_out(rt, clock):
    with rt.db.write() as s:
        pending_rows(s, 5)
    first = claim(rt, "sender-a", 3)
    second = claim(rt, "sender-b", 10)
    assert [c.id for c in first] == [1, 2, 3] and [c.id for c in second] == [4, 5]
    assert claim(rt, "sender-c", 10) == []
    clock.advance(1)  # the leases of a dead sender expire
    assert [c.id for c in claim(rt, "sender-c", 10)] == [1, 2, 3, 4, 5]
    assert timedelta(seconds=rt.settings.notify.lease_seconds) < timedelta(days=1)
