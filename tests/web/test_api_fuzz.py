"""An outside fuzzer against the API's own description: schemathesis generates requests from
/api/openapi.json, on SQLite and PostgreSQL; no answer is a server error and every answer
matches the description (status, content type, body schema).

Not checked: that every schema-valid request succeeds. The workflow refuses valid-looking input
by design (a note an action needs, a tracking number whose check digit is wrong), and says so
with a documented 400/403/404."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from grs.services import api_keys
from tests.support import build_ladder, lodge_case
from web import create_app

EXAMPLES = 40  # per operation: five operations, a few seconds per database


def test_the_api_keeps_to_its_description(rt):
    ladder = build_ladder(rt)
    lodge_case(rt)
    token = api_keys.create_token(rt, ladder.officers["gro_upz"], "fuzz", ["read", "act"], None)
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "fuzz", "RATELIMIT_ENABLED": False}, runtime=rt
    )
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 5
    for operation in operations:
        _fuzz(operation, {"Authorization": f"Bearer {token.secret}"})


def _fuzz(operation, auth: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def check(case) -> None:
        if case.operation.path.startswith("/api/officer"):
            case.headers = {**(case.headers or {}), **auth}
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
