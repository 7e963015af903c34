"""The public office directory and each office's published charter, for readers with no login.

Browsing narrows division, then district, then upazila, then lists the offices; a search
matches any part of an office's name, code or place. An office's page shows its charter as it
reads now, or as one of its earlier versions read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import CharterVersion, Office
from grs.errors import NotFound
from grs.services.charter_versions import charter_snapshot, version_of, versions_of
from grs.services.organisation import find_office
from grs.workflow.definition import Workflow

CODE_LIMIT = 64
SEARCH_LIMIT = 200


@dataclass(frozen=True)
class Directory:
    division: str
    district: str
    upazila: str
    query: str
    places: list[tuple[str, int]]  # the next level down, each with its number of offices
    offices: list[Office]  # at the chosen place (or matching the search)
    total: int  # offices matched in all; more than listed when the search is broad


def _public_offices(session: Session) -> list[Office]:
    rows = session.scalars(select(Office).where(Office.kind != "cell").order_by(Office.name_bn))
    return list(rows)


def directory(
    session: Session, division: str = "", district: str = "", upazila: str = "", query: str = ""
) -> Directory:
    """The offices under a place, or matching `query`, and the places one level down."""
    offices = _public_offices(session)
    wanted = " ".join(query.split()).casefold()[:100]
    if wanted:
        found = [o for o in offices if wanted in _search_text(o)]
        return Directory(division, district, upazila, wanted, [], found[:SEARCH_LIMIT], len(found))
    here = [
        o
        for o in offices
        if (not division or o.division == division)
        and (not district or o.district == district)
        and (not upazila or o.upazila == upazila)
    ]
    level = _next_level(division, district, upazila)
    if not level:
        return Directory(division, district, upazila, "", [], here, len(here))
    places = Counter(getattr(o, level) for o in here if getattr(o, level))
    # Offices of this place itself (a district office has no upazila), or not placed at all.
    own = [o for o in here if not getattr(o, level)]
    return Directory(division, district, upazila, "", sorted(places.items()), own, len(own))


def _next_level(division: str, district: str, upazila: str) -> str:
    if not division:
        return "division"
    if not district:
        return "district"
    if not upazila:
        return "upazila"
    return ""


def _search_text(office: Office) -> str:
    parts = (office.code, office.name_bn, office.name_en, office.division, office.district,
             office.upazila, office.address)  # fmt: skip
    return " ".join(parts).casefold()


@dataclass(frozen=True)
class PublishedCharter:
    office: Office
    charter: dict[str, Any]  # a snapshot: see grs.services.charter_versions
    version: int | None  # the version shown; None when the office has none yet
    current: bool  # whether it is the charter in force (services can be complained about)
    updated_at: datetime | None  # when the charter in force was last changed
    versions: list[CharterVersion]


def published_charter(
    session: Session, workflow: Workflow, code: str, version: int | None = None
) -> PublishedCharter:
    """The office's charter in force, or version `version` of it; NotFound for neither."""
    usable = len(code) <= CODE_LIMIT and "\x00" not in code
    office = find_office(session, code) if usable else None
    if office is None or office.kind == "cell":
        raise NotFound(f"no office {code!r}", "office_not_found", field="office")
    versions = versions_of(session, office.id)
    latest = versions[-1] if versions else None
    updated = latest.applied_at if latest else None
    if version is None or (latest is not None and version == latest.number):
        number = latest.number if latest else None
        snapshot = charter_snapshot(session, workflow, office)
        return PublishedCharter(office, snapshot, number, True, updated, versions)
    earlier = version_of(session, office.id, version)
    if earlier is None:
        raise NotFound(f"no version {version} of {code!r}", "version_not_found", field="version")
    return PublishedCharter(office, earlier.snapshot, version, False, updated, versions)
