"""A real Chromium (Debian's, never a downloaded one) driving the app served on localhost.

The browser tests run on SQLite: the database layer is covered on both databases elsewhere,
and here what matters is what a person sees and does. Without Chromium they skip with a
message, except under CI=true, where a missing browser is an error.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from grs.db.migrate import upgrade
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from tests.support import FakeClock
from web import create_app

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
ROOT = Path(__file__).resolve().parent.parent.parent


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {CHROMIUM} is missing", pytrace=False)
    pytest.skip("browser tests skipped: install Debian's chromium (apt-get install -y chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def e2e_clock() -> FakeClock:
    return FakeClock("2026-11-23")


@pytest.fixture
def e2e_rt(tmp_path: Path, e2e_clock: FakeClock) -> Iterator[Runtime]:
    url = f"sqlite:///{tmp_path / 'grs.db'}"
    upgrade(url)
    settings = replace(
        Settings(), database_url=url, root=ROOT, upload_dir=str(tmp_path / "uploads")
    )
    rt = Runtime.from_settings(settings)
    rt.clock = e2e_clock
    yield rt
    rt.db.dispose()


@pytest.fixture
def live_server(e2e_rt: Runtime) -> Iterator[str]:
    """The app on a free localhost port, in a thread, for the browser to use."""
    app = create_app({"SECRET_KEY": "e2e-secret", "RATELIMIT_ENABLED": False}, runtime=e2e_rt)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
