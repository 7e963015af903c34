"""The demo: offices built from the shipped citizen charters, officer accounts, and a handful of
complaints at different tiers, so a newcomer can lodge, track, work a queue and watch escalation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from typing import Any

from sqlalchemy import func, select

from grs.calendar.dhaka import DHAKA
from grs.charters.parse import parse_charter
from grs.db.models import Office, Service
from grs.processes.runtime import Runtime
from grs.services import organisation as org
from grs.services.action_effects import ActionInput
from grs.services.actions import act
from grs.services.case_changes import CITIZEN, Actor
from grs.services.case_lookup import find_case
from grs.services.charter_import import import_charter, office_code_for
from grs.services.escalation import sweep
from grs.services.lodge_input import LodgeInput
from grs.services.lodging import lodge

UPAZILA_CHARTER = "manikganj_sadar_upazila_ict.txt"
DEMO_PASSWORD = "demo-password"  # noqa: S105  (printed at start; for a local demo only)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str


LOGINS = (
    DemoLogin("gro.upazila", "GRO, Upazila ICT Office, Manikganj Sadar"),
    DemoLogin("alt.upazila", "alternate GRO, Upazila ICT Office, Manikganj Sadar"),
    DemoLogin("service.upazila", "responsible officer of the upazila's services"),
    DemoLogin("ao.district", "appeal officer: GRO, District ICT Office, Manikganj"),
    DemoLogin("cell.officer", "Cabinet Division grievance management cell"),
    DemoLogin("admin", "administrator"),
)


def demo_loaded(rt: Runtime) -> bool:
    with rt.db.read_session() as session:
        return bool(session.scalar(select(func.count(Office.id))))


def load_demo(rt: Runtime) -> None:
    """Offices, officers and complaints; call on an empty, migrated database."""
    upazila_code = _load_offices(rt)
    _load_officers(rt, upazila_code)
    _load_complaints(rt, upazila_code)


def _load_offices(rt: Runtime) -> str:
    text = resources.files("grs.charters.samples").joinpath(UPAZILA_CHARTER).read_text("utf-8")
    parsed = parse_charter(text)
    with rt.db.write() as s:
        org.upsert_office(s, org.OfficeInput(
            "cabinet-cell", "মন্ত্রিপরিষদ বিভাগের অভিযোগ ব্যবস্থাপনা সেল",
            "Cabinet Division grievance management cell", kind="cell",
            address="অভিযোগ গ্রহণ কেন্দ্র, ৫নং গেইট, বাংলাদেশ সচিবালয়, ঢাকা",
            website="www.grs.gov.bd"))  # fmt: skip
        org.upsert_office(s, org.OfficeInput(
            "doict.manikganj.gov.bd", "জেলা আইসিটি কার্যালয়, মানিকগঞ্জ",
            "District ICT Office, Manikganj", parent_code="cabinet-cell",
            website="http://doict.manikganj.gov.bd"))  # fmt: skip
        import_charter(s, parsed, rt.workflow, parent_code="doict.manikganj.gov.bd")
    return office_code_for(parsed)


def _load_officers(rt: Runtime, upazila: str) -> None:
    posts = {
        "gro.upazila": (upazila, "gro"),
        "alt.upazila": (upazila, "alternate_gro"),
        "ao.district": ("doict.manikganj.gov.bd", "gro"),
        "cell.officer": ("cabinet-cell", "cell"),
    }
    with rt.db.write() as s:
        password_hash = None
        for login in LOGINS:
            officer = org.add_officer(s, login.username, login.role, DEMO_PASSWORD,
                                      is_admin=login.username == "admin",
                                      password_hash=password_hash)  # fmt: skip
            password_hash = officer.password_hash  # hash once: Argon2 is slow on purpose
            if login.username in posts:
                org.assign_post(s, officer, org.post_by_code(s, *posts[login.username]))
        service_officer = org.officer_by_username(s, "service.upazila")
        for service in s.scalars(select(Service).join(Office).where(Office.code == upazila)):
            if service.responsible_post is not None:
                org.assign_post(s, service_officer, service.responsible_post)


def _load_complaints(rt: Runtime, upazila: str) -> None:
    """Complaints lodged on earlier dates, with a sweep on every day since, as the worker runs
    it: each escalation is recorded on the day its tier's clock starts."""
    today = rt.today()
    first = max(days_ago for days_ago, _, _ in _STORIES)
    real_clock = rt.clock
    try:
        for days_ago in range(first, -1, -1):
            day = today - timedelta(days=days_ago)
            rt.clock = _noon(day)
            sweep(rt, day)
            for _, fields, steps in (story for story in _STORIES if story[0] == days_ago):
                tracking = _lodge(rt, upazila, fields)
                for trigger, who, args in steps:
                    _act(rt, tracking, trigger, who, args)
    finally:
        rt.clock = real_clock


