"""Test helpers: a settable clock and a small but complete ladder of offices and officers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import event

from grs.calendar.dhaka import DHAKA
from grs.db.models import Case, Officer, Service
from grs.passwords import hash_password
from grs.processes.runtime import Runtime
from grs.services import organisation as org
from grs.services.action_effects import ActionInput
from grs.services.actions import act
from grs.services.case_changes import CITIZEN, Actor
from grs.services.case_lookup import find_case
from grs.services.lodge_input import LodgeInput
from grs.services.lodging import lodge

PASSWORD = "correct-horse-battery"


@cache
def password_hash() -> str:
    """Argon2 is slow on purpose; the test ladder hashes its one password once per run."""
    return hash_password(PASSWORD)


class FakeClock:
    """Noon in Dhaka on a settable date."""

    def __init__(self, day: str) -> None:
        self.day = date.fromisoformat(day)

    def set(self, day: str | date) -> None:
        self.day = date.fromisoformat(day) if isinstance(day, str) else day

    def advance(self, days: int) -> None:
        self.day += timedelta(days=days)

    def __call__(self) -> datetime:
        return datetime.combine(self.day, time(12, 0), DHAKA).astimezone(UTC)


@dataclass
class Ladder:
    """UPZ (upazila) -> DIST (district) -> DIR (directorate) -> CELL, with one officer per post."""

    officers: dict[str, Officer]
    services: dict[str, Service]

    def officer(self, username: str) -> Actor:
        return Actor("officer", self.officers[username])


def build_ladder(rt: Runtime) -> Ladder:
    with rt.db.write() as s:
        org.upsert_office(s, org.OfficeInput("CELL", "অভিযোগ ব্যবস্থাপনা সেল", "Cell", kind="cell"))
        org.upsert_office(s, org.OfficeInput("DIR", "আইসিটি অধিদপ্তর", "Directorate", "CELL"))
        org.upsert_office(s, org.OfficeInput("DIST", "জেলা আইসিটি কার্যালয়", "District", "DIR"))
        org.upsert_office(s, org.OfficeInput("UPZ", "উপজেলা আইসিটি কার্যালয়", "Upazila", "DIST"))
        org.upsert_office(s, org.OfficeInput("UPZ2", "অন্য উপজেলা কার্যালয়", "Upazila 2", "DIST"))
        officers = {}
        for username, office, post in [
            ("gro_upz", "UPZ", "gro"), ("alt_upz", "UPZ", "alternate_gro"),
            ("gro_upz2", "UPZ2", "gro"), ("ao_dist", "DIST", "gro"),
            ("gro_dir", "DIR", "gro"), ("cell", "CELL", "cell"),
        ]:  # fmt: skip
            officer = org.add_officer(
                s, username, username, PASSWORD, password_hash=password_hash()
            )
            org.assign_post(s, officer, org.post_by_code(s, office, post))
            officers[username] = officer
        upz = org.office_by_code(s, "UPZ")
        ict = org.ensure_post(s, upz, "ict_officer", "service_officer", "উপজেলা আইসিটি অফিসার")
        officers["ict_upz"] = org.add_officer(
            s, "ict_upz", "ict_upz", PASSWORD, password_hash=password_hash()
        )
        org.assign_post(s, officers["ict_upz"], ict)
        services = {
            "quick": org.add_service(s, upz, "citizen", 1, "তথ্য প্রদান", 3, ict),
            "long": org.add_service(s, upz, "citizen", 2, "প্রশিক্ষণ", 15, ict),
            "as_needed": org.add_service(s, upz, "citizen", 3, "পরামর্শ", None, ict),
        }
        admin = org.add_officer(
            s, "admin", "admin", PASSWORD, is_admin=True, password_hash=password_hash()
        )
        officers["admin"] = admin
    return Ladder(officers, services)


def complaint(**overrides: Any) -> LodgeInput:
    values: dict[str, Any] = {
        "office_code": "UPZ",
        "complaint_type": "citizen",
        "subject": "সেবা পাইনি",
        "details": "আবেদন করেও তথ্য পাইনি",
        "name": "রহিম উদ্দিন",
        "mobile": "01711234567",
    }
    values.update(overrides)
    return LodgeInput.from_mapping(values)


def _with_relations(case: Case) -> Case:
    """Load what tests read after the session is gone."""
    _ = (case.current_post.code, case.current_post.office.code, case.office.code)
    return case


def lodge_case(rt: Runtime, **overrides: Any) -> Case:
    with rt.db.write() as s:
        return _with_relations(lodge(rt, s, complaint(**overrides)).case)


def do(rt: Runtime, tracking: str, trigger: str, actor: Actor = CITIZEN, **args: Any) -> Case:
    with rt.db.write() as s:
        return _with_relations(
            act(rt, s, find_case(s, tracking), trigger, actor, ActionInput(**args))
        )


def load(rt: Runtime, tracking: str) -> Case:
    with rt.db.read_session() as s:
        return _with_relations(find_case(s, tracking))


@contextmanager
def counted(rt: Runtime) -> Iterator[list[str]]:
    """The SQL statements `rt`'s engine runs inside the block, as their text."""
    seen: list[str] = []

    def listener(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(rt.db.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(rt.db.engine, "before_cursor_execute", listener)
