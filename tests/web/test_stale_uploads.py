"""Half-written uploads left by a killed process are removed when the web app or the worker
starts (and on every sweep); a file younger than the configured age, or a kept one, stays."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

from grs.processes.worker import run_once
from web import create_app

ROOT = Path(__file__).resolve().parent.parent.parent
HOUR = 3600


def _folder(rt) -> Path:
    folder = rt.settings.path(rt.settings.upload_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _file(folder: Path, name: str, age_seconds: float) -> Path:
    path = folder / name
    path.write_bytes(b"%PDF-1.4 half")
    when = time.time() - age_seconds
    os.utime(path, (when, when))
    return path


def test_the_web_app_removes_old_part_files_at_start(rt):
    folder = _folder(rt)
    old = _file(folder, ".0a1b.part", 2 * HOUR)
    young = _file(folder, ".2c3d.part", 60)
    kept = _file(folder, "4e5f.pdf", 30 * 24 * HOUR)  # an attachment, however old, stays
    create_app({"TESTING": True, "SECRET_KEY": "x"}, runtime=rt)
    assert not old.exists() and young.exists() and kept.exists()


def test_the_worker_removes_them_and_the_age_is_a_setting(rt):
    folder = _folder(rt)
    rt.settings = replace(rt.settings, stale_upload_minutes=1)
    recent = _file(folder, ".6a7b.part", 5 * 60)
    younger = _file(folder, ".8c9d.part", 10)
    run_once(rt)
    assert not recent.exists() and younger.exists()


WRITER = """
import sys, time
from pathlib import Path
from grs.services.attachments import CheckedFile, staged_files
data = b"%PDF-1.4 " + bytes(1024)
with staged_files(Path(sys.argv[1]), [CheckedFile("a.pdf", data, "application/pdf", "0")]):
    print("written", flush=True)
    time.sleep(600)
"""


def test_a_part_file_of_an_upload_killed_mid_way_is_gone_after_restart(rt):
    folder = _folder(rt)
    writer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(WRITER), str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "written"
    finally:
        os.kill(writer.pid, signal.SIGKILL)  # no cleanup code of the writer runs
        writer.wait()
    left = list(folder.glob(".*.part"))
    assert len(left) == 1, "the killed upload left its half-written file"
    when = time.time() - 2 * HOUR  # as if the restart came later than the configured age
    os.utime(left[0], (when, when))
    create_app({"TESTING": True, "SECRET_KEY": "x"}, runtime=rt)
    assert list(folder.glob(".*.part")) == []
