"""The office tree as reports see it, and which offices an officer may read reports of.

A grievance officer (GRO or alternate) reads their office and every office below it: below their
office they are the appeal officer. The cell and administrators read every office. Anyone else
reads none; an office outside an officer's reach is reported as not existing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from grs.db.models import Office, Officer
from grs.errors import NotFound
from grs.services.officer_access import GRIEVANCE_POSTS, acting_posts

CELL_KIND = "cell"


@dataclass(frozen=True)
class OfficeRef:
    id: int
    code: str
    name_bn: str
    name_en: str
    kind: str
    parent_id: int | None


@dataclass
class OfficeTree:
    offices: dict[int, OfficeRef]
    children: dict[int | None, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> OfficeTree:
        rows = session.execute(
            select(Office.id, Office.code, Office.name_bn, Office.name_en, Office.kind,
                   Office.parent_id).order_by(Office.code)
        ).all()  # fmt: skip
        tree = cls({r.id: OfficeRef(*r) for r in rows})
        for office in tree.offices.values():
            tree.children.setdefault(office.parent_id, []).append(office.id)
        return tree

    def below(self, office_id: int) -> list[int]:
        """The office's children, in code order."""
        return list(self.children.get(office_id, []))

    def subtree(self, office_id: int) -> list[int]:
        """The office and every office under it."""
        found, todo = [], [office_id]
        while todo:
            current = todo.pop()
            if current in found:  # a cycle in bad data must not hang a report
                continue
            found.append(current)
            todo.extend(self.children.get(current, []))
        return found

    def by_code(self, code: str) -> OfficeRef | None:
        return next((o for o in self.offices.values() if o.code == code), None)

    def ancestors(self, office_id: int) -> list[OfficeRef]:
        """From the top of the tree down to the office's parent."""
        chain: list[OfficeRef] = []
        current = self.offices[office_id].parent_id
        while current is not None and current in self.offices and len(chain) < 50:
            chain.insert(0, self.offices[current])
            current = self.offices[current].parent_id
        return chain


@dataclass(frozen=True)
class ReportReach:
    """Which offices an officer may read reports of: every office, or these."""

    everything: bool
    office_ids: frozenset[int]
    home_ids: tuple[int, ...]  # the offices the officer works at, where their pages start

    def may_read(self, office_id: int) -> bool:
        return self.everything or office_id in self.office_ids

    @property
    def any(self) -> bool:
        return self.everything or bool(self.office_ids)


def report_reach(session: Session, tree: OfficeTree, officer: Officer, today: date) -> ReportReach:
    posts = acting_posts(session, officer, today)
    homes = tuple(dict.fromkeys(p.office_id for p in posts if p.kind in (*GRIEVANCE_POSTS, "cell")))
    if officer.is_admin or any(p.kind == CELL_KIND for p in posts):
        tops = tuple(tree.children.get(None, []))
        return ReportReach(True, frozenset(tree.offices), homes or tops)
    reach: set[int] = set()
    for post in posts:
        if post.kind in GRIEVANCE_POSTS:
            reach.update(tree.subtree(post.office_id))
    return ReportReach(False, frozenset(reach), homes)


def readable_office(tree: OfficeTree, reach: ReportReach, code: str) -> OfficeRef:
    office = tree.by_code(code)
    if office is None or not reach.may_read(office.id):
        raise NotFound("no such office", "office_not_found")
    return office
