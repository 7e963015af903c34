"""Who hears of a change of a case, and the outbox rows that tell them, in the change's own
transaction. Which action tells whom is data (grs/notify/messages.toml).

The complainant hears by SMS (unless they asked for none) and by e-mail, in the language they
lodged in; an anonymous complainant gave no contact and hears nothing. The officer who now holds
the case gets an inbox entry and an e-mail (or, without an address, an SMS), in their language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, Table, and_, bindparam, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased

from grs.db.models import Case, Event, Notification, Office, Officer, Post
from grs.notify.messages import CITIZEN_SEGMENTS, Catalogue, SharedRenders, catalogue
from grs.processes.runtime import Runtime
from grs.services.bulk import ids_in, insert_from_json


@dataclass(frozen=True)
class Recipient:
    language: str
    email: str = ""
    mobile: str = ""
    officer_id: int | None = None


class Notifier:
    """Builds outbox rows for many changes at once, reading each post's holders only once."""

    def __init__(self, rt: Runtime, session: Session) -> None:
        self.rt, self.session = rt, session
        self.catalogue: Catalogue = catalogue()
        self.texts = SharedRenders(self.catalogue)
        self.rows: list[dict[str, Any]] = []
        self._holders: dict[int, list[Officer]] = {}
        self._offices: dict[int, Office] = {}

    def changed(self, case: Case, event: Event) -> None:
        """Queue what the change recorded in `event` tells the complainant and the officer.
        The case may be a row of the columns messages read (`CASE_COLUMNS`), the event anything
        with its id, action, note and data (`bulk.WrittenEvent`)."""
        spec = self.rt.workflow.state_specs.get(case.state)
        keys = self.catalogue.keys_for(event.action, spec.group if spec else None)
        values = self.values(case, event)
        if "citizen" in keys:
            self.to_citizen(case, keys["citizen"], values, event_id=event.id)
        if "officer" in keys:
            for officer in self.holders(case.current_post_id):
                once = f"event:{event.id}"
                self.to_officer(officer, keys["officer"], values, once, case.id, event.id)

    def to_citizen(
        self, case: Case, key: str, values: dict[str, Any], event_id: int | None = None,
        once: str | None = None,
    ) -> None:  # fmt: skip
        once = once or f"event:{event_id}"
        language = case.language
        if case.complainant_mobile and not case.sms_opt_out:
            text = self.texts.render(key, language, values, CITIZEN_SEGMENTS)
            self._row(case.id, event_id, None, "sms", case.complainant_mobile, text, once)
        if case.complainant_email:
            text = self.texts.render(key, language, values)
            self._row(case.id, event_id, None, "email", case.complainant_email, text, once)

    def to_officer(
        self, officer: Officer, key: str, values: dict[str, Any], once: str,
        case_id: int | None, event_id: int | None = None,
    ) -> None:  # fmt: skip
        text = self.texts.render(key, officer.language, values)
        once = f"{once}:officer:{officer.id}"
        row = (case_id, event_id, officer.id)
        self._row(*row, "inbox", str(officer.id), text, once)
        if officer.email:
            self._row(*row, "email", officer.email, text, once)
        elif officer.phone:
            self._row(*row, "sms", officer.phone, text, once)

    def values(self, case: Case, event: Event | None = None) -> dict[str, Any]:
        note = event.note if event is not None else ""
        data = event.data if event is not None else {}
        office = self.office(case.office_id)
        current = self.office(case.current_office_id)
        return {
            "tracking": case.tracking_number,
            "office": office.name_bn,
            "office_en": office.name_en or office.name_bn,
            "to": current.name_bn,
            "to_en": current.name_en or current.name_bn,
            "due": case.due_on,
            "link": self.link(case),
            "question": _without_full_stop(note),
            "answer_by": _answer_by(case, data),
            "appeal_until": case.appeal_until or case.due_on,
        }

    def link(self, case: Case | None = None) -> str:
        base = self.rt.settings.notify.base_url.rstrip("/")
        return f"{base}/track" if case is not None else f"{base}/officer"

    def holders(self, post_id: int) -> list[Officer]:
        """The post's holder, or its alternate's when the post is empty: whoever acts on it."""
        if post_id not in self._holders:
            self._holders.update(_holders_of(self.session, {post_id}))
        return self._holders[post_id]

    def preload(self, office_ids: set[int], post_ids: set[int]) -> None:
        """Read the offices and the posts' holders a batch of changes needs, one query each,
        instead of one at a time as each change asks."""
        office_ids -= self._offices.keys()
        if office_ids:
            offices = self.session.scalars(select(Office).where(Office.id.in_(office_ids)))
            self._offices.update((office.id, office) for office in offices)
        post_ids -= self._holders.keys()
        if post_ids:
            self._holders.update(_holders_of(self.session, post_ids))

    def read_cases(self, case_ids: set[int]) -> dict[int, Any]:
        """The cases as rows of the columns messages read (read afresh: a bulk change wrote
        them with plain UPDATEs), with their offices and holders preloaded."""
        rows = self.session.execute(
            select(*CASE_COLUMNS).where(ids_in(self.session, Case.id, case_ids))
        )
        cases: dict[int, Any] = {row.id: row for row in rows}
        offices = {c.office_id for c in cases.values()} | {
            c.current_office_id for c in cases.values()
        }
        self.preload(offices, {c.current_post_id for c in cases.values() if c.current_post_id})
        return cases

    def office(self, office_id: int) -> Office:
        if office_id not in self._offices:
            self._offices[office_id] = self.session.get_one(Office, office_id)
        return self._offices[office_id]

    def _row(
        self, case_id: int | None, event_id: int | None, officer_id: int | None, channel: str,
        to: str, text: Any, once: str,
    ) -> None:  # fmt: skip
        inbox = channel == "inbox"
        self.rows.append({
            "case_id": case_id, "event_id": event_id, "officer_id": officer_id,
            "kind": text.key, "channel": channel, "recipient": to, "language": text.language,
            "subject": text.title, "body": text.text,
            "segments": text.segments if channel == "sms" else 0,
            "status": "sent" if inbox else "pending", "attempts": 0, "last_error": "",
            "sent_at": self.rt.now() if inbox else None,
            "once_key": f"{once}:{channel}",
        })  # fmt: skip

    def flush(self) -> int:
        if self.rows and self.session.get_bind().dialect.name == "postgresql":
            # One statement over one JSON document whatever the batch (a sweep queues
            # thousands of rows).
            insert_from_json(self.session, _outbox, self.rows, ON_CONFLICT)
        elif self.rows:
            self.session.execute(_insert_once(self.session), self.rows)
        written, self.rows = len(self.rows), []
        return written


