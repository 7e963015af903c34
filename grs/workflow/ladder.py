"""Who handles a case at each tier: posts in the office hierarchy, and who acts for a post today."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import Absence, Office, Officer, OfficeTierDuration, Post, Service
from grs.workflow.definition import Workflow


class LadderError(ValueError):
    """The office hierarchy lacks a post the ladder needs (no GRO, no cell)."""


def gro_post(session: Session, office_id: int) -> Post:
    post = session.scalar(select(Post).where(Post.office_id == office_id, Post.kind == "gro"))
    if post is None:
        office = session.get(Office, office_id)
        raise LadderError(f"office {office.code if office else office_id} has no GRO post")
    return post


def cell_post(session: Session) -> Post:
    post = session.scalar(
        select(Post).join(Office, Post.office_id == Office.id).where(Office.kind == "cell")
    )
    if post is None:
        raise LadderError("no Cabinet Division cell is set up")
    return post


def gro_above(session: Session, office: Office, levels: int) -> Post:
    """The GRO of the office `levels` above `office`; past the top of the hierarchy, the cell."""
    target: Office | None = office
    for _ in range(levels):
        target = target.parent if target is not None else None
    if target is None or target.kind == "cell":
        return cell_post(session)
    return gro_post(session, target.id)


def post_for_tier(
    session: Session, workflow: Workflow, office: Office, tier: int, service: Service | None
) -> Post:
    """Who handles `tier` for a case of `office`: the rule the workflow names for the tier."""
    spec = workflow.tiers[tier]
    if spec.post == "service_officer":
        if service is None or service.responsible_post is None:
            raise LadderError("the service has no responsible officer")
        return service.responsible_post
    if spec.post == "gro":
        return gro_above(session, office, spec.levels_up)
    if spec.post == "appeal_officer":
        # The GRO of the office above; with no office above, the cell.
        return gro_above(session, office, 1)
    return cell_post(session)


def is_absent(session: Session, officer_id: int, on: date) -> bool:
    query = select(Absence.id).where(
        Absence.officer_id == officer_id, Absence.starts_on <= on, Absence.ends_on >= on
    )
    return session.scalar(query.limit(1)) is not None


def acting_post_ids(session: Session, officer: Officer, on: date) -> set[int]:
    """The posts `officer` may act for on `on`: those held, and those whose holder is absent
    and whose alternate post the officer holds."""
    if not officer.active:
        return set()
    held = set(session.scalars(select(Post.id).where(Post.holder_id == officer.id)))
    if not held:
        return held
    covered = session.scalars(select(Post).where(Post.alternate_post_id.in_(held))).all()
    for post in covered:
        if post.holder_id is None or is_absent(session, post.holder_id, on):
            held.add(post.id)
    return held


def office_overrides(session: Session, office_id: int) -> dict[int, int]:
    """The office's own tier durations, where it publishes limits other than the workflow's."""
    rows = session.execute(
        select(OfficeTierDuration.tier, OfficeTierDuration.working_days).where(
            OfficeTierDuration.office_id == office_id
        )
    )
    return {tier: days for tier, days in rows}
