"""Changing an office's charter from the web: preview an uploaded charter, apply it, retire a
service. Each entry point is one transaction, audited in it.

The preview runs the very import that applying would, in a transaction that is rolled back,
so what it shows is exactly what applying the same text changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from grs.charters.parse import ParsedCharter, read_charter_bytes
from grs.db.models import Case, Office, Service
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services.audit import Author, record_change
from grs.services.charter_appeal import AppealOfficerOutcome
from grs.services.charter_import import ImportReport, import_charter, office_code_for
from grs.services.charter_versions import record_version
from grs.services.organisation import find_office

MAX_CHARTER_BYTES = 1024 * 1024


@dataclass(frozen=True)
class CharterPreview:
    office_code: str
    office_name: str
    new_office: bool
    changes: list[dict[str, Any]]  # as a version records them
    problems: list[str] = field(default_factory=list)
    importable: bool = True
    appeal_officer: AppealOfficerOutcome | None = None  # the charter's, as applying would find it


def _parsed(data: bytes) -> ParsedCharter:
    if len(data) > MAX_CHARTER_BYTES:
        raise InvalidInput("the charter file is larger than 1 MB", "too_large", field="charter")
    return read_charter_bytes(data)


def _author_name(author: Author) -> str:
    return author if isinstance(author, str) else author.username


def preview_charter(rt: Runtime, data: bytes, author: Author) -> CharterPreview:
    """What applying the charter in `data` would change; nothing is kept."""
    parsed = _parsed(data)
    code = office_code_for(parsed)
    with rt.db.write(dry_run=True) as session:
        existing = session.scalar(select(Office.id).where(Office.code == code)) is not None
        report = import_charter(
            session, parsed, rt.workflow, applied_by=_author_name(author), at=rt.now()
        )
    importable = bool(parsed.office_name and (parsed.services or parsed.ladder))
    return CharterPreview(code, parsed.office_name or "", not existing, report.changed,
                          report.problems, importable, report.appeal_officer)  # fmt: skip


def apply_charter(rt: Runtime, data: bytes, author: Author) -> ImportReport:
    """Apply the charter in `data`: a new version if it changes anything, else nothing."""
    parsed = _parsed(data)
    with rt.db.write() as session:
        report = import_charter(
            session, parsed, rt.workflow, applied_by=_author_name(author), at=rt.now()
        )
        if report.version is not None:
            record_change(rt, session, author, "charter_applied", f"office:{report.office_code}",
                          version=report.version, changes=len(report.changed))  # fmt: skip
    return report


def retire_service(rt: Runtime, author: Author, office_code: str, service_id: int) -> str:
    """Take a service out of the charter: deleted, or retired if any case refers to it (the
    cases keep it). Returns "retired" or "deleted"."""
    with rt.db.write() as session:
        office = find_office(session, office_code)
        service = session.get(Service, service_id)
        if office is None or service is None or service.office_id != office.id:
            raise NotFound("no such service", "service_not_found", field="service")
        if service.retired_on is not None:
            return "retired"
        if session.scalar(select(Case.id).where(Case.service_id == service.id).limit(1)):
            service.retired_on = rt.today()
            outcome = "retired"
        else:
            session.delete(service)
            outcome = "deleted"
        record_version(session, rt.workflow, office, _author_name(author), rt.now())
        record_change(rt, session, author, f"service_{outcome}", f"office:{office_code}",
                      service=service_id)  # fmt: skip
        return outcome
