"""`grs api-client`: issue (the key printed once, stored hashed), list, revoke; bad input is one
error line and writes nothing."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import create_engine, func, select

from grs.cli import main
from grs.db.models import ApiClient, AuditEntry
from grs.services.api_keys import hash_secret
from tests.conftest import ROOT


def test_issue_list_and_revoke_a_client_key(database_url, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GRS_CONFIG", raising=False)
    monkeypatch.setenv("GRS_DATABASE_URL", database_url)
    runner = CliRunner()
    added = runner.invoke(main, ["api-client", "add", "helpline-333", "--rate", "40"])
    assert added.exit_code == 0, added.output
    secret = added.stdout.strip()
    assert secret.startswith("grs_c_")
    listed = json.loads(runner.invoke(main, ["api-client", "list", "--json"]).stdout)
    assert [(c["name"], c["rate_per_minute"], c["revoked"]) for c in listed] == [
        ("helpline-333", 40, False)
    ]
    again = runner.invoke(main, ["api-client", "add", "helpline-333"])
    assert again.exit_code == 2 and again.stderr.startswith("error: ")
    bad_rate = runner.invoke(main, ["api-client", "add", "x", "--rate", "0"])
    assert bad_rate.exit_code == 2
    assert runner.invoke(main, ["api-client", "revoke", "helpline-333"]).exit_code == 0
    assert runner.invoke(main, ["api-client", "revoke", "nobody"]).exit_code == 2
    engine = create_engine(database_url)
    with engine.connect() as conn:
        row = conn.execute(select(ApiClient.key_hash, ApiClient.revoked_at)).one()
        assert row.key_hash == hash_secret(secret) and row.revoked_at is not None
        assert conn.scalar(select(func.count(ApiClient.id))) == 1
        actions = set(conn.scalars(select(AuditEntry.action)))
        assert {"api_client_created", "api_client_revoked"} <= actions
    engine.dispose()
