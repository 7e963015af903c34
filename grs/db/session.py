"""Database engines and sessions: SQLite tuned for concurrent writers, PostgreSQL as it comes.

SQLite has no row locks, so every write transaction starts with BEGIN IMMEDIATE (the write lock
is taken up front, and a second writer waits on busy_timeout instead of failing mid-way), with
WAL so that readers never block the writer. Writers of one database file first take their turn
on a lock file beside it: SQLite's own wait sleeps in steps of up to 100 ms whether or not the
lock came free meanwhile, which under a few concurrent writers put a second on one in a hundred
lodgings; the turn is taken within a couple of milliseconds of its release.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000
TURN_POLL_S = (0.0002, 0.002)  # the first and the longest wait between tries for the turn
IDLE_TIMEOUT_OPTION = "-c idle_in_transaction_session_timeout=300000"  # 5 minutes


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("postgresql"):
        # A sweeper frozen mid-transaction would hold its claimed rows, which every other
        # sweeper skips; PostgreSQL ends such a transaction after a while instead.
        kwargs.setdefault("connect_args", {}).setdefault("options", IDLE_TIMEOUT_OPTION)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event, not the driver, decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("grs_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class WritersBusy(RuntimeError):
    """Another writer held the database for longer than the busy timeout."""


@contextmanager
def writer_turn(lock_path: str, timeout_ms: int = BUSY_TIMEOUT_MS) -> Iterator[None]:
    """Hold the turn to write among every process and thread using `lock_path` (each try opens
    the file anew, so threads of one process exclude each other as processes do)."""
    import fcntl  # POSIX only; the production database is PostgreSQL

    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline, pause = time.monotonic() + timeout_ms / 1000, TURN_POLL_S[0]
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WritersBusy(f"no turn to write {lock_path} in {timeout_ms} ms") from None
                time.sleep(pause)
                pause = min(pause * 2, TURN_POLL_S[1])
        yield
    finally:
        os.close(fd)  # which releases the lock


def _turn_path(engine: Engine) -> str | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return f"{database}-writers"


class Database:
    """One engine and its session factories; created by whoever runs (CLI, web app, worker)."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(grs_write=True), expire_on_commit=False
        )
        self._turn_path = _turn_path(self.engine)

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def read_session(self) -> Session:
        return self._read()

    @contextmanager
    def write(self, dry_run: bool = False) -> Iterator[Session]:
        """A session whose transaction holds the write lock on SQLite; committed on success,
        rolled back on an error or when `dry_run` asks for nothing to be kept."""
        with self._turn(), self._write() as session, session.begin() as transaction:
            yield session
            if dry_run:
                transaction.rollback()

    def _turn(self) -> AbstractContextManager[None]:
        return writer_turn(self._turn_path) if self._turn_path else nullcontext()

    def dispose(self) -> None:
        self.engine.dispose()
