"""An office's charter as the public reads it, its versions, and what changed between two.

A snapshot is the charter as stored: the services in force with their officers, the grievance
ladder with who sits on it, and what the office expects of citizens. Each applied change keeps
a snapshot, so an earlier version can be shown as it was, and the changes between snapshots,
so the history says what changed; the quarterly review asks these versions whether the charter
was updated in a quarter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from grs.calendar.dhaka import DHAKA
from grs.db.models import CharterVersion, Office, Post, Service
from grs.workflow.definition import Workflow
from grs.workflow.ladder import LadderError, office_overrides, post_for_tier

CATEGORY_ORDER = ("citizen", "institutional", "internal")
SERVICE_FIELDS = (
    "name",
    "delivery_method",
    "documents",
    "fee",
    "time_limit_text",
    "time_limit_days",
    "responsible",
    "superior",
)


def post_view(post: Post | None) -> dict[str, str] | None:
    if post is None:
        return None
    holder = post.holder
    return {
        "title_bn": post.title_bn,
        "title_en": post.title_en,
        "office_bn": post.office.name_bn,
        "office_en": post.office.name_en,
        "contact": post.contact,
        "holder": holder.name if holder is not None else "",
        "phone": holder.phone if holder is not None else "",
        "email": holder.email if holder is not None else "",
    }


def active_services(session: Session, office_id: int) -> list[Service]:
    rows = session.scalars(
        select(Service).where(Service.office_id == office_id, Service.retired_on.is_(None))
    )
    return sorted(rows, key=lambda s: (CATEGORY_ORDER.index(s.category), s.number))


def service_view(service: Service) -> dict[str, Any]:
    return {
        "id": service.id,
        "key": f"{service.category}-{service.number}",
        "category": service.category,
        "number": service.number,
        "name": service.name,
        "delivery_method": service.delivery_method,
        "documents": service.documents,
        "fee": service.fee,
        "time_limit_text": service.time_limit_text,
        "time_limit_days": service.time_limit_days,
        "responsible": post_view(service.responsible_post),
        "superior": post_view(service.superior_post),
    }


def ladder_view(session: Session, workflow: Workflow, office: Office) -> list[dict[str, Any]]:
    """Each tier above the service officer: who handles it for this office, and in how long."""
    overrides = office_overrides(session, office.id)
    steps: list[dict[str, Any]] = []
    for tier in sorted(workflow.tiers):
        spec = workflow.tiers[tier]
        if spec.takes_service_time_limit:
            continue  # each service names its own officer and time limit
        try:
            post = post_for_tier(session, workflow, office, tier, None)
        except LadderError:
            post = None
        step = {
            "tier": tier,
            "post": post_view(post),
            "days": overrides.get(tier, spec.working_days),
        }
        steps.append(step)
    return steps


def alternate_gro(session: Session, office: Office) -> dict[str, str] | None:
    query = select(Post).where(Post.office_id == office.id, Post.kind == "alternate_gro")
    return post_view(session.scalar(query))


def charter_snapshot(session: Session, workflow: Workflow, office: Office) -> dict[str, Any]:
    """The office's charter as stored now, in plain values (kept as a version's snapshot)."""
    return {
        "office": {"name_bn": office.name_bn, "address": office.address, "website": office.website},
        "services": [service_view(s) for s in active_services(session, office.id)],
        "ladder": ladder_view(session, workflow, office),
        "alternate_gro": alternate_gro(session, office),
        "expectations": list(office.expectations or []),
    }


# --- what changed ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    kind: str  # service_added | service_removed | service_changed | ladder | expectations
    key: str  # the service's "category-number", the tier, or ""
    field: str = ""
    before: Any = None
    after: Any = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "field": self.field,
                "before": self.before, "after": self.after}  # fmt: skip


def charter_changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """What differs from `before` to `after`: services added, removed and changed field by
    field (officers included), the ladder, and the expectations."""
    old = {s["key"]: s for s in before.get("services", [])}
    new = {s["key"]: s for s in after.get("services", [])}
    changes = [
        Change("service_added", key, after=new[key]["name"]) for key in new if key not in old
    ]
    changes += [
        Change("service_removed", key, before=old[key]["name"]) for key in old if key not in new
    ]
    for key in (k for k in new if k in old):
        for name in SERVICE_FIELDS:
            was, now = _comparable(old[key].get(name)), _comparable(new[key].get(name))
            if was != now:
                changes.append(Change("service_changed", key, name, was, now))
    changes += _ladder_changes(before, after)
    if before.get("expectations", []) != after.get("expectations", []):
        changes.append(
            Change(
                "expectations", "", before=before.get("expectations"), after=after["expectations"]
            )
        )
    return changes


def _comparable(value: Any) -> Any:
    """An officer compares by who they are and how to reach them, not by the office's name."""
    if isinstance(value, dict):
        return ", ".join(part for part in (value.get("title_bn"), value.get("contact")) if part)
    return value


