"""Database fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL comes from GRS_TEST_DATABASE_URL (a server and a database to connect to first); the
tests create their own database next to it and drop it at the end. Under CI=true a missing
PostgreSQL is an error, never a skip.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from grs.db.migrate import upgrade
from grs.db.models import Base
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from tests.support import FakeClock

ROOT = Path(__file__).resolve().parent.parent
PG_HINT = (
    "PostgreSQL tests skipped: set GRS_TEST_DATABASE_URL, e.g. "
    "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def postgres_admin_url() -> str | None:
    url = os.environ.get("GRS_TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but GRS_TEST_DATABASE_URL is not set", pytrace=False)
        pytest.skip(PG_HINT)
    return url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test run."""
    with fresh_postgres_database("grs_test") as url:
        yield url


@contextmanager
def fresh_postgres_database(prefix: str) -> Iterator[str]:
    """A new, migrated PostgreSQL database beside GRS_TEST_DATABASE_URL, dropped afterwards."""
    admin_url = make_url(postgres_admin_url() or "")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "grs.db"
    upgrade(f"sqlite:///{path}")
    return path


class _Emptier:
    """Empties the session's PostgreSQL database between tests. DELETE, children first, then the
    identity sequences back to 1: on tables of a few rows that is a twentieth of the cost of a
    TRUNCATE, which makes new files for every table on every test."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        tables = list(reversed(Base.metadata.sorted_tables))
        self.deletes = [text(f'DELETE FROM "{table.name}"') for table in tables]
        with self.engine.connect() as conn:
            sequences = conn.execute(
                text(
                    "SELECT pg_get_serial_sequence(t, c) FROM unnest("
                    "CAST(:tables AS text[]), CAST(:columns AS text[])) AS x(t, c)"
                ),
                {
                    "tables": [t.name for t in tables for c in t.primary_key if c.autoincrement],
                    "columns": [c.name for t in tables for c in t.primary_key if c.autoincrement],
                },
            ).scalars()
            names = [name for name in sequences if name]
        self.restart = text(
            "SELECT " + (", ".join(f"setval('{name}', 1, false)" for name in names) or "1")
        )

    def __call__(self) -> None:
        with self.engine.begin() as conn:
            for statement in self.deletes:
                conn.execute(statement)
            conn.execute(self.restart)


@pytest.fixture(scope="session")
def _empty_postgres(postgres_url: str) -> Iterator[_Emptier]:
    emptier = _Emptier(postgres_url)
    yield emptier
    emptier.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, migrated database of each kind, fresh for every test."""
    if request.param == "sqlite":
        path = tmp_path / "grs.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    request.getfixturevalue("_empty_postgres")()
    return url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock("2026-11-23")


@pytest.fixture
def workflow_file() -> str:
    """The workflow the runtime reads; a test module overrides this fixture to run another."""
    return Settings().workflow_file


@pytest.fixture
def rt(
    database_url: str, clock: FakeClock, tmp_path: Path, workflow_file: str
) -> Iterator[Runtime]:
    settings = replace(
        Settings(),
        database_url=database_url,
        root=ROOT,
        upload_dir=str(tmp_path / "uploads"),
        workflow_file=workflow_file,
    )
    runtime = Runtime.from_settings(settings)
    runtime.clock = clock
    yield runtime
    runtime.db.dispose()
