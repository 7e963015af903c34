"""The [notifications] section of config.toml: which channel sends e-mail and SMS, and how."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

KNOWN = {
    "email",
    "sms",
    "base_url",
    "reminder_days",
    "digest_min_cases",
    "max_attempts",
    "lease_seconds",
    "smtp_host",
    "smtp_port",
    "smtp_starttls",
    "smtp_cafile",
    "smtp_user",
    "smtp_from",
    "smtp_timeout",
    "sms_url",
    "sms_method",
    "sms_encoding",
    "sms_sender_id",
    "sms_fields",
    "sms_extra",
    "sms_ok_field",
    "sms_ok_values",
    "sms_timeout",
}
_DEFAULT_FIELDS = {"api_key": "api_key", "sender_id": "senderid", "number": "number"}


@dataclass(frozen=True)
class NotifySettings:
    email: str = "log"  # log | smtp
    sms: str = "log"  # log | http
    base_url: str = "http://127.0.0.1:5000"
    reminder_days: int = 3  # officers hear this many working days before a deadline
    digest_min_cases: int = 10  # officers holding at least this many open cases get a digest
    max_attempts: int = 6
    lease_seconds: int = 300  # a claimed message is another sender's after this long
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 587
    smtp_starttls: bool = True
    smtp_cafile: str = ""  # a private CA's certificate; empty: the system's trusted CAs
    smtp_user: str = ""
    smtp_password: str = ""  # GRS_SMTP_PASSWORD, never in the file
    smtp_from: str = "GRS <grs@localhost>"
    smtp_timeout: float = 20.0
    sms_url: str = ""
    sms_method: str = "POST"
    sms_encoding: str = "form"  # form | json | query
    sms_api_key: str = ""  # GRS_SMS_API_KEY, never in the file
    sms_sender_id: str = ""
    # The gateway's names for the API key, sender id, number (8801XXXXXXXXX) and text.
    sms_fields: dict[str, str] = field(
        default_factory=lambda: {**_DEFAULT_FIELDS, "text": "message"}
    )
    sms_extra: dict[str, str] = field(default_factory=dict)  # constant fields, e.g. type=unicode
    sms_ok_field: str = ""  # a JSON answer's field that says it was accepted; empty: HTTP 2xx
    sms_ok_values: tuple[str, ...] = ("success", "ok", "202", "1000")
    sms_timeout: float = 15.0


def notify_settings(data: dict[str, Any]) -> NotifySettings:
    unknown = set(data) - KNOWN
    if unknown:
        raise ValueError(f"config.toml: unknown key notifications.{sorted(unknown)[0]}")
    values = dict(data)
    if "sms_ok_values" in values:
        values["sms_ok_values"] = tuple(str(v) for v in values["sms_ok_values"])
    if "sms_fields" in values:
        values["sms_fields"] = {**NotifySettings().sms_fields, **values["sms_fields"]}
    values["smtp_password"] = os.environ.get("GRS_SMTP_PASSWORD", "")
    values["sms_api_key"] = os.environ.get("GRS_SMS_API_KEY", "")
    settings = NotifySettings(**values)
    if settings.email not in ("log", "smtp") or settings.sms not in ("log", "http"):
        raise ValueError("config.toml: notifications.email is log or smtp, sms is log or http")
    if settings.sms == "http" and not settings.sms_url.startswith(("http://", "https://")):
        raise ValueError("config.toml: notifications.sms_url must be an http(s) address")
    if settings.sms_encoding not in ("form", "json", "query"):
        raise ValueError("config.toml: notifications.sms_encoding is form, json or query")
    return settings