_outbox: Table = Notification.__table__  # type: ignore[assignment]
# A reminder or digest queued twice (two workers, a second run the same day) is written once.
ON_CONFLICT = "ON CONFLICT (once_key) DO NOTHING"


def _insert_once(session: Session) -> Any:
    """An INSERT that skips rows whose key is already there: a reminder or digest queued twice
    (two workers, a second run the same day) is written once."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert(Notification).on_conflict_do_nothing(index_elements=["once_key"])
    return sqlite_insert(Notification).on_conflict_do_nothing(index_elements=["once_key"])


@cache
def _holders_statement() -> Select[int, Officer | None]:
    """Each post of `post_ids` with whoever acts on it: its own holder, active or not, comes
    first; the alternate's stands in only for a post nobody holds. Built once: every change
    reads it."""
    alternate = aliased(Post)
    acting = func.coalesce(Post.holder_id, alternate.holder_id)
    return (
        select(Post.id, Officer)
        .outerjoin(alternate, alternate.id == Post.alternate_post_id)
        .outerjoin(Officer, and_(Officer.id == acting, Officer.active))
        .where(Post.id.in_(bindparam("post_ids", expanding=True)))
    )


def _holders_of(session: Session, post_ids: set[int]) -> dict[int, list[Officer]]:
    """Whoever acts on each post: its holder, or its alternate's when the post is empty; nobody
    when that officer is inactive. One query however many posts."""
    rows = session.execute(_holders_statement(), {"post_ids": sorted(post_ids)})
    return {post_id: [officer] if officer is not None else [] for post_id, officer in rows}


def _answer_by(case: Case, data: dict[str, Any]) -> date:
    """The request's own answer-by date when it set one; otherwise the case's deadline."""
    return date.fromisoformat(data["answer_by"]) if "answer_by" in data else case.due_on


def notify_change(rt: Runtime, session: Session, case: Case, event: Event) -> None:
    """In the change's transaction: the outbox rows for one change of one case."""
    notifier = Notifier(rt, session)
    notifier.changed(case, event)
    notifier.flush()


# What the messages read of a case (not the complaint's long texts).
CASE_COLUMNS = (
    Case.id,
    Case.state,
    Case.language,
    Case.tracking_number,
    Case.complainant_mobile,
    Case.complainant_email,
    Case.sms_opt_out,
    Case.office_id,
    Case.current_office_id,
    Case.current_post_id,
    Case.due_on,
    Case.appeal_until,
)


def notify_bulk(rt: Runtime, session: Session, case_ids: list[int], events: list[Any]) -> None:
    """The same for a batch written in bulk (the sweep, the waits that end by themselves): a few
    queries whatever the batch's size, rows of the columns the messages read rather than whole
    cases. `events` are each case's change, with the id, action, note and data it was written
    with (`bulk.written_events`)."""
    if not case_ids:
        return
    notifier = Notifier(rt, session)
    cases = notifier.read_cases(set(case_ids))
    for case_id, event in zip(case_ids, events, strict=True):
        notifier.changed(cases[case_id], event)
    notifier.flush()


def _without_full_stop(note: str) -> str:
    """The officer's words as the message quotes them: the message ends the sentence itself,
    so a closing দাঁড়ি or full stop of theirs would be doubled."""
    return note.rstrip().rstrip("।.").rstrip()
