"""The ways a message leaves, behind one interface: SMTP e-mail, an HTTP SMS gateway, the log.

A channel's `send` returns when the message was accepted and raises `DeliveryError` otherwise;
the outbox retries. Each message carries its outbox key, sent as the e-mail's Message-ID and
the gateway's reference, so a receiver that sees a message twice can tell.
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol

from grs.notify.settings import NotifySettings
from grs.privacy import mask_contact, mask_numbers

log = logging.getLogger("grs.notifications")


class DeliveryError(Exception):
    """The channel did not accept the message; `permanent` ones are not retried."""

    def __init__(self, reason: str, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent


@dataclass(frozen=True)
class Outgoing:
    key: str  # the outbox row's unique key
    channel: str  # email | sms
    to: str
    subject: str
    text: str


class Channel(Protocol):
    def send(self, message: Outgoing) -> None: ...

    def close(self) -> None: ...


class LogChannel:
    """For `make run`: the message goes to the log, its recipient masked and the case number in
    its text masked too (the two together are all it takes to open the case)."""

    def send(self, message: Outgoing) -> None:
        recipient, text = mask_contact(message.to), mask_numbers(message.text)
        log.info("%s to %s: %s", message.channel, recipient, text)

    def close(self) -> None:
        pass


class SmtpChannel:
    """E-mail through one SMTP connection kept open for a sender's whole run (a new TLS
    handshake and login per message would cost more than the message), opened again when the
    server has dropped it."""

    def __init__(self, settings: NotifySettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def send(self, message: Outgoing) -> None:
        mail = self._mail(message)
        try:
            self._send_reconnecting(mail)
        except smtplib.SMTPRecipientsRefused as exc:
            raise DeliveryError("recipient refused", permanent=True) from exc
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            raise DeliveryError("smtp login refused", permanent=True) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise DeliveryError(f"smtp: {type(exc).__name__}: {exc}") from exc

    def _send_reconnecting(self, mail: EmailMessage) -> None:
        if self._smtp is not None:
            try:
                self._smtp.send_message(mail)
                return
            except smtplib.SMTPServerDisconnected:
                self._smtp = None  # dropped while idle: once more on a fresh connection
        self._smtp = self._connect()
        self._smtp.send_message(mail)

    def _mail(self, message: Outgoing) -> EmailMessage:
        mail = EmailMessage()
        mail["From"], mail["To"] = self.settings.smtp_from, message.to
        mail["Subject"] = message.subject
        mail["Message-ID"] = make_msgid(idstring=message.key.replace(":", "."))
        mail.set_content(message.text, charset="utf-8")
        return mail

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp = smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=s.smtp_timeout)
        try:
            if s.smtp_starttls:
                # A verifying context: the stdlib's default for starttls() checks nothing.
                smtp.starttls(context=ssl.create_default_context(cafile=s.smtp_cafile or None))
            if s.smtp_user:
                smtp.login(s.smtp_user, s.smtp_password)
        except BaseException:
            smtp.close()
            raise
        return smtp

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


class HttpSmsChannel:
    """A Bangladesh SMS gateway: API key, sender id, the number as 8801XXXXXXXXX and the text,
    under the field names the gateway uses; its answer is checked, not only its status."""

    def __init__(self, settings: NotifySettings) -> None:
        self.settings = settings

    def send(self, message: Outgoing) -> None:
        s = self.settings
        request = self._request(message)
        try:
            with urllib.request.urlopen(request, timeout=s.sms_timeout) as answer:  # noqa: S310
                body = answer.read(65536).decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            permanent = exc.code in (400, 401, 403)  # a bad number or key: trying again won't help
            raise DeliveryError(f"gateway answered {exc.code}", permanent) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise DeliveryError(f"gateway unreachable: {type(exc).__name__}") from exc
        self._check(body)

    def close(self) -> None:
        pass

    def _request(self, message: Outgoing) -> urllib.request.Request:
        s, names = self.settings, self.settings.sms_fields
        fields = {
            **s.sms_extra,
            names["api_key"]: s.sms_api_key,
            names["sender_id"]: s.sms_sender_id,
            names["number"]: gateway_number(message.to),
            names["text"]: message.text,
        }
        if "reference" in names:
            fields[names["reference"]] = message.key
        url, data = s.sms_url, None
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        if s.sms_encoding == "json":
            data = json.dumps(fields, ensure_ascii=False).encode()
            headers = {"Content-Type": "application/json; charset=utf-8"}
        elif s.sms_encoding == "query":
            url, headers = f"{url}?{urllib.parse.urlencode(fields)}", {}
        else:
            data = urllib.parse.urlencode(fields).encode()
        # The settings admit only http(s) addresses (notify_settings checks the scheme).
        return urllib.request.Request(url, data, headers, method=s.sms_method)  # noqa: S310

    def _check(self, body: str) -> None:
        field = self.settings.sms_ok_field
        if not field:
            return
        try:
            answer = json.loads(body)
        except ValueError as exc:
            raise DeliveryError("gateway answer is not JSON") from exc
        value = answer.get(field) if isinstance(answer, dict) else None
        if str(value).lower() not in self.settings.sms_ok_values:
            raise DeliveryError(f"gateway refused: {field}={str(value)[:40]}")


def gateway_number(mobile: str) -> str:
    """01XXXXXXXXX (as stored) in the 8801XXXXXXXXX form gateways take."""
    digits = "".join(ch for ch in mobile if ch.isdigit())
    return digits if digits.startswith("880") else f"88{digits}"


def channels_from_settings(settings: NotifySettings) -> dict[str, Channel]:
    email: Channel = SmtpChannel(settings) if settings.email == "smtp" else LogChannel()
    sms: Channel = HttpSmsChannel(settings) if settings.sms == "http" else LogChannel()
    return {"email": email, "sms": sms}
