"""What reading a citizen charter gives: its services, grievance ladder, expectations and problems.

Every value is frozen, so a parsed charter can be compared, cached and handed around freely.
"""

from __future__ import annotations

from dataclasses import dataclass

from grs.charters.fields import Contact, LadderRole, ServiceCategory


@dataclass(frozen=True)
class CharterService:
    category: ServiceCategory
    number: int
    name: str
    delivery_method: str
    documents: str
    fee: str
    time_limit_text: str
    time_limit_days: int | None  # None: the charter sets no limit, or it could not be read
    responsible: Contact
    superior: Contact | None  # None when the charter has no superior-officer column
    line: int


@dataclass(frozen=True)
class LadderStep:
    role: LadderRole  # which tier a role answers at is the workflow's to say
    when: str
    contact: Contact
    time_limit_days: int | None
    line: int


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based line in the file; 0 for the file as a whole
    message: str


@dataclass(frozen=True)
class ParsedCharter:
    office_name: str | None
    address: str | None
    website: str | None
    services: tuple[CharterService, ...]
    ladder: tuple[LadderStep, ...]
    expectations: tuple[str, ...]
    problems: tuple[Problem, ...]

    def to_json(self) -> dict[str, object]:
        """Plain dicts, lists, strings and numbers, ready for `json.dumps`."""
        return {
            "office": {"name": self.office_name, "address": self.address, "website": self.website},
            "services": [_service_json(service) for service in self.services],
            "ladder": [_step_json(step) for step in self.ladder],
            "expectations": list(self.expectations),
            "problems": [{"line": p.line, "message": p.message} for p in self.problems],
        }


def _contact_json(contact: Contact | None) -> dict[str, object] | None:
    if contact is None:
        return None
    return {
        "name": contact.name,
        "designation": contact.designation,
        "phone": contact.phone,
        "email": contact.email,
        "raw": contact.raw,
    }


def _service_json(service: CharterService) -> dict[str, object]:
    return {
        "category": service.category.value,
        "number": service.number,
        "name": service.name,
        "delivery_method": service.delivery_method,
        "documents": service.documents,
        "fee": service.fee,
        "time_limit_text": service.time_limit_text,
        "time_limit_days": service.time_limit_days,
        "responsible": _contact_json(service.responsible),
        "superior": _contact_json(service.superior),
        "line": service.line,
    }


def _step_json(step: LadderStep) -> dict[str, object]:
    return {
        "role": step.role.value,
        "when": step.when,
        "contact": _contact_json(step.contact),
        "time_limit_days": step.time_limit_days,
        "line": step.line,
    }
