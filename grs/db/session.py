"""Database engines and sessions: SQLite tuned for concurrent writers, PostgreSQL as it comes.

SQLite has no row locks, so every write transaction starts with BEGIN IMMEDIATE (the write lock
is taken up front, and a second writer waits on busy_timeout instead of failing mid-way), with
WAL so that readers never block the writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


class Database:
    """One engine and its session factories; created by whoever runs (CLI, web app, worker)."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(grs_write=True), expire_on_commit=False
        )

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def read_session(self) -> Session:
        return self._read()

    @contextmanager
    def write(self, dry_run: bool = False) -> Iterator[Session]:
        """A session whose transaction holds the write lock on SQLite; committed on success,
        rolled back on an error or when `dry_run` asks for nothing to be kept."""
        with self._write() as session, session.begin() as transaction:
            yield session
            if dry_run:
                transaction.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