def _noon(day: date) -> Any:
    moment = datetime.combine(day, time(12), DHAKA).astimezone(UTC)
    return lambda: moment


def _lodge(rt: Runtime, upazila: str, fields: dict[str, Any]) -> str:
    with rt.db.write() as s:
        service = s.scalar(select(Service).join(Office).where(Office.code == upazila)
                           .order_by(Service.id).limit(1))  # fmt: skip
        data = {"office_code": upazila, "complaint_type": "citizen", **fields}
        if data.pop("applied_today", False) and service is not None:
            data["service_id"], data["service_applied_on"] = service.id, rt.today()
        if data.pop("about_service", False) and service is not None:  # no date: to the GRO
            data["service_id"] = service.id
        return lodge(rt, s, LodgeInput.from_mapping(data)).case.tracking_number


def _act(rt: Runtime, tracking: str, trigger: str, who: str, args: dict[str, Any]) -> None:
    with rt.db.write() as s:
        actor = CITIZEN if who == "citizen" else Actor("officer", org.officer_by_username(s, who))
        act(rt, s, find_case(s, tracking), trigger, actor, ActionInput(**args))


_CITIZEN = {"name": "মোঃ রফিকুল ইসলাম", "mobile": "01711000001"}
_STORIES: list[tuple[int, dict[str, Any], list[tuple[str, str, dict[str, Any]]]]] = [
    (70, {**_CITIZEN, "subject": "ই-সেবা বিষয়ে তথ্য পাইনি",
          "details": "তিন মাস আগে আবেদন করেও কোনো উত্তর পাইনি।"}, []),
    (45, {"name": "সালমা আক্তার", "mobile": "01811000002", "subject": "প্রশিক্ষণে ভর্তি হয়নি",
          "details": "প্রশিক্ষণের আবেদন গ্রহণ করা হয়নি।"},
     [("accept", "gro.upazila", {})]),
    (10, {"name": "কামাল হোসেন", "mobile": "01911000003", "subject": "ওয়েবসাইটে তথ্য হালনাগাদ নেই",
          "details": "উপজেলা ওয়েবসাইটের তথ্য পুরোনো।"},
     [("accept", "gro.upazila", {}),
      ("request_info", "gro.upazila", {"note": "কোন পাতার তথ্য পুরোনো তা জানান।"})]),
    (3, {"name": "আবদুল করিম", "mobile": "01511000005", "subject": "ডিজিটাল সেন্টারের সনদ পাইনি",
         "details": "সনদের জন্য আবেদন করেছিলাম, এখনো পাইনি।", "about_service": True},
     [("accept", "gro.upazila", {}),
      ("request_opinion", "gro.upazila", {"note": "সনদ কেন দেওয়া হয়নি, মতামত দিন।"})]),
    (5, {"name": "নাসরিন সুলতানা", "mobile": "01611000004", "subject": "হেল্পডেস্কে সেবা পাইনি",
         "details": "হেল্পডেস্কে গিয়ে কাউকে পাইনি।"},
     [("resolve", "gro.upazila", {"closure_reason": "service_given",
                                  "note": "সেবা প্রদান করা হয়েছে।"})]),
    (1, {**_CITIZEN, "subject": "তথ্য প্রদান সেবা বিলম্ব", "applied_today": True,
         "details": "গতকাল আবেদন করেছি।"}, []),
    (0, {"anonymous": True, "subject": "অফিসে অতিরিক্ত অর্থ দাবি",
         "details": "সেবার জন্য অতিরিক্ত অর্থ চাওয়া হয়েছে।", "complaint_type": "staff"}, []),
]  # fmt: skip
