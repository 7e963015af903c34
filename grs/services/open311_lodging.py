"""Open311 `POST requests`: a complaint lodged by an API client through the web form's rules.

The client is known by its key; the complaint goes through the same lodging service as the web
form (the same checks, the same choice of starting tier), with the channel `api` and the client
recorded on the case and in its history. A refusal writes nothing but its audit entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from grs.db.models import Service
from grs.errors import Forbidden, GrsError, InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services import audit
from grs.services.api_keys import client_for_key
from grs.services.lodge_input import LodgeInput
from grs.services.lodging import lodge
from grs.services.open311 import find_service
from grs.services.organisation import find_office

ATTRIBUTES = ("complaint_type", "on_behalf_of", "service_applied_on", "subject")
SUBJECT_LIMIT = 120


@dataclass(frozen=True)
class Open311Lodged:
    tracking_number: str
    due_on: date
    client: str


def lodge_request(rt: Runtime, key: str, form: Mapping[str, str]) -> Open311Lodged:
    """Lodge the complaint in `form` for the client whose key is `key`; refuse and audit."""
    try:
        with rt.db.write() as session:
            client = client_for_key(session, key)
            if client is None:
                raise Forbidden("api_key is missing, unknown or revoked", "bad_api_key")
            item = _complaint(session, form)
            lodged = lodge(rt, session, item, client=client).case
            audit.record(
                rt, session, "open311_lodged", username=client.name,
                target=f"case:{lodged.tracking_number}", client=client.name,
            )  # fmt: skip
            return Open311Lodged(lodged.tracking_number, lodged.due_on, client.name)
    except GrsError as exc:
        _refused(rt, key, exc)
        raise


def _refused(rt: Runtime, key: str, exc: GrsError) -> None:
    with rt.db.write() as session:
        client = client_for_key(session, key)
        name = client.name if client else ""
        audit.record(rt, session, "open311_refused", username=name, reason=exc.code)


def _complaint(session: Session, form: Mapping[str, str]) -> LodgeInput:
    jurisdiction = form.get("jurisdiction_id", "").strip()
    if not jurisdiction:
        raise InvalidInput("jurisdiction_id is required", "required", field="jurisdiction_id")
    office = find_office(session, jurisdiction[:64])
    if office is None or office.kind == "cell":
        raise NotFound(f"no jurisdiction {jurisdiction!r}", "office_not_found")
    code = form.get("service_code", "").strip()
    if not code:
        raise InvalidInput("service_code is required", "required", field="service_code")
    service = find_service(session, office, code)
    details = form.get("description", "").strip()
    values = {
        "office_code": office.code,
        "complaint_type": _attribute(form, "complaint_type") or "citizen",
        "subject": _attribute(form, "subject") or _subject(details, service),
        "details": details,
        "service_id": service.id if service else None,
        "service_applied_on": _attribute(form, "service_applied_on") or None,
        "on_behalf_of": _attribute(form, "on_behalf_of"),
        "name": " ".join(p for p in (form.get("first_name", ""), form.get("last_name", "")) if p),
        "mobile": form.get("phone", ""),
        "email": form.get("email", ""),
        "address": form.get("address_string", ""),
        "channel": "api",
    }
    return LodgeInput.from_mapping(values)


def _attribute(form: Mapping[str, str], name: str) -> str:
    return form.get(f"attribute[{name}]", "").strip()


def _subject(details: str, service: Service | None) -> str:
    """Open311 has no title: the description's first line stands for the subject."""
    first_line = details.splitlines()[0] if details else ""
    return (first_line or (service.name if service else ""))[:SUBJECT_LIMIT]
