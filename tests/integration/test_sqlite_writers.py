"""SQLite's writers take turns on a lock file beside the database before BEGIN IMMEDIATE: a
writer waiting there gets the database as soon as it is free, where SQLite's own busy wait
sleeps in steps of up to 100 ms. SQLite only: PostgreSQL writers wait on row locks."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from grs.db.migrate import upgrade
from grs.db.session import Database, WritersBusy, writer_turn


def _held(path: str) -> tuple[threading.Thread, threading.Event]:
    """A thread holding the turn until the event returned is set."""
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writer_turn(path):
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(10)
    return holder, release


def test_a_held_turn_keeps_others_out_until_released(tmp_path):
    path = str(tmp_path / "grs.db-writers")
    holder, release = _held(path)
    with pytest.raises(WritersBusy), writer_turn(path, timeout_ms=50):
        pass
    release.set()
    holder.join(10)
    # The wait that gave up got the lock file on release, and let it go at once.
    with writer_turn(path, timeout_ms=50):
        pass


def test_a_sqlite_database_writes_only_in_its_turn(tmp_path):
    url = f"sqlite:///{tmp_path / 'grs.db'}"
    upgrade(url)
    db = Database(url)
    started, written = threading.Event(), threading.Event()

    def write() -> None:
        started.set()
        with db.write() as s:
            s.execute(text("INSERT INTO revisions (name, n) VALUES ('probe', 1)"))
        written.set()

    try:
        with writer_turn(f"{tmp_path / 'grs.db'}-writers"):
            writer = threading.Thread(target=write)
            writer.start()
            assert started.wait(10)
            time.sleep(0.2)  # ample for the write, had it not waited for the turn
            assert not written.is_set()
        writer.join(10)
        assert written.is_set()
        with db.read_session() as s:
            assert s.scalar(text("SELECT n FROM revisions WHERE name = 'probe'")) == 1
    finally:
        db.dispose()


def test_a_waiting_writer_is_let_in_on_release_without_trying_again(tmp_path, monkeypatch):
    """It waits blocked on the lock file, not asleep between tries (which let whoever tried
    next in first, and made the longest waiters wait longest)."""
    path = str(tmp_path / "grs.db-writers")
    holder, release = _held(path)

    def no_sleeping(seconds: float) -> None:
        raise AssertionError(f"a writer slept {seconds} s between tries for the turn")

    monkeypatch.setattr("grs.db.session.time.sleep", no_sleeping)
    got_in, errors = threading.Event(), []

    def wait_for_turn() -> None:
        try:
            with writer_turn(path, timeout_ms=10_000):
                got_in.set()
        except BaseException as exc:  # seen by the test, not lost in the thread
            errors.append(exc)

    waiter = threading.Thread(target=wait_for_turn)
    waiter.start()
    assert not got_in.wait(0.2)  # (time.sleep is patched for every caller)
    release.set()
    holder.join(10)
    waiter.join(10)
    assert errors == [] and got_in.is_set()
