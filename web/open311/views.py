"""The Open311 endpoints: discovery, services, a service's definition, and requests."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, request, url_for

from grs.errors import Forbidden, GrsError, InvalidInput, NotFound
from grs.services import open311
from grs.services.open311_lodging import lodge_request
from web.context import db_session, runtime
from web.open311.blueprint import bp
from web.open311.definitions import service_definition, service_row
from web.open311.formats import error_response, render
from web.throttle import throttle_client

STATUS = {InvalidInput: 400, Forbidden: 403, NotFound: 404}


def _format(fmt: str) -> str:
    if fmt not in ("json", "xml"):
        abort(404, "the format is json or xml")
    return fmt


def _refusal(fmt: str, exc: GrsError) -> Response:
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
    return error_response(fmt, status, str(exc))


@bp.get("/discovery.<fmt>")
def discovery(fmt: str) -> Response:
    endpoint = {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": url_for("open311.services", fmt="xml", _external=True).rsplit("/", 1)[0],
        "changeset": "2026-12-02T00:00:00+06:00",
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }
    body = {
        "changeset": endpoint["changeset"],
        "contact": "The Cabinet Division's grievance management cell",
        "key_service": "Ask the grievance management cell for an api_key",
        "endpoints": [endpoint],
    }
    return render(_format(fmt), "discovery", body)


@bp.get("/services.<fmt>")
def services(fmt: str) -> Response:
    fmt = _format(fmt)
    try:
        entries = open311.services(db_session(), _jurisdiction())
    except GrsError as exc:
        return _refusal(fmt, exc)
    return render(fmt, "services", [service_row(entry) for entry in entries])


@bp.get("/services/<code>.<fmt>")
def service(code: str, fmt: str) -> Response:
    fmt = _format(fmt)
    try:
        entry = next(
            (e for e in open311.services(db_session(), _jurisdiction()) if e.code == code), None
        )
        if entry is None:
            raise NotFound(f"no service {code!r}", "service_not_found")
    except GrsError as exc:
        return _refusal(fmt, exc)
    return render(fmt, "service_definition", service_definition(entry))


@bp.post("/requests.<fmt>")
def create_request(fmt: str) -> Response:
    fmt = _format(fmt)
    key = request.form.get("api_key", "")
    throttle_client(key)
    try:
        lodged = lodge_request(runtime(), key, request.form.to_dict())
    except GrsError as exc:
        return _refusal(fmt, exc)
    expected = open311.end_of_day(lodged.due_on)
    row = {
        "service_request_id": lodged.tracking_number,
        "service_notice": f"Expected to be settled by {lodged.due_on.isoformat()}",
        "account_id": None,
        "expected_datetime": expected,
    }
    return render(fmt, "service_requests", [row], 201)


@bp.get("/requests.<fmt>")
def list_requests(fmt: str) -> Response:
    fmt = _format(fmt)
    try:
        ids = [i for i in request.args.get("service_request_id", "").split(",") if i.strip()]
        if ids:
            found = [_one(i) for i in ids[:50]]
            return render(fmt, "service_requests", [_row(e) for e in found if e is not None])
        filters = open311.RequestFilters(
            service_code=request.args.get("service_code", "").strip(),
            start=open311.parse_datetime(request.args.get("start_date", ""), "start_date"),
            end=open311.parse_datetime(request.args.get("end_date", ""), "end_date"),
            status=request.args.get("status", "").strip(),
        )
        entries = open311.requests(runtime(), db_session(), _jurisdiction(), filters)
    except GrsError as exc:
        return _refusal(fmt, exc)
    return render(fmt, "service_requests", [_row(entry) for entry in entries])


@bp.get("/requests/<number>.<fmt>")
def one_request(number: str, fmt: str) -> Response:
    fmt = _format(fmt)
    try:
        entry = open311.request(runtime(), db_session(), number)
    except GrsError as exc:
        return _refusal(fmt, exc)
    return render(fmt, "service_requests", [_row(entry)])


def _one(number: str) -> open311.RequestEntry | None:
    try:
        return open311.request(runtime(), db_session(), number)
    except NotFound:
        return None


def _jurisdiction() -> str:
    code = request.values.get("jurisdiction_id", "").strip()
    if not code:
        raise InvalidInput("jurisdiction_id is required", "required", field="jurisdiction_id")
    return code


def _row(entry: open311.RequestEntry) -> dict[str, Any]:
    return {
        "service_request_id": entry.service_request_id,
        "status": entry.status,
        "status_notes": entry.status_notes,
        "service_name": entry.service_name,
        "service_code": entry.service_code,
        "agency_responsible": entry.agency_responsible,
        "service_notice": "",
        "requested_datetime": entry.requested_datetime,
        "updated_datetime": entry.updated_datetime,
        "expected_datetime": entry.expected_datetime,
    }
