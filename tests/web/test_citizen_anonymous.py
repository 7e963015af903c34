"""Anonymous complaints: nothing that identifies the complainant is stored or logged, and the
receipt code that opens the case is shown once and kept only as a hash."""

from __future__ import annotations

import logging
import re
from dataclasses import replace

import pytest
from sqlalchemy import select

from grs.db.models import Base, Case
from grs.tracking import hash_receipt_code
from tests.support import build_ladder, load
from tests.web.test_citizen_support import (
    VALID,
    latest_tracking,
    open_case,
    text,
    token,
)
from web import create_app

AGENT = "HostileAgent/9.9 (fingerprint-me)"
SECRETS = ("Secret Person", "01819999999", "secret@example.com", "Secret Lane 7")


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _lodge_anonymously(client, address: str):
    environ = {"REMOTE_ADDR": address, "HTTP_USER_AGENT": AGENT}
    data = {
        **VALID,
        "anonymous": "1",
        "name": SECRETS[0],
        "mobile": SECRETS[1],
        "email": SECRETS[2],
        "address": SECRETS[3],
        "csrf_token": token(client),
    }
    response = client.post("/lodge/UPZ/submit", data=data, environ_base=environ)
    assert response.status_code == 303
    return client.get("/lodged?lang=en", environ_base=environ)


def _every_stored_value(rt) -> list[str]:
    with rt.db.engine.connect() as conn:
        return [
            str(value)
            for table in Base.metadata.sorted_tables
            for row in conn.execute(select(table))
            for value in row
            if value is not None
        ]


@pytest.mark.parametrize("address", ["127.0.0.1", "203.0.113.77"])
def test_no_address_agent_or_identity_is_logged_or_stored(rt, ladder, caplog, address):
    # Messages carry the site's own address in their links; served from a name, as in
    # production, so that only the complainant's address could put 127.0.0.1 in a row.
    notify = replace(rt.settings.notify, base_url="https://grs.example.gov.bd")
    rt.settings = replace(rt.settings, notify=notify)
    # The limiter is on here: its key is derived from the address and must not reveal it.
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "RATELIMIT_ENABLED": True}, runtime=rt)
    client = app.test_client()
    caplog.set_level(logging.DEBUG)
    ack = _lodge_anonymously(client, address)
    assert ack.status_code == 200
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    for trace in (address, AGENT, *SECRETS):
        assert trace not in logged
    stored = _every_stored_value(rt)
    for trace in (address, AGENT, *SECRETS):
        assert not [value for value in stored if trace in value], trace
    case = load(rt, latest_tracking(client))
    assert case.anonymous and case.complainant_mobile == "" and case.complainant_name == ""


def test_the_receipt_code_is_shown_once_and_stored_hashed(client, rt, ladder):
    ack = _lodge_anonymously(client, "127.0.0.1")
    match = re.search(r"<code>([^<]+)</code>", ack.get_data(as_text=True))
    assert match
    receipt = match.group(1)
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){5}", receipt)  # 120 bits, read aloud by 4s
    assert "This code is shown only this once" in text(ack)
    assert "Print this page with the code" in text(ack)
    assert "<code>" not in client.get("/lodged").get_data(as_text=True)
    tracking = latest_tracking(client)
    with rt.db.read_session() as s:
        stored = s.scalar(select(Case.receipt_code_hash).where(Case.tracking_number == tracking))
    assert stored == hash_receipt_code(receipt)
    assert not [value for value in _every_stored_value(rt) if receipt in value]


def test_an_anonymous_case_opens_with_its_receipt_code_only(client, rt, ladder):
    ack = _lodge_anonymously(client, "127.0.0.1")
    receipt = re.search(r"<code>([^<]+)</code>", ack.get_data(as_text=True)).group(1)
    tracking = latest_tracking(client)
    client.post("/track/leave", data={"csrf_token": token(client)})
    wrong = open_case(client, tracking, mobile=SECRETS[1])
    assert wrong.status_code == 404
    opened = open_case(client, tracking, mobile="", receipt=f"  {receipt} ")
    assert opened.status_code == 303
    page = text(client.get("/track/case?lang=en"))
    assert "This is an anonymous complaint." in page and SECRETS[0] not in page


def test_the_anonymous_choice_is_warned_about_on_the_form(client, ladder):
    page = text(client.get("/lodge/UPZ?lang=en"))
    assert "Complain anonymously" in page
    assert "false or malicious complaints may be dealt with under the law" in page
    assert "keeps no record of your device or internet address" in page


@pytest.mark.parametrize(
    "typed", [str.lower, lambda code: code.replace("-", ""), lambda code: code.replace("-", " ")]
)
def test_the_receipt_code_opens_the_case_however_it_is_typed(client, rt, ladder, typed):
    ack = _lodge_anonymously(client, "127.0.0.1")
    receipt = re.search(r"<code>([^<]+)</code>", ack.get_data(as_text=True)).group(1)
    tracking = latest_tracking(client)
    client.post("/track/leave", data={"csrf_token": token(client)})
    assert open_case(client, tracking, mobile="", receipt=typed(receipt)).status_code == 303
