"""Officers create and revoke their tokens, administrators issue and revoke Open311 keys, on
pages with CSRF; each key is shown once, stored hashed, and audited; each is throttled."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from grs.db.models import ApiClient, ApiToken, AuditEntry
from grs.services import api_keys
from tests.support import build_ladder
from tests.web.officer_support import logged_in, post
from web import create_app


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _secret(html: str, prefix: str) -> str:
    match = re.search(rf"({prefix}[A-Za-z0-9_\-]+)", html)
    assert match, "the page does not show the new secret"
    return match.group(1)


def test_an_officer_creates_uses_and_revokes_a_token(rt, app, ladder):
    browser = logged_in(app, "gro_upz")
    page = post(browser, "/officer/tokens", {"name": "মোবাইল", "scopes": "read", "days": "30"},
                page="/officer/tokens")  # fmt: skip
    assert page.status_code == 200
    secret = _secret(page.get_data(as_text=True), "grs_t_")
    api = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    assert api.get("/api/officer/queue", headers=headers).status_code == 200
    again = browser.get("/officer/tokens").get_data(as_text=True)
    assert "মোবাইল" in again and secret not in again  # shown once only
    with rt.db.read_session() as s:
        token = s.scalar(select(ApiToken))
        assert token.token_hash == api_keys.hash_secret(secret)
    done = post(browser, "/officer/tokens/revoke", {"token_id": str(token.id)}, "/officer/tokens")
    assert done.status_code == 302
    assert api.get("/api/officer/queue", headers=headers).status_code == 401


def test_token_forms_need_csrf_and_an_others_token_is_404(rt, app, ladder):
    issued = api_keys.create_token(rt, ladder.officers["gro_upz"], "t", ["read"], None)
    other = logged_in(app, "gro_upz2")
    assert other.post("/officer/tokens", data={"name": "x", "scopes": "read"}).status_code == 400
    refused = post(other, "/officer/tokens/revoke", {"token_id": str(issued.id)}, "/officer/tokens")
    assert refused.status_code == 404
    bad = post(other, "/officer/tokens", {"name": "x", "scopes": "write"}, "/officer/tokens")
    assert bad.status_code == 400
    with rt.db.read_session() as s:
        assert s.scalar(select(ApiToken.revoked_at).where(ApiToken.id == issued.id)) is None
        assert len(s.scalars(select(ApiToken)).all()) == 1


def test_an_administrator_issues_lists_and_revokes_client_keys(rt, app, ladder):
    admin = logged_in(app, "admin")
    page = post(admin, "/officer/admin/api-clients", {"name": "helpline-333", "per_minute": "30"},
                "/officer/admin/api-clients")  # fmt: skip
    assert page.status_code == 200
    secret = _secret(page.get_data(as_text=True), "grs_c_")
    listing = admin.get("/officer/admin/api-clients").get_data(as_text=True)
    assert "helpline-333" in listing and secret not in listing
    duplicate = post(admin, "/officer/admin/api-clients", {"name": "helpline-333"},
                     "/officer/admin/api-clients")  # fmt: skip
    assert duplicate.status_code == 400
    with rt.db.read_session() as s:
        client = s.scalar(select(ApiClient))
        assert (client.key_hash, client.rate_per_minute) == (api_keys.hash_secret(secret), 30)
    done = post(admin, "/officer/admin/api-clients/revoke", {"name": "helpline-333"},
                "/officer/admin/api-clients")  # fmt: skip
    assert done.status_code == 302
    missing = post(admin, "/officer/admin/api-clients/revoke", {"name": "nobody"},
                   "/officer/admin/api-clients")  # fmt: skip
    assert missing.status_code == 404
    with rt.db.read_session() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert {"api_client_created", "api_client_revoked"} <= set(actions)
        assert s.scalar(select(ApiClient.revoked_at)) is not None


def test_each_client_and_token_has_its_own_rate_limit(rt, ladder):
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "RATELIMIT_ENABLED": True}, runtime=rt)
    client = app.test_client()
    slow = api_keys.create_client(rt, "cli:test", "slow", 2).secret
    fast = api_keys.create_client(rt, "cli:test", "fast", 50).secret
    form = {"jurisdiction_id": "UPZ", "service_code": "general", "description": "d",
            "first_name": "ক", "phone": "01711234567"}  # fmt: skip
    codes = [client.post("/open311/v2/requests.json", data={**form, "api_key": slow}).status_code
             for _ in range(3)]  # fmt: skip
    assert codes == [201, 201, 429]
    assert (
        client.post("/open311/v2/requests.json", data={**form, "api_key": fast}).status_code == 201
    )
    token = api_keys.create_token(rt, ladder.officers["gro_upz"], "t", ["read"], None).secret
    headers = {"Authorization": f"Bearer {token}"}
    limit = rt.settings.api_token_rate_per_minute
    statuses = {client.get("/api/officer/queue", headers=headers).status_code
                for _ in range(limit + 1)}  # fmt: skip
    assert statuses == {200, 429}
