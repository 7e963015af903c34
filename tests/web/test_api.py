"""The JSON API: a citizen's case, an officer's queue, case, actions and taking one, with
personal access tokens; its OpenAPI 3.1 description and the docs page shipped with the app."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from grs.db.models import ApiToken, AuditEntry
from grs.services import api_keys, blacklist
from grs.services import organisation as org
from tests.support import build_ladder, lodge_case
from tests.web.api_support import bearer


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def test_the_description_is_openapi_3_1_and_lists_every_route(client, ladder):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    assert {
        "/api/citizen/case",
        "/api/officer/queue",
        "/api/officer/cases/{tracking}",
        "/api/officer/cases/{tracking}/actions",
        "/api/officer/cases/{tracking}/actions/{action}",
    } == set(spec["paths"])
    act = spec["paths"]["/api/officer/cases/{tracking}/actions/{action}"]["post"]
    assert {"200", "401", "403", "404", "409"} <= set(act["responses"])
    assert act["security"] == [{"token": []}]
    assert "nothing that identifies the complainant" in spec["info"]["description"]


def test_the_docs_page_is_served_from_the_app_alone(client, ladder):
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/api/officer/cases/{tracking}/actions/{action}" in html
    assert "expected_version" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)  # no CDN, nothing from elsewhere


def test_a_citizen_finds_a_case_and_a_wrong_pair_reads_like_no_case(rt, client, ladder):
    case = lodge_case(rt)
    found = client.post(
        "/api/citizen/case", json={"tracking_number": case.tracking_number, "mobile": "01711234567"}
    )
    assert found.status_code == 200
    body = found.get_json()
    assert (body["tracking_number"], body["tier"], body["version"]) == (case.tracking_number, 1, 1)
    assert body["history"][0]["action"] == "lodge"
    wrong = client.post(
        "/api/citizen/case", json={"tracking_number": case.tracking_number, "mobile": "01811111111"}
    )
    other = lodge_case(rt).tracking_number
    missing_number = other[:-1] + ("0" if other[-1] != "0" else "1")
    missing = client.post(
        "/api/citizen/case", json={"tracking_number": missing_number, "mobile": "01711234567"}
    )
    assert wrong.status_code == 404
    assert missing.status_code in (400, 404)  # a wrong check digit is a malformed number
    unused = _unused_valid_number(rt)
    nobody = client.post(
        "/api/citizen/case", json={"tracking_number": unused, "mobile": "01711234567"}
    )
    assert nobody.status_code == 404
    assert nobody.get_json()["message"] == wrong.get_json()["message"]
    assert client.post("/api/citizen/case", json={"tracking_number": "x"}).status_code == 400
    assert client.post("/api/citizen/case", json={"bogus": 1}).status_code == 422


def _unused_valid_number(rt) -> str:
    from grs.tracking import new_tracking_number

    return new_tracking_number(rt.today())


def test_an_officer_reads_the_queue_a_case_and_its_actions(rt, client, ladder):
    case = lodge_case(rt)
    headers = bearer(rt, ladder, "gro_upz", ["read"])
    queue = client.get("/api/officer/queue", headers=headers).get_json()
    assert [row["tracking_number"] for row in queue["rows"]] == [case.tracking_number]
    detail = client.get(f"/api/officer/cases/{case.tracking_number}", headers=headers).get_json()
    assert detail["version"] == 1 and "accept" in detail["actions"]
    actions = client.get(f"/api/officer/cases/{case.tracking_number}/actions", headers=headers)
    names = {a["name"] for a in actions.get_json()["actions"]}
    assert names == set(detail["actions"])


def test_taking_an_action_with_the_version_and_a_stale_one(rt, client, ladder):
    case = lodge_case(rt)
    headers = bearer(rt, ladder, "gro_upz")
    url = f"/api/officer/cases/{case.tracking_number}/actions/accept"
    done = client.post(url, json={"expected_version": 1}, headers=headers)
    assert done.status_code == 200, done.get_json()
    assert (done.get_json()["state"], done.get_json()["version"]) == ("accepted", 2)
    stale = client.post(
        f"/api/officer/cases/{case.tracking_number}/actions/request_info",
        json={"expected_version": 1, "note": "কাগজ দিন"},
        headers=headers,
    )
    assert stale.status_code == 409
    again = client.post(url, json={"expected_version": 2}, headers=headers)
    assert again.status_code == 403  # not from this state: the workflow refuses
    assert client.post(url, json={}, headers=headers).status_code == 422


def test_another_offices_case_is_404_like_one_that_does_not_exist(rt, client, ladder):
    case = lodge_case(rt)
    headers = bearer(rt, ladder, "gro_upz2")
    for path in (f"/api/officer/cases/{case.tracking_number}",
                 f"/api/officer/cases/{case.tracking_number}/actions"):  # fmt: skip
        assert client.get(path, headers=headers).status_code == 404
    acted = client.post(
        f"/api/officer/cases/{case.tracking_number}/actions/accept",
        json={"expected_version": 1},
        headers=headers,
    )
    assert acted.status_code == 404
    assert client.get("/api/officer/queue", headers=headers).get_json()["rows"] == []


def test_tokens_are_scoped_expiring_revocable_and_stored_hashed(rt, client, ladder, clock):
    case = lodge_case(rt)
    read_only = bearer(rt, ladder, "gro_upz", ["read"], days=1)
    url = f"/api/officer/cases/{case.tracking_number}/actions/accept"
    refused = client.post(url, json={"expected_version": 1}, headers=read_only)
    assert refused.status_code == 403
    secret = read_only["Authorization"].split()[1]
    with rt.db.read_session() as s:
        stored = s.scalars(select(ApiToken.token_hash)).all()
        assert api_keys.hash_secret(secret) in stored and secret not in stored
        assert s.scalar(select(AuditEntry).where(AuditEntry.action == "api_token_created"))
    assert client.get("/api/officer/queue", headers=read_only).status_code == 200
    clock.advance(2)
    expired = client.get("/api/officer/queue", headers=read_only)
    assert expired.status_code == 401
    assert expired.headers["WWW-Authenticate"].lower().startswith("bearer")
    live = bearer(rt, ladder, "gro_upz", ["read"])
    with rt.db.read_session() as s:
        token_id = max(s.scalars(select(ApiToken.id)))
    with pytest.raises(Exception, match="no such token"):
        api_keys.revoke_token(rt, ladder.officers["gro_upz2"], token_id)  # not theirs
    api_keys.revoke_token(rt, ladder.officers["gro_upz"], token_id)
    assert client.get("/api/officer/queue", headers=live).status_code == 401
    assert client.get("/api/officer/queue").status_code == 401
    bad = {"Authorization": "Bearer grs_t_nope"}
    assert client.get("/api/officer/queue", headers=bad).status_code == 401


def test_a_disabled_officers_token_opens_nothing(rt, client, ladder):
    from grs.services import administration

    headers = bearer(rt, ladder, "gro_upz2", ["read"])
    administration.set_active(rt, ladder.officers["admin"], "gro_upz2", False)
    assert client.get("/api/officer/queue", headers=headers).status_code == 401


@pytest.mark.parametrize(
    ("scopes", "days", "field"),
    [
        ([], None, "scopes"),
        (["write"], 1, "scopes"),
        (["read"], 0, "days"),
        (["read"], 999, "days"),
    ],
)
def test_token_requests_out_of_bounds_are_refused(rt, ladder, scopes, days, field):
    from grs.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        api_keys.create_token(rt, ladder.officers["gro_upz"], "t", scopes, days)
    assert refused.value.params["field"] == field


def test_a_decision_sent_through_the_api_keeps_its_record_and_the_citizen_reads_part(
    rt, client, ladder
):
    case = lodge_case(rt)
    headers = bearer(rt, ladder, "gro_upz")
    done = client.post(
        f"/api/officer/cases/{case.tracking_number}/actions/resolve",
        json={
            "expected_version": 1,
            "closure_reason": "service_given",
            "decision_cause": "নামজারি ফাইল ভুল টেবিলে পড়ে ছিল",
            "decision_text": "সাত দিনের মধ্যে নামজারি সম্পন্ন করতে নির্দেশ",
            "decision_prevention": "ফাইল গ্রহণের রেজিস্টার প্রতিদিন মেলানো হবে",
        },
        headers=headers,
    )
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["decision"] == {
        "cause": "নামজারি ফাইল ভুল টেবিলে পড়ে ছিল",
        "decision": "সাত দিনের মধ্যে নামজারি সম্পন্ন করতে নির্দেশ",
        "prevention": "ফাইল গ্রহণের রেজিস্টার প্রতিদিন মেলানো হবে",
    }
    citizen = client.post(
        "/api/citizen/case", json={"tracking_number": case.tracking_number, "mobile": "01711234567"}
    ).get_json()
    assert citizen["decision"] == {
        "cause": "নামজারি ফাইল ভুল টেবিলে পড়ে ছিল",
        "decision": "সাত দিনের মধ্যে নামজারি সম্পন্ন করতে নির্দেশ",
    }
    too_long = client.post(
        f"/api/officer/cases/{lodge_case(rt).tracking_number}/actions/resolve",
        json={
            "expected_version": 1,
            "closure_reason": "service_given",
            "decision_text": "x" * 5_001,
        },
        headers=headers,
    )
    assert too_long.status_code == 422


def test_an_undecided_case_has_no_decision_record(rt, client, ladder):
    case = lodge_case(rt)
    headers = bearer(rt, ladder, "gro_upz", ["read"])
    detail = client.get(f"/api/officer/cases/{case.tracking_number}", headers=headers).get_json()
    assert detail["decision"] is None


def test_the_queue_marks_a_blacklisted_complainants_complaint_for_officers_only(rt, client, ladder):
    with rt.db.read_session() as s:
        gro, ao = (org.officer_by_username(s, name) for name in ("gro_upz", "ao_dist"))
    entry = blacklist.propose(rt, gro, "UPZ", "01711234567", "বারবার মিথ্যা অভিযোগ")
    blacklist.decide(rt, ao, "UPZ", entry.id, "approve", "")
    marked, plain = lodge_case(rt), lodge_case(rt, mobile="01811111111")
    headers = bearer(rt, ladder, "gro_upz", ["read"])
    rows = client.get("/api/officer/queue", headers=headers).get_json()["rows"]
    flags = {row["tracking_number"]: row["complainant_blacklisted"] for row in rows}
    assert flags == {marked.tracking_number: True, plain.tracking_number: False}
    citizen = client.post(
        "/api/citizen/case",
        json={"tracking_number": marked.tracking_number, "mobile": "01711234567"},
    ).get_json()
    assert "blacklist" not in str(citizen)
    assert [event["action"] for event in citizen["history"]] == ["lodge"]
