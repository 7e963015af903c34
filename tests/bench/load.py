"""A small HTTP load generator for the page benchmarks, on the standard library alone.

Why not a load tool from PyPI: the figures asked for (latency at a fixed rate, and the most
requests per second) take a hundred lines here, and every request has to carry a signed-in
officer's cookie or a citizen's CSRF token, which the tools want scripted in their own way.
Threads, each with its own keep-alive connection (as a browser keeps one), are light enough
next to the server: at 300 requests a second the client uses a few percent of one core.

At a fixed rate the requests are sent on a schedule, whatever the server's answers, and each
latency counts from the moment its request was due: a slow answer delays the next requests
and their wait is counted too (no "coordinated omission").
"""

from __future__ import annotations

import http.client
import queue
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode

_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Client:
    """One connection with its own cookies, as one browser."""

    def __init__(self, host: str, port: int) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        headers = {"Accept-Language": "bn"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()  # the server closed a kept-alive connection: once more
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, text

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str]:
        return self.request("POST", path, form)

    def token(self, path: str) -> str:
        status, html = self.get(path)
        match = _TOKEN.search(html)
        assert status == 200 and match, f"no CSRF token on {path} ({status})"
        return match.group(1)


@dataclass
class Figures:
    """Latencies (ms) of one run, its length (s) and how many requests failed."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "requests": len(self.latencies),
            "errors": self.errors,
            "per_second": round(self.per_second(), 1),
            "p50_ms": round(self.percentile(0.50), 1),
            "p95_ms": round(self.percentile(0.95), 1),
            "p99_ms": round(self.percentile(0.99), 1),
        }


# One request (or one lodging) by a client: True when it did what it should.
Work = Callable[[Client], bool]


def _timed(work: Work, client: Client, started: float, figures: Figures, lock: Any) -> None:
    try:
        ok = work(client)
    except Exception:  # a refused connection, a timeout: an error of the run, not of the bench
        ok = False
    took = (time.perf_counter() - started) * 1000
    with lock:
        figures.latencies.append(took)
        figures.errors += 0 if ok else 1


def at_rate(clients: list[Client], work: Work, rate: float, seconds: float) -> Figures:
    """`work` started `rate` times a second for `seconds`, by whichever client is free."""
    figures, lock = Figures(), threading.Lock()
    due: queue.Queue[float | None] = queue.Queue()

    def serve(client: Client) -> None:
        while (moment := due.get()) is not None:
            _timed(work, client, moment, figures, lock)

    threads = [threading.Thread(target=serve, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    for i in range(int(rate * seconds)):
        moment = start + i / rate
        time.sleep(max(0.0, moment - time.perf_counter()))
        due.put(moment)
    for _ in threads:
        due.put(None)
    for thread in threads:
        thread.join()
    figures.seconds = time.perf_counter() - start
    return figures


def saturated(clients: list[Client], work: Work, seconds: float) -> Figures:
    """Each client doing `work` again as soon as it is done, for `seconds`."""
    figures, lock = Figures(), threading.Lock()
    start = time.perf_counter()
    stop = start + seconds

    def run(client: Client) -> None:
        while (now := time.perf_counter()) < stop:
            _timed(work, client, now, figures, lock)

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    figures.seconds = time.perf_counter() - start
    return figures
