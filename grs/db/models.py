"""SQLAlchemy 2.0 typed models: offices and posts, services, cases and their append-only history.

Constraint names follow one convention so Alembic migrations name them the same on every database.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The rows the sweep may escalate; the partial index and the sweep's query share this text.
# Which states run a clock is the workflow's to say: the engine stores the answer in
# `clock_runs` with every change of state, so no state name is written into the schema.
RUNNING_PREDICATE = "clock_runs AND NOT overdue"


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every database: SQLite stores no offset and hands back naive
    values, which would then print without one and refuse comparison with aware ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; attach a timezone")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON}


class Office(Base):
    __tablename__ = "offices"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name_bn: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default="office")  # office | cell
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"))
    address: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    expectations: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Where the office is, for the public directory; read from the charter's address line.
    division: Mapped[str] = mapped_column(String(100), default="")
    district: Mapped[str] = mapped_column(String(100), default="")
    upazila: Mapped[str] = mapped_column(String(100), default="")
    parent: Mapped[Office | None] = relationship(remote_side=[id])


class OfficeTierDuration(Base):
    """An office's own time limit for a tier, overriding the workflow's."""

    __tablename__ = "office_tier_durations"
    __table_args__ = (UniqueConstraint("office_id", "tier"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    tier: Mapped[int] = mapped_column(Integer)
    working_days: Mapped[int] = mapped_column(Integer)


class OfficeAppealOfficer(Base):
    """The post that hears appeals against an office's decisions, where it is not the GRO of the
    office above (a ministry names a senior officer of its own, or another office's post)."""

    __tablename__ = "office_appeal_officers"
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), unique=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    post: Mapped[Post] = relationship()


class Officer(Base):
    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str] = mapped_column(String(300), default="")
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped on logout and password change: every session carrying an older value is void.
    session_version: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(5), default="bn")  # of the messages they get


