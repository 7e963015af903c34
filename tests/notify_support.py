"""Stand-ins for the outside world of notifications: an SMTP server with STARTTLS and login
(aiosmtpd, in-process), an SMS gateway over HTTP whose answers a test scripts, and pending rows
made in bulk."""

from __future__ import annotations

import socket
import ssl
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import insert

from grs.db.models import Notification

SMTP_USER, SMTP_PASSWORD = "grs", "s3cret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603
        ["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


class MailBox:
    """aiosmtpd handler: keeps every message it accepted, raw."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.received.append((list(envelope.rcpt_tos), bytes(envelope.original_content)))
        return "250 OK"


def _login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # False: the server answers 535 itself


def smtp_server(cert: Path, key: Path) -> tuple[Controller, MailBox]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    box = MailBox()
    controller = Controller(
        box, hostname="127.0.0.1", port=free_port(), tls_context=context,
        require_starttls=True, authenticator=_login, auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    return controller, box


@dataclass
class Gateway:
    """An SMS gateway: answers from `script` in turn (then "ok"), records what it was sent."""

    script: list[str] = field(default_factory=list)
    received: list[dict[str, str]] = field(default_factory=list)
    on_receive: Callable[[int], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, fields: dict[str, str]) -> tuple[int, str, float]:
        with self.lock:
            self.received.append(fields)
            count = len(self.received)
            step = self.script.pop(0) if self.script else "ok"
        if self.on_receive:
            self.on_receive(count)
        return {
            "ok": (200, '{"status": "success", "id": 1}', 0.0),
            "500": (500, "internal error", 0.0),
            "refuse": (200, '{"status": "error", "reason": "invalid number"}', 0.0),
            "slow": (200, '{"status": "success"}', 2.0),
        }[step]


def gateway_server(gateway: Gateway) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length).decode()
            fields = dict(urllib.parse.parse_qsl(raw))
            status, body, delay = gateway.answer(fields)
            time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())
            except OSError:  # the client gave up (a timeout, a killed sender)
                pass

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pending_rows(session: Any, count: int, channel: str = "sms", start: int = 0) -> None:
    rows = [
        {
            "channel": channel,
            "recipient": "01711234567" if channel == "sms" else f"p{i}@example.com",
            "kind": "lodged", "language": "bn", "subject": "অভিযোগ গৃহীত",
            "body": f"অভিযোগ নং {i} গৃহীত হয়েছে", "segments": 1, "status": "pending",
            "attempts": 0, "last_error": "", "once_key": f"bulk:{i}",
        }
        for i in range(start, start + count)
    ]  # fmt: skip
    session.execute(insert(Notification), rows)


def sms_gateway_settings(url: str) -> Any:
    from grs.notify.settings import NotifySettings

    fields = {"api_key": "apikey", "sender_id": "senderid", "number": "msisdn", "text": "sms",
              "reference": "csms_id"}  # fmt: skip
    return NotifySettings(sms="http", sms_url=url, sms_ok_field="status", sms_fields=fields)


def run_sender(database_url: str, gateway_url: str) -> None:
    """A sender in its own process, as the worker runs it (the real clock)."""
    from dataclasses import replace

    from grs.processes.config import Settings
    from grs.processes.runtime import Runtime
    from grs.services.outbox import deliver_pending

    root = Path(__file__).resolve().parent.parent
    settings = replace(Settings(), database_url=database_url, root=root)
    settings = replace(settings, notify=sms_gateway_settings(gateway_url))
    rt = Runtime.from_settings(settings)
    deliver_pending(rt, limit=50)
