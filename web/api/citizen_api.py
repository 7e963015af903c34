"""A citizen's case by tracking number and mobile number (or receipt code)."""

from __future__ import annotations

from typing import Any

from flask import abort

from grs.errors import InvalidInput, NotFound
from grs.services.citizen_access import citizen_case, find_case_for_citizen
from web.api.blueprint import bp
from web.api.presenters import case_summary
from web.api.schemas import CaseSummarySchema, CitizenLookupSchema, ErrorSchema
from web.context import db_session, runtime
from web.extensions import limiter


@bp.post("/citizen/case")
@limiter.limit("20 per minute")
@bp.arguments(CitizenLookupSchema)
@bp.response(200, CaseSummarySchema)
@bp.alt_response(400, schema=ErrorSchema, description="malformed number or mobile")
@bp.alt_response(404, schema=ErrorSchema, description="no case for that pair")
@bp.alt_response(422, schema=ErrorSchema, description="the body does not fit the schema")
@bp.alt_response(429, schema=ErrorSchema, description="too many attempts")
def citizen_lookup(body: dict[str, str]) -> dict[str, Any]:
    """A case as its complainant sees it. A case that does not exist and a wrong mobile number
    or receipt code get the same 404, so the answer never tells whether a number is in use."""
    session = db_session()
    try:
        case_id = find_case_for_citizen(
            session, body["tracking_number"], body["mobile"], body["receipt_code"]
        )
    except InvalidInput as exc:
        abort(400, str(exc))
    except NotFound:
        abort(404, "no case for that tracking number and mobile number or receipt code")
    return case_summary(runtime(), citizen_case(runtime(), session, case_id), citizen=True)
