"""What a service is in Open311's words: its row in the list, and its attributes."""

from __future__ import annotations

from typing import Any

from grs.services.lodge_input import COMPLAINT_TYPES
from grs.services.open311 import ServiceEntry

TYPE_NAMES = {"citizen": "A citizen's complaint", "office": "An office's complaint",
              "staff": "A staff member's complaint"}  # fmt: skip


def service_row(entry: ServiceEntry) -> dict[str, Any]:
    return {
        "service_code": entry.code,
        "service_name": entry.name,
        "description": entry.description,
        "metadata": entry.has_attributes,
        "type": "realtime",
        "keywords": "grievance, complaint",
        "group": entry.group,
    }


def service_definition(entry: ServiceEntry) -> dict[str, Any]:
    """The attributes a complaint about this service may carry, beyond Open311's own fields."""
    attributes = [
        _attribute("complaint_type", "singlevaluelist", "Who complains", 1, required=False,
                   values=[{"key": k, "name": TYPE_NAMES[k]} for k in COMPLAINT_TYPES]),
        _attribute("subject", "string", "A one-line subject (default: the first line)", 2),
        _attribute("on_behalf_of", "string", "The complainant's relation to the person "
                   "served, when complaining on someone's behalf", 3),
        _attribute("service_applied_on", "datetime", "The date the service was applied for "
                   "(YYYY-MM-DD); while its charter time limit runs, the service's own officer "
                   "handles the complaint first", 4),
    ]  # fmt: skip
    return {"service_code": entry.code, "attributes": attributes}


def _attribute(
    code: str,
    datatype: str,
    description: str,
    order: int,
    required: bool = False,
    values: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    return {
        "variable": True,
        "code": code,
        "datatype": datatype,
        "required": required,
        "datatype_description": "",
        "order": order,
        "description": description,
        "values": values or [],
    }
