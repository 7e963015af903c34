"""Every API and Open311 route, for every kind of visitor and every kind of token: nothing leaks.

The routes come from the app's URL map, so a route added later is checked too. Subjects are the
officers' matrix's (own office, other office, other tiers, alternates, administrator, disabled,
nobody); each holds no token, a bogus, an expired or a revoked one, and live tokens of each
scope. A case a subject may not see is a 404, as on the pages; the public routes (Open311, the
citizen's lookup, the description) never carry the probed case's subject."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import url_for
from sqlalchemy import update

from grs.db.models import ApiToken
from grs.services import api_keys
from grs.services import organisation as org
from tests.web.test_access_matrix import (
    SECRET,
    SUBJECTS,
    Subject,
    World,
    _client,
    _fingerprint,
    world,  # noqa: F401 - the cases probed, a fixture
)

PREFIXES = ("api.", "api-docs.", "api_pages.", "open311.")
LIVE = ("read", "act", "act read")
VARIANTS = ("none", "bogus", "expired", "revoked", *LIVE)


def routes(app) -> list[tuple[str, str, frozenset[str]]]:
    found = [
        (rule.endpoint, method, frozenset(rule.arguments))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(PREFIXES)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    return sorted(found)


def test_the_matrix_knows_every_api_route(app):
    endpoints = {endpoint for endpoint, _, _ in routes(app)}
    assert {
        "api.officer_queue",
        "api.officer_case",
        "api.officer_actions",
        "api.officer_act",
        "api.citizen_lookup",
        "open311.create_request",
        "open311.list_requests",
    } <= endpoints
    assert len(endpoints) >= 13  # fmt: skip


def _url(app, endpoint: str, arguments: frozenset[str], probes: World, subject: Subject) -> str:
    tracking = probes.cases[subject.probe].tracking_number
    values = {"tracking": tracking, "number": tracking, "action": "accept", "fmt": "json",
              "code": "general"}  # fmt: skip
    unknown = arguments - set(values)
    assert not unknown, f"{endpoint}: teach the API access matrix about {sorted(unknown)}"
    query = {"jurisdiction_id": "UPZ"} if endpoint.startswith("open311.") else {}
    with app.test_request_context():
        return url_for(endpoint, **{k: values[k] for k in arguments}, **query)


def _tokens(rt, subject: Subject) -> dict[str, str | None]:
    """Each variant's Authorization header value (None: none sent)."""
    headers: dict[str, str | None] = {"none": None, "bogus": "Bearer grs_t_bogus"}
    if subject.username is None:
        return headers | {v: "Bearer grs_t_bogus" for v in VARIANTS[2:]}
    with rt.db.read_session() as s:
        officer = org.officer_by_username(s, subject.username)
    for variant in VARIANTS[2:]:
        scopes = ["read", "act"] if variant in ("expired", "revoked") else variant.split()
        issued = api_keys.create_token(rt, officer, variant, scopes, None)
        headers[variant] = f"Bearer {issued.secret}"
        if variant == "revoked":
            api_keys.revoke_token(rt, officer, issued.id)
        if variant == "expired":
            with rt.db.write() as s:
                gone = rt.now() - timedelta(seconds=1)
                s.execute(update(ApiToken).where(ApiToken.id == issued.id).values(expires_at=gone))
    return headers


def _expected(endpoint: str, variant: str, subject: Subject, acted: bool) -> int:
    if endpoint.startswith(("open311.", "api-docs.", "api_pages.")):
        return 403 if endpoint == "open311.create_request" else 200  # no api_key sent
    if endpoint == "api.citizen_lookup":
        return 404  # the right tracking number with the wrong mobile number
    if variant not in LIVE or subject.username is None or subject.disabled:
        return 401
    if ("act" if endpoint == "api.officer_act" else "read") not in variant.split():
        return 403
    if endpoint == "api.officer_queue":
        return 200
    if subject.case == "none":
        return 404
    if subject.case == "read":  # handled earlier: the case may be read, never acted on
        return 404 if endpoint == "api.officer_act" else 200
    if endpoint == "api.officer_act":
        if subject.case == "view":
            return 403  # sees the case, does not act for its post
        return 409 if acted else 200
    return 200


def _call(client, method: str, url: str, header: str | None, probes: World, subject: Subject):
    headers = {"Authorization": header} if header else {}
    if method == "GET":
        return client.get(url, headers=headers)
    version = probes.cases[subject.probe].version
    body = {"expected_version": version, "tracking_number": probes.cases[subject.probe]
            .tracking_number, "mobile": "01999999999"}  # fmt: skip
    if "/open311/" in url:
        return client.post(url, data={"jurisdiction_id": "UPZ"}, headers=headers)
    if "/citizen/" in url:
        body.pop("expected_version")
    else:
        body = {"expected_version": version}
    return client.post(url, json=body, headers=headers)


@pytest.mark.parametrize("subject", SUBJECTS, ids=lambda s: s.name)
def test_no_api_route_leaks(app, rt, world, subject):  # noqa: F811 - the fixture
    tokens = _tokens(rt, subject)
    client = _client(app, rt, subject)  # an absence or a disabled account, as on the pages
    before = _fingerprint(rt)
    acted, checked = False, 0
    for variant, header in tokens.items():
        for endpoint, method, arguments in routes(app):
            url = _url(app, endpoint, arguments, world, subject)
            response = _call(client, method, url, header, world, subject)
            wanted = _expected(endpoint, variant, subject, acted)
            where = f"{subject.name} / {variant}: {method} {endpoint} -> {response.status_code}"
            assert response.status_code == wanted, where
            acted = acted or (endpoint == "api.officer_act" and wanted == 200)
            public = not endpoint.startswith("api.officer")
            if wanted != 200 or public or subject.case == "none":
                assert SECRET not in response.get_data(as_text=True), f"leak: {where}"
            checked += 1
    assert checked >= 13 * len(VARIANTS)
    cases_before, *rest_before, count_before = before
    cases_after, *rest_after, count_after = _fingerprint(rt)
    assert count_after == count_before, "a refused request lodged a complaint"
    probed = world.cases[subject.probe].id
    for (case_id, state, version), (_, state_now, version_now) in zip(
        cases_before, cases_after, strict=True
    ):
        changed = (state, version) != (state_now, version_now)
        assert changed == (case_id == probed and acted), subject.name