class Post(Base):
    """A position in an office (GRO, alternate GRO, a service's responsible officer, the cell)."""

    __tablename__ = "posts"
    __table_args__ = (UniqueConstraint("office_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    code: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(30))  # gro | alternate_gro | service_officer | cell
    title_bn: Mapped[str] = mapped_column(String(300))
    title_en: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(Text, default="")
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    alternate_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    office: Mapped[Office] = relationship()
    holder: Mapped[Officer | None] = relationship()


class Revision(Base):
    """How many times a part of the data has changed, counted by the database's own triggers (on
    `offices` and `posts` for "organisation"), so that a process may keep what it built from
    that part until the count moves."""

    __tablename__ = "revisions"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)


class Absence(Base):
    __tablename__ = "absences"
    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="ordered"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")


class Service(Base):
    __tablename__ = "services"
    __table_args__ = (UniqueConstraint("office_id", "category", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed as the first column of the unique (office_id, category, number) (migration 1775).
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    category: Mapped[str] = mapped_column(String(20))  # citizen | institutional | internal
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    delivery_method: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[str] = mapped_column(Text, default="")
    fee: Mapped[str] = mapped_column(Text, default="")
    time_limit_text: Mapped[str] = mapped_column(Text, default="")
    time_limit_days: Mapped[int | None] = mapped_column(Integer)  # None: "as needed"
    responsible_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    superior_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"))
    # A service dropped from the charter while cases refer to it is kept, retired on this day.
    retired_on: Mapped[date | None] = mapped_column(Date)
    office: Mapped[Office] = relationship()
    responsible_post: Mapped[Post | None] = relationship(foreign_keys=[responsible_post_id])
    superior_post: Mapped[Post | None] = relationship(foreign_keys=[superior_post_id])


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        # How many tiers there are is the workflow's to say; the schema only refuses nonsense.
        CheckConstraint("tier >= 0", name="tier_not_negative"),
        CheckConstraint("rating IS NULL OR (rating >= 0 AND rating <= 5)", name="rating_range"),
        # The sweep reads only due rows: this index holds exactly the cases whose clock runs.
        Index(
            "ix_cases_clock_due_on",
            "due_on",
            postgresql_where=text(RUNNING_PREDICATE),
            sqlite_where=text(RUNNING_PREDICATE),
        ),
        # The waits that end by themselves: only the few cases with such a date are indexed,
        # so an escalation (which clears both) has two fewer index entries to write.
        *(
            Index(
                f"ix_cases_{column}",
                column,
                postgresql_where=text(f"{column} IS NOT NULL"),
                sqlite_where=text(f"{column} IS NOT NULL"),
            )
            for column in ("appeal_until", "info_answer_by")
        ),
        # Receipt codes are unique; only anonymous cases have one, so only they are indexed
        # (no read looks a case up by its code: it is checked on the case found by number).
        Index(
            "uq_cases_receipt_code_hash",
            "receipt_code_hash",
            unique=True,
            postgresql_where=text("receipt_code_hash IS NOT NULL"),
            sqlite_where=text("receipt_code_hash IS NOT NULL"),
        ),
        # The dashboard counts an office's lodged cases by day, and its cases as they stand
        # (state, overdue, deadline), from these indexes alone.
        Index("ix_cases_office_id_lodged_on", "office_id", "lodged_on"),
        Index(
            "ix_cases_current_office_id_state_overdue_due_on",
            "current_office_id",
            "state",
            "overdue",
            "due_on",
        ),
        # An officer's queue: a page of a post's cases by deadline, and its counts by state and
        # service, read from the index alone (migration 1730).
        Index("ix_cases_current_post_id_due_on", "current_post_id", "due_on", "id"),
        Index("ix_cases_current_post_id_state", "current_post_id", "state", "service_id"),
        # The same page in order of receipt, newest first (migration 1750).
        Index("ix_cases_current_post_id_lodged_on", "current_post_id", "lodged_on", "id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_number: Mapped[str] = mapped_column(String(20), unique=True)
    complaint_type: Mapped[str] = mapped_column(String(20))  # citizen | office | staff
    against: Mapped[str] = mapped_column(
        String(20), default="service"
    )  # service|gro|appeal_officer
    channel: Mapped[str] = mapped_column(String(20), default="web")  # web|paper|phone|in_person
    on_behalf_of: Mapped[str] = mapped_column(String(200), default="")  # the relation, if any
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    receipt_code_hash: Mapped[str | None] = mapped_column(String(128))
    complainant_name: Mapped[str] = mapped_column(String(200), default="")
    # Not indexed: it is compared on the case found by tracking number, and searched for
    # inside a post's cases, never looked up across the table (migration 1780).
    complainant_mobile: Mapped[str] = mapped_column(String(20), default="")
    complainant_email: Mapped[str] = mapped_column(String(200), default="")
    complainant_address: Mapped[str] = mapped_column(Text, default="")
    # Indexed as the first column of ix_cases_office_id_lodged_on (migration 1765).
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    service_applied_on: Mapped[date | None] = mapped_column(Date)
    service_decided: Mapped[bool] = mapped_column(Boolean, default=False)
    subject: Mapped[str] = mapped_column(String(300))
    details: Mapped[str] = mapped_column(Text)
    remedy_sought: Mapped[str] = mapped_column(Text, default="")
    lodged_at: Mapped[datetime] = mapped_column(UtcDateTime())
    lodged_on: Mapped[date] = mapped_column(Date)
    tier: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(30))
    clock_runs: Mapped[bool] = mapped_column(Boolean)  # the state is one of the running group
    # Indexed as the first column of ix_cases_current_office_id_state_overdue_due_on.
    current_office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    current_post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    tier_started_on: Mapped[date] = mapped_column(Date)
    tier_days: Mapped[int] = mapped_column(Integer)
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    paused_days: Mapped[int] = mapped_column(Integer, default=0)
    paused_since: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    overdue: Mapped[bool] = mapped_column(Boolean, default=False)
    opinion_due_on: Mapped[date | None] = mapped_column(Date)
    # The date a request for information must be answered by; the sweep reads it (indexed).
    info_answer_by: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)
    # The last day to appeal a decision; the sweep closes decided cases past it (indexed).
    appeal_until: Mapped[date | None] = mapped_column(Date)
    appealed_to_cell: Mapped[bool] = mapped_column(Boolean, default=False)
    closure_reason: Mapped[str | None] = mapped_column(String(40))
    # The decision as the register records it: the cause found, what was decided, and what
    # should keep it from happening again. Monitoring reports read these.
    decision_cause: Mapped[str | None] = mapped_column(Text)
    decision_text: Mapped[str | None] = mapped_column(Text)
    decision_prevention: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[Decimal | None] = mapped_column(Numeric(2, 1))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The API client (a helpline, an app) that lodged the case, when it came through the API.
    api_client_id: Mapped[int | None] = mapped_column(ForeignKey("api_clients.id"))
    # The language the complaint was lodged in: every message to the complainant is in it.
    language: Mapped[str] = mapped_column(String(5), default="bn")
    sms_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)
    # The office's blacklisting that matched the complainant's contact when the complaint was
    # lodged: a mark for its officers only, kept as it was known then.
    blacklist_entry_id: Mapped[int | None] = mapped_column(ForeignKey("blacklist_entries.id"))
    office: Mapped[Office] = relationship(foreign_keys=[office_id])
    service: Mapped[Service | None] = relationship()
    current_post: Mapped[Post] = relationship()


class Event(Base):
    """One change of a case. Rows are only ever inserted (the database then fills the previous
    event's `next_on`, see below)."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("case_id", "seq"),
        # Reports read an office's history by the office that held the case and the date.
        Index("ix_events_held_by_office_id_occurred_on", "held_by_office_id", "occurred_on"),
        # Where cases stood on a day: the events not yet superseded by then, per office.
        Index("ix_events_held_by_office_id_next_on", "held_by_office_id", "next_on"),
        # The moves out of an office (forwarded, escalated, appealed) by the office left.
        Index("ix_events_prev_office_id_occurred_on", "prev_office_id", "occurred_on"),
        # The decisions of a year, for the dashboard, from the index alone.
        Index(
            "ix_events_to_state_held_by_office_id_occurred_on",
            "to_state",
            "held_by_office_id",
            "occurred_on",
            postgresql_include=["from_state", "due_before"],
        ),
        Index(
            "uq_events_once_key",
            "once_key",
            unique=True,
            postgresql_where=text("once_key IS NOT NULL"),
            sqlite_where=text("once_key IS NOT NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed as the first column of the unique (case_id, seq) (migration 1775).
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    occurred_on: Mapped[date] = mapped_column(Date)  # the Dhaka date of `at`
    actor_kind: Mapped[str] = mapped_column(String(20))  # citizen | officer | system
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str | None] = mapped_column(String(30))
    from_tier: Mapped[int | None] = mapped_column(Integer)
    to_tier: Mapped[int | None] = mapped_column(Integer)
    due_before: Mapped[date | None] = mapped_column(Date)
    due_after: Mapped[date | None] = mapped_column(Date)
    # The office whose post held the case after this change: reports rebuild from it where a
    # case stood on any past date, after it has been forwarded, escalated or appealed since.
    held_by_office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"))
    # Filled by the database on insert (the `events_chain` trigger, migration 1720), whoever
    # writes the row: the office that held the case before this event, the day the case's
    # stint at its tier and office began, the case's channel, service and complaint type
    # (which never change), and, once the case's next event is written, that event's day (the
    # only column ever written after the row). Reports read them instead of ordering every
    # case's history and joining the cases. On PostgreSQL a row that arrives with its stint
    # filled in is taken as chained already: the bulk writer does it for a batch at once.
    prev_office_id: Mapped[int | None] = mapped_column(Integer)
    stint_started_on: Mapped[date | None] = mapped_column(Date)
    next_on: Mapped[date | None] = mapped_column(Date)
    case_channel: Mapped[str | None] = mapped_column(String(20))
    case_service_id: Mapped[int | None] = mapped_column(Integer)
    case_complaint_type: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    citizen_visible: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set for events that must happen once only (escalations): a second writer fails on the
    # unique index of the events that have one (migration 1780).
    once_key: Mapped[str | None] = mapped_column(String(120))


class CaseRating(Base):
    """The complainant's rating of a decision, one per tier that decided the case."""

    __tablename__ = "case_ratings"
    __table_args__ = (
        UniqueConstraint("case_id", "tier"),
        CheckConstraint("rating >= 0 AND rating <= 5", name="rating_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed as the first column of the unique (case_id, tier) (migration 1775).
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    tier: Mapped[int] = mapped_column(Integer)
    rating: Mapped[Decimal] = mapped_column(Numeric(2, 1))
    comment: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Notification(Base):
    """Outbox: written with the event in one transaction, sent later with retries.

    An officer's inbox entry is a row of channel "inbox", delivered when written; e-mail and SMS
    rows are claimed by a sender (`claimed_by` until `claimed_until`), so two senders never
    send the same row. A digest belongs to no case, a reminder to no event."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_status_next_attempt_at", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    # Not indexed: rows are read by officer (the inbox) and by status (the senders), and join
    # their case by its primary key (migration 1780).
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40), default="")  # the key in messages.toml
    channel: Mapped[str] = mapped_column(String(20))  # sms | email | inbox
    recipient: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="bn")
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    segments: Mapped[int] = mapped_column(Integer, default=0)  # SMS parts; 0 for other channels
    # pending | sending | sent | failed
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(40))
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    once_key: Mapped[str] = mapped_column(String(160), unique=True)


class HolidayChange(Base):
    """An administrator's addition or removal of a holiday; never deleted, only superseded."""

    __tablename__ = "holiday_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    holiday_on: Mapped[date] = mapped_column(Date, index=True)
    action: Mapped[str] = mapped_column(String(10))  # add | remove
    name_bn: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), default="executive_order")
    reason: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # The history rows of the moved cases whose complainants are still to be told: those of ids
    # above `notice_after_event_id` up to `notice_through_event_id`. The worker writes their
    # messages a batch at a time after the change, moving the first up to the second.
    notice_after_event_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    notice_through_event_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    stored_name: Mapped[str] = mapped_column(String(100), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    uploaded_by: Mapped[str] = mapped_column(String(20))  # citizen | officer
    # An opinion's or an investigation report's files belong to the request they answer.
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("case_assignments.id"))


class CaseAssignment(Base):
    """A post outside the case's own asked to take part: for an opinion, or to investigate.

    The request is addressed to a post, so whoever acts for it today (the holder, or the
    alternate during an absence) answers. Rows are kept: an answered or withdrawn request stays
    as the history of who was asked and what they said. The investigators named together share
    the event that asked them (`request_event_id`)."""

    __tablename__ = "case_assignments"
    __table_args__ = (
        CheckConstraint("kind IN ('opinion', 'investigation')", name="kind"),
        CheckConstraint("status IN ('open', 'given', 'withdrawn')", name="status"),
        Index("ix_case_assignments_post_id_status", "post_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # opinion | investigation
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    requested_by: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    requested_on: Mapped[date] = mapped_column(Date)
    request_event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | given | withdrawn
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    answer_event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"))
    post: Mapped[Post] = relationship()


class AuditEntry(Base):
    """Who did what, when, from which offices: logins, refusals, administrative changes.

    Rows are only ever inserted; `offices` keeps the codes of the offices whose posts the officer
    held at the time, so the entry still reads right after the officer moves on."""

    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)
    username: Mapped[str] = mapped_column(String(80), default="")  # as typed, for failed logins
    offices: Mapped[str] = mapped_column(String(300), default="")
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class LoginAttempt(Base):
    """A login attempt not known to have succeeded; recent ones throttle guessing per account.

    Keyed by the username as typed, so a name that does not exist is throttled the same way and
    the answer never tells which accounts exist."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_username_at", "username", "at"),
        Index("ix_login_attempts_username_address", "username", "address"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    # A keyed hash of the client's address: attempts from one place count together.
    address: Mapped[str] = mapped_column(String(64), default="")
    # Refused unchecked while the address waited: counted as an attack, not towards the wait.
    throttled: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class CitizenGrant(Base):
    """A citizen's opened case on one device: the session cookie holds the token, this row its
    hash. Closing the page deletes the row, so a copy of the cookie stops working too."""

    __tablename__ = "citizen_grants"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ApiClient(Base):
    """A system that lodges complaints through Open311 (a helpline, an app, another portal).

    Only a hash of its key is stored; the key itself is shown once, when it is issued."""

    __tablename__ = "api_clients"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    rate_per_minute: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str] = mapped_column(String(80))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ApiToken(Base):
    """An officer's personal access token for the JSON API: scoped, expiring, stored hashed."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(200))  # space-separated
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    officer: Mapped[Officer] = relationship()


class CharterVersion(Base):
    """One applied change of an office's charter: who applied it, when, what changed, and the
    charter as it then read, so the public page can show any earlier version."""

    __tablename__ = "charter_versions"
    __table_args__ = (UniqueConstraint("office_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed as the first column of the unique (office_id, number) (migration 1775).
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... per office
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime())
    applied_by: Mapped[str] = mapped_column(String(80))
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CharterReviewEntry(Base):
    """What an office reports for one item of the quarterly citizen-charter review: the day it
    was done and its evidence (প্রমাণক). Rows are only ever inserted; the latest one counts."""

    __tablename__ = "charter_review_entries"
    __table_args__ = (
        Index("ix_charter_review_entries_office_id_year_quarter", "office_id", "year", "quarter"),
        CheckConstraint("quarter >= 1 AND quarter <= 4", name="quarter_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    item: Mapped[str] = mapped_column(String(40))
    done_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    stored_name: Mapped[str] = mapped_column(String(100), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    entered_by: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime())


# A contact has at most one proposal waiting or blacklisting in force per office.
LIVE_BLACKLIST_PREDICATE = "status IN ('proposed', 'active')"


class BlacklistEntry(Base):
    """A habitual false complainant's contact, proposed for an office's blacklist by its GRO and
    decided by its appeal officer. One row carries the whole story: the proposal, the decision
    and the lifting; nothing is deleted. Only an active entry marks new complaints."""

    __tablename__ = "blacklist_entries"
    __table_args__ = (
        CheckConstraint("contact_kind IN ('mobile', 'email')", name="contact_kind"),
        CheckConstraint(
            "status IN ('proposed', 'rejected', 'active', 'lifted')", name="status_known"
        ),
        Index(
            "uq_blacklist_entries_live_contact",
            "office_id",
            "contact_kind",
            "contact",
            unique=True,
            postgresql_where=text(LIVE_BLACKLIST_PREDICATE),
            sqlite_where=text(LIVE_BLACKLIST_PREDICATE),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id"), index=True)
    contact_kind: Mapped[str] = mapped_column(String(10))  # mobile | email
    contact: Mapped[str] = mapped_column(String(200))  # 01XXXXXXXXX, or a lower-cased address
    status: Mapped[str] = mapped_column(String(20))  # proposed | rejected | active | lifted
    reason: Mapped[str] = mapped_column(Text)
    proposed_by: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    proposed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    decision_note: Mapped[str] = mapped_column(Text, default="")
    lifted_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    lifted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    lift_reason: Mapped[str] = mapped_column(Text, default="")