def _ladder_changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    changes = []
    old = {step["tier"]: step for step in before.get("ladder", [])}
    for step in after.get("ladder", []):
        was = old.get(step["tier"], {})
        for name in ("post", "days"):
            if _comparable(was.get(name)) != _comparable(step.get(name)):
                key = str(step["tier"])
                changes.append(Change("ladder", key, name, _comparable(was.get(name)),
                                      _comparable(step.get(name))))  # fmt: skip
    if _comparable(before.get("alternate_gro")) != _comparable(after.get("alternate_gro")):
        changes.append(Change("ladder", "alternate_gro", "post",
                              _comparable(before.get("alternate_gro")),
                              _comparable(after.get("alternate_gro"))))  # fmt: skip
    return changes


# --- versions ----------------------------------------------------------------------------------


def latest_version(session: Session, office_id: int) -> CharterVersion | None:
    query = select(CharterVersion).where(CharterVersion.office_id == office_id)
    return session.scalar(query.order_by(CharterVersion.number.desc()).limit(1))


def record_version(
    session: Session,
    workflow: Workflow,
    office: Office,
    applied_by: str,
    at: datetime | None = None,
) -> CharterVersion | None:
    """Keep the charter as it now reads as a new version, if it differs from the last one."""
    session.flush()
    snapshot = charter_snapshot(session, workflow, office)
    last = latest_version(session, office.id)
    changes = charter_changes(last.snapshot if last else {}, snapshot)
    if not changes:
        return None
    version = CharterVersion(
        office_id=office.id,
        number=(last.number if last else 0) + 1,
        applied_at=at or datetime.now(UTC),
        applied_by=applied_by[:80],
        changes=[change.to_json() for change in changes],
        snapshot=snapshot,
    )
    session.add(version)
    session.flush()
    return version


def versions_of(session: Session, office_id: int) -> list[CharterVersion]:
    query = select(CharterVersion).where(CharterVersion.office_id == office_id)
    return list(session.scalars(query.order_by(CharterVersion.number)))


def version_of(session: Session, office_id: int, number: int) -> CharterVersion | None:
    query = select(CharterVersion).where(
        CharterVersion.office_id == office_id, CharterVersion.number == number
    )
    return session.scalar(query)


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[date, date]:
    """The first day of a quarter of the fiscal year starting in July of `fiscal_year` (2022
    for 2022-23; quarter 1 is July-September), and the first day after it."""
    if not 1 <= quarter <= 4:
        raise ValueError("a quarter is 1, 2, 3 or 4")
    month = 7 + 3 * (quarter - 1)
    start = date(fiscal_year + (month > 12), (month - 1) % 12 + 1, 1)
    end_month = month + 3
    end = date(fiscal_year + (end_month > 12), (end_month - 1) % 12 + 1, 1)
    return start, end


def quarter_of(day: date) -> tuple[int, int]:
    """The fiscal year (by its first calendar year) and quarter `day` falls in."""
    fiscal_year = day.year if day.month >= 7 else day.year - 1
    return fiscal_year, ((day.month - 7) % 12) // 3 + 1


def _applied_in_quarter(fiscal_year: int, quarter: int) -> Any:
    start, end = quarter_bounds(fiscal_year, quarter)
    return and_(
        CharterVersion.applied_at >= datetime.combine(start, time(), DHAKA),
        CharterVersion.applied_at < datetime.combine(end, time(), DHAKA),
    )


def updated_in_quarter(session: Session, office_id: int, fiscal_year: int, quarter: int) -> bool:
    """Whether a version of the office's charter was applied in the quarter, by Dhaka dates:
    the quarterly review's "charter updated this quarter"."""
    query = select(func.count(CharterVersion.id)).where(
        CharterVersion.office_id == office_id, _applied_in_quarter(fiscal_year, quarter)
    )
    return bool(session.scalar(query))


def latest_versions_in_quarter(
    session: Session, office_ids: list[int], fiscal_year: int, quarter: int
) -> dict[int, CharterVersion]:
    """For each office that updated its charter in the quarter (see `updated_in_quarter`), the
    last version it applied then."""
    query = (
        select(CharterVersion)
        .where(CharterVersion.office_id.in_(office_ids), _applied_in_quarter(fiscal_year, quarter))
        .order_by(CharterVersion.number)
    )
    return {v.office_id: v for v in session.scalars(query)}


def categories_of(version: CharterVersion) -> set[str]:
    """The parts (citizen, institutional, internal services) the version's charter has."""
    return {str(s.get("category")) for s in (version.snapshot or {}).get("services", [])}
