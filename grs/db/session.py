"""Database engines and sessions: SQLite tuned for concurrent writers, PostgreSQL as it comes.

SQLite has no row locks, so every write transaction starts with BEGIN IMMEDIATE (the write lock
is taken up front, and a second writer waits on busy_timeout instead of failing mid-way), with
WAL so that readers never block the writer. Writers of one database file first take their turn
on a lock file beside it: SQLite's own wait sleeps in steps of up to 100 ms whether or not the
lock came free meanwhile, which under a few concurrent writers put a second on one in a hundred
lodgings. A writer that finds the turn taken waits blocked on the lock file, and the kernel
hands the released lock to those blocked on it: polling instead handed it to whoever tried next,
and the longest waiters, asleep longest between tries, lost most often.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 30_000
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
    """Hold the turn to write among every process and thread using `lock_path` (each turn opens
    the file anew, so threads of one process exclude each other as processes do)."""
    deadline = time.monotonic() + timeout_ms / 1000
    fd = _lock_file(lock_path, deadline, timeout_ms)
    try:
        yield
    finally:
        os.close(fd)  # which releases the lock


def _lock_file(lock_path: str, deadline: float, timeout_ms: int) -> int:
    """The lock file, opened and locked; its descriptor."""
    import fcntl  # POSIX only; the production database is PostgreSQL

    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except BlockingIOError:
        os.close(fd)
    locked = _BlockedOnFile(lock_path).result(deadline)
    if locked is None:
        raise WritersBusy(f"no turn to write {lock_path} in {timeout_ms} ms")
    return locked


class _BlockedOnFile:
    """A blocking wait for the lock file, in a thread of its own. The kernel gives a released
    lock to a writer blocked on it at once, where polling gave it to whichever writer happened
    to try next; the thread is what lets the wait give up at a deadline."""

    def __init__(self, lock_path: str) -> None:
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._fd: int | None = None
        self._error: BaseException | None = None
        self._abandoned = False
        threading.Thread(
            target=self._wait, args=(lock_path,), name="writers-turn", daemon=True
        ).start()

    def _wait(self, lock_path: str) -> None:
        import fcntl

        fd = -1
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:
            if fd >= 0:
                os.close(fd)
            self._error = exc
            self._done.set()
            return
        with self._lock:
            if self._abandoned:  # the writer gave up meanwhile: let the next one in
                os.close(fd)
                return
            self._fd = fd
        self._done.set()

    def result(self, deadline: float) -> int | None:
        """The locked descriptor, or None once `deadline` passed without it."""
        self._done.wait(max(0.0, deadline - time.monotonic()))
        if self._error is not None:
            raise self._error
        with self._lock:
            self._abandoned = self._fd is None
            return self._fd


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
