"""Senders that race or die: every message delivered, none twice, on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import func, select

from grs.db.models import Notification
from grs.notify.channels import Outgoing
from grs.processes.runtime import Runtime
from grs.services.outbox import deliver_pending
from tests.notify_support import (
    Gateway,
    gateway_server,
    pending_rows,
    run_sender,
    sms_gateway_settings,
)

SPAWN = multiprocessing.get_context("spawn")
CHILD_LIMIT_S = 300  # a stuck child, never a measure of speed


class Recorder:
    """A channel that remembers every key it was handed, from any thread."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.lock = threading.Lock()

    def send(self, message: Outgoing) -> None:
        with self.lock:
            self.keys.append(message.key)

    def close(self) -> None:
        pass


def statuses(rt) -> dict[str, int]:
    with rt.db.read_session() as s:
        rows = s.execute(select(Notification.status, func.count()).group_by(Notification.status))
        return dict(rows.all())


def test_two_senders_over_5000_rows_deliver_each_exactly_once(rt):
    with rt.db.write() as s:
        pending_rows(s, 5000)
    recorder = Recorder()
    channels = {"sms": recorder, "email": recorder}
    senders = [Runtime.from_settings(rt.settings) for _ in range(2)]
    for sender in senders:
        sender.clock = rt.clock
    counts: list[int] = []
    threads = [
        threading.Thread(target=lambda r=r: counts.append(deliver_pending(r, channels, limit=50)))
        for r in senders
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(CHILD_LIMIT_S)
    assert sum(counts) == 5000 and all(counts), counts  # both took part, together sent all
    assert len(recorder.keys) == 5000
    assert Counter(recorder.keys).most_common(1)[0][1] == 1
    assert statuses(rt) == {"sent": 5000}
    for sender in senders:
        sender.db.dispose()


def test_a_sender_killed_mid_batch_loses_nothing_and_its_successor_doubles_nothing(rt, clock):
    with rt.db.write() as s:
        pending_rows(s, 200)
    gateway = Gateway()
    server = gateway_server(gateway)
    url = f"http://127.0.0.1:{server.server_address[1]}/send"
    child = SPAWN.Process(target=run_sender, args=(rt.settings.database_url, url))
    killed = threading.Event()

    def kill_on_the_80th(count: int) -> None:
        # Killed while the gateway holds message 80: sent, but never answered nor marked.
        if count == 80:
            os.kill(child.pid, signal.SIGKILL)
            child.join(CHILD_LIMIT_S)
            killed.set()

    gateway.on_receive = kill_on_the_80th
    child.start()
    child.join(CHILD_LIMIT_S)
    assert killed.wait(CHILD_LIMIT_S) and child.exitcode == -signal.SIGKILL
    in_flight = gateway.received[79]["csms_id"]
    # Batches of 50: the second batch was being sent, 21 of it still claimed, 100 untouched.
    assert statuses(rt) == {"sent": 79, "sending": 21, "pending": 100}
    # The successor runs once the dead sender's leases have run out.
    clock.set(date.today() + timedelta(days=2))
    rt.settings = replace(rt.settings, notify=sms_gateway_settings(url))
    gateway.on_receive = None
    assert deliver_pending(rt) == 121
    server.shutdown()
    keys = Counter(fields["csms_id"] for fields in gateway.received)
    assert set(keys) == {f"bulk:{i}" for i in range(200)}  # none lost
    # The one message in flight at the kill went twice, with the same reference both times, so
    # a gateway that honours references delivers it once; nothing else was sent twice.
    assert {key: n for key, n in keys.items() if n > 1} == {in_flight: 2}
    assert statuses(rt) == {"sent": 200}
