"""`python -m web.serve` leaves an empty database empty; only `--demo` (as `make run` passes)
loads the demo into it."""

from __future__ import annotations

from pathlib import Path

import pytest

import web.serve
from grs.processes.config import load_settings
from grs.processes.demo import demo_loaded
from grs.processes.runtime import Runtime

ROOT = Path(__file__).resolve().parent.parent.parent


class _Worker:
    def terminate(self) -> None:
        return None

    def wait(self, timeout: float) -> int:
        return 0


@pytest.fixture
def served(tmp_path, monkeypatch):
    """web.serve.main with the server and the worker process replaced, on a fresh SQLite file."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GRS_SECRET_KEY", "test-secret")  # else main sets it for the whole run
    monkeypatch.setenv("GRS_DATABASE_URL", f"sqlite:///{tmp_path / 'grs.db'}")
    monkeypatch.setattr(web.serve, "serve", lambda *a, **k: None)
    monkeypatch.setattr(web.serve.subprocess, "Popen", lambda *a, **k: _Worker())
    return lambda *argv: web.serve.main(list(argv))


def _has_demo() -> bool:
    return demo_loaded(Runtime.from_settings(load_settings()))


def test_without_demo_an_empty_database_stays_empty(served, capsys):
    served()
    assert not _has_demo()
    assert "no demo data was loaded" in capsys.readouterr().out


def test_demo_loads_the_demo_into_an_empty_database(served):
    served("--demo")
    assert _has_demo()
    assert "--demo" in (ROOT / "Makefile").read_text(encoding="utf-8")
