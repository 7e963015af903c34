"""Health and readiness endpoints of a production node."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import text

from web import create_app


def test_health_and_readiness_answer_without_login(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "rate_limits": "ok",
    }


def test_a_database_without_the_latest_migration_is_not_ready(rt, client):
    with rt.db.engine.begin() as conn:
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        ready = client.get("/readyz")
    finally:  # the PostgreSQL database is shared by the run's tests
        with rt.db.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["migrations"] == "failing"


def test_an_unreachable_rate_limit_store_is_not_ready(rt):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "RATELIMIT_ENABLED": True,  # the limiter is shared; an earlier app may have disabled it
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0",
        },
        runtime=rt,
    )
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json()["checks"]["rate_limits"] == "failing"


def _citizen_lookups(app, forwarded_for: str, times: int) -> list[int]:
    client = app.test_client()
    body = {"tracking_number": "GRS-2026-00000001", "mobile": "01711234567"}
    return [
        client.post(
            "/api/citizen/case",
            json=body,
            headers={"X-Forwarded-For": forwarded_for},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},  # the reverse proxy
        ).status_code
        for _ in range(times)
    ]


def _app_behind(rt, hops: int):
    settings = replace(rt.settings, trusted_proxies=hops)
    config = {"TESTING": True, "SECRET_KEY": "x", "RATELIMIT_ENABLED": True}
    config["RATELIMIT_STORAGE_URI"] = "memory://"
    return create_app(config, runtime=replace(rt, settings=settings))


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(rt):
    app = _app_behind(rt, 1)
    assert _citizen_lookups(app, "203.0.113.9", 21)[-1] == 429
    assert _citizen_lookups(app, "198.51.100.4", 1) != [429]


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(rt):
    app = _app_behind(rt, 0)
    assert _citizen_lookups(app, "203.0.113.9", 21)[-1] == 429
    assert _citizen_lookups(app, "198.51.100.4", 1) == [429]
