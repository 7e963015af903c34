"""Sending throughput on PostgreSQL: 10,000 e-mails to an SMTP server in-process and 10,000 SMS
to a local HTTP gateway, one sender, one connection per message, each marked sent as it goes.

Run with `make bench`; messages per second are in each benchmark's extra info and printed.
GRS_BENCH_MESSAGES sets a smaller count for a quick look. The database is made for the run and
dropped at the end.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from grs.db.migrate import upgrade
from grs.processes.config import Settings
from grs.processes.runtime import Runtime
from grs.services.outbox import deliver_pending
from tests.bench.test_sweep_bench import _admin_url
from tests.notify_support import (
    SMTP_PASSWORD,
    SMTP_USER,
    Gateway,
    gateway_server,
    pending_rows,
    self_signed,
    sms_gateway_settings,
    smtp_server,
)

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = int(os.environ.get("GRS_BENCH_MESSAGES", "10000"))


@pytest.fixture(scope="module")
def rt() -> Iterator[Runtime]:
    admin_url = make_url(_admin_url())
    name = f"grs_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    runtime = None
    try:
        upgrade(url)
        runtime = Runtime.from_settings(replace(Settings(), database_url=url, root=ROOT))
        yield runtime
    finally:
        if runtime is not None:
            runtime.db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _queue(rt: Runtime, channel: str) -> None:
    with rt.db.write() as s:
        s.execute(text("DELETE FROM notifications"))
        pending_rows(s, MESSAGES, channel=channel)


def _report(benchmark, what: str) -> None:
    per_second = MESSAGES / benchmark.stats.stats.mean
    benchmark.extra_info["messages_per_second"] = round(per_second, 1)
    print(f"\n{what}: {MESSAGES} in {benchmark.stats.stats.mean:.1f} s, {per_second:.0f}/s")


@pytest.mark.parametrize("starttls", [False, True], ids=["plain", "starttls"])
def test_e_mail_throughput(benchmark, rt: Runtime, tmp_path, starttls: bool) -> None:
    cert, key = self_signed(tmp_path)
    controller, box = smtp_server(cert, key) if starttls else _plain_smtp()
    notify = replace(
        rt.settings.notify, email="smtp", smtp_port=controller.port, smtp_starttls=starttls,
        smtp_user=SMTP_USER if starttls else "", smtp_password=SMTP_PASSWORD,
        smtp_cafile=str(cert),
    )  # fmt: skip
    rt.settings = replace(rt.settings, notify=notify)
    sent = benchmark.pedantic(
        deliver_pending, args=(rt,), setup=lambda: _queue(rt, "email"), rounds=1, iterations=1
    )
    controller.stop()
    assert sent == MESSAGES and len(box.received) == MESSAGES
    _report(benchmark, f"e-mail over SMTP ({'STARTTLS + login' if starttls else 'plain'})")


def test_sms_throughput(benchmark, rt: Runtime) -> None:
    gateway = Gateway()
    server = gateway_server(gateway)
    url = f"http://127.0.0.1:{server.server_address[1]}/send"
    rt.settings = replace(rt.settings, notify=sms_gateway_settings(url))
    sent = benchmark.pedantic(
        deliver_pending, args=(rt,), setup=lambda: _queue(rt, "sms"), rounds=1, iterations=1
    )
    server.shutdown()
    assert sent == MESSAGES and len(gateway.received) == MESSAGES
    _report(benchmark, "SMS over the HTTP gateway")


def _plain_smtp():
    from aiosmtpd.controller import Controller

    from tests.notify_support import MailBox, free_port

    box = MailBox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, box
