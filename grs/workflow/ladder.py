"""Who handles a case at each tier: posts in the office hierarchy, and who acts for a post today."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import Date, Integer, Select, and_, bindparam, or_, select
from sqlalchemy.orm import Session, aliased, joinedload

from grs.db.models import (
    Absence,
    Office,
    OfficeAppealOfficer,
    Officer,
    OfficeTierDuration,
    Post,
    Service,
)
from grs.workflow.definition import Workflow


class LadderError(ValueError):
    """The office hierarchy lacks a post the ladder needs (no GRO, no cell)."""


_PRELOADED = "grs.ladder.organisation"


@dataclass
class _Organisation:
    """What the ladder reads of the organisation, read whole: the offices (held here so that
    the session's identity map keeps them, and parents resolve from it), GRO posts, named appeal
    posts and tier durations by office, and the cell's post."""

    offices: dict[int, Office] = field(default_factory=dict)
    gro: dict[int, Post] = field(default_factory=dict)
    appeal: dict[int, Post] = field(default_factory=dict)
    overrides: dict[int, dict[int, int]] = field(default_factory=dict)
    cell: Post | None = None


def preload_organisation(session: Session) -> None:
    """Read every office, GRO post, named appeal post and tier duration in a few statements and
    keep them with `session`, so that a run placing cases of hundreds of offices (the sweep) asks
    nothing more per office. Only for a session that does not change the organisation."""
    if _PRELOADED in session.info:
        return
    org = _Organisation()
    org.offices = {office.id: office for office in session.scalars(select(Office))}
    for post in session.scalars(select(Post).where(Post.kind == "gro").order_by(Post.id)):
        org.gro.setdefault(post.office_id, post)
    named = select(OfficeAppealOfficer.office_id, Post).join(
        Post, Post.id == OfficeAppealOfficer.post_id
    )
    org.appeal = {office_id: post for office_id, post in session.execute(named)}
    durations = select(
        OfficeTierDuration.office_id, OfficeTierDuration.tier, OfficeTierDuration.working_days
    )
    for office_id, tier, days in session.execute(durations):
        org.overrides.setdefault(office_id, {})[tier] = days
    org.cell = session.scalar(_CELL_POST)
    session.info[_PRELOADED] = org


def _preloaded(session: Session) -> _Organisation | None:
    return session.info.get(_PRELOADED)


@cache
def _gro_statement() -> Select[Post]:
    """Built once: every lodging reads it."""
    office = bindparam("office_id", type_=Integer)
    return select(Post).where(Post.office_id == office, Post.kind == "gro").order_by(Post.id)


def gro_post(session: Session, office_id: int) -> Post:
    org = _preloaded(session)
    if org is not None:
        post = org.gro.get(office_id)
    else:
        post = session.scalar(_gro_statement(), {"office_id": office_id})
    if post is None:
        office = session.get(Office, office_id)
        raise LadderError(f"office {office.code if office else office_id} has no GRO post")
    return post


_CELL_POST = (
    select(Post)
    .join(Office, Post.office_id == Office.id)
    .where(Office.kind == "cell")
    .order_by(Post.id)
)


def cell_post(session: Session) -> Post:
    org = _preloaded(session)
    post = org.cell if org is not None else session.scalar(_CELL_POST)
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
        return appeal_officer_post(session, office)
    return cell_post(session)


def appeal_officer_post(session: Session, office: Office) -> Post:
    """The post the office names to hear its appeals; by default the GRO of the office above
    (with no office above, the cell)."""
    org = _preloaded(session)
    if org is not None:
        return org.appeal.get(office.id) or gro_above(session, office, 1)
    named = session.scalar(
        select(OfficeAppealOfficer.post_id).where(OfficeAppealOfficer.office_id == office.id)
    )
    if named is not None:
        return session.get_one(Post, named)
    return gro_above(session, office, 1)


def acting_params(officer: Officer, on: date) -> dict[str, object]:
    """The values `acting_posts_statement` and `acting_ids_statement` are run with."""
    return {"acting_officer": officer.id, "acting_on": on}


@cache
def acting_posts_statement(with_office: bool = False) -> Select[Post]:
    """The posts an officer may act for on a day (run with `acting_params`): those held, and
    those whose holder is absent (or who have none) and whose alternate post the officer holds.
    One statement, so a page pays one round trip whatever the number of posts; built once, as
    every officer's page reads it and building it cost more than running it."""
    officer = bindparam("acting_officer", type_=Integer)
    on = bindparam("acting_on", type_=Date)
    mine = aliased(Post)
    held = select(mine.id).where(mine.holder_id == officer)
    away = (
        select(Absence.id)
        .where(Absence.officer_id == Post.holder_id, Absence.starts_on <= on, Absence.ends_on >= on)
        .exists()
    )
    covered = and_(Post.alternate_post_id.in_(held), or_(Post.holder_id.is_(None), away))
    query = select(Post).where(or_(Post.holder_id == officer, covered)).order_by(Post.id)
    return query.options(joinedload(Post.office)) if with_office else query


@cache
def acting_ids_statement() -> Select[int]:
    """`acting_posts_statement`, the posts' ids only."""
    return acting_posts_statement().with_only_columns(Post.id)


def acting_post_ids(session: Session, officer: Officer, on: date) -> set[int]:
    """The ids of the posts `officer` may act for on `on` (none while the account is off)."""
    if not officer.active:
        return set()
    return set(session.scalars(acting_ids_statement(), acting_params(officer, on)))


def office_overrides(session: Session, office_id: int) -> dict[int, int]:
    """The office's own tier durations, where it publishes limits other than the workflow's."""
    org = _preloaded(session)
    if org is not None:
        return org.overrides.get(office_id, {})
    rows = session.execute(_overrides_statement(), {"office_id": office_id})
    return {tier: days for tier, days in rows}


@cache
def _overrides_statement() -> Select[int, int]:
    """Built once: every lodging reads it."""
    durations = OfficeTierDuration
    office = bindparam("office_id", type_=Integer)
    return select(durations.tier, durations.working_days).where(durations.office_id == office)
