"""What pages and commands call: an officer's report of one office, refused as not found when
the office is outside the officer's reach."""

from __future__ import annotations

from sqlalchemy.orm import Session

from grs.db.models import Officer
from grs.errors import NotFound
from grs.processes.runtime import Runtime
from grs.reports.dashboard import Dashboard, dashboard
from grs.reports.decisions import DecisionListing, decision_listing
from grs.reports.grievance import GrievanceReport, grievance_report
from grs.reports.offices import OfficeRef, OfficeTree, readable_office, report_reach
from grs.reports.periods import Period, month_of, parse_period


def officer_report(
    rt: Runtime, session: Session, officer: Officer, office_code: str, period_text: str | None
) -> tuple[GrievanceReport, list[OfficeRef]]:
    """The report and the chain of offices above it that the officer may open too."""
    tree = OfficeTree.load(session)
    reach = report_reach(session, tree, officer, rt.today())
    office = readable_office(tree, reach, office_code)
    period = parse_period(period_text) if period_text else month_of(rt.today())
    crumbs = [o for o in tree.ancestors(office.id) if reach.may_read(o.id)]
    return grievance_report(rt, session, tree, office, period), crumbs


def officer_decisions(
    rt: Runtime, session: Session, officer: Officer, office_code: str, period_text: str | None
) -> DecisionListing:
    """The period's decisions at an office and below it, for an officer who may read its
    report; otherwise not found."""
    tree = OfficeTree.load(session)
    office = readable_office(tree, report_reach(session, tree, officer, rt.today()), office_code)
    period = parse_period(period_text) if period_text else month_of(rt.today())
    return decision_listing(rt, session, tree, office, period)


def home_office_code(rt: Runtime, session: Session, officer: Officer) -> str:
    """Where an officer's reports start: the first office they work at, or the top office."""
    tree = OfficeTree.load(session)
    reach = report_reach(session, tree, officer, rt.today())
    if not reach.any or not reach.home_ids:
        raise NotFound("no office to report on", "office_not_found")
    return tree.offices[reach.home_ids[0]].code


def default_period(rt: Runtime) -> Period:
    return month_of(rt.today())


def officer_dashboard(rt: Runtime, session: Session, officer: Officer) -> Dashboard:
    """Today's figures for the offices an officer answers for; none at all is not found."""
    tree = OfficeTree.load(session)
    reach = report_reach(session, tree, officer, rt.today())
    if not reach.any:
        raise NotFound("no office to report on", "office_not_found")
    tops = list(tree.children.get(None, [])) if reach.everything else list(reach.home_ids)
    return dashboard(rt, session, tree, tops)
