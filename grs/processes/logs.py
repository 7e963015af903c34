"""Log output for the web app and the workers: plain lines for a terminal, or one JSON object per
line (GRS_LOG_FORMAT=json) for a production node's log collector. Either way a mobile number or
an e-mail address that reaches a log message is masked before it is written: logs are read by
people who may not see a complainant's contact."""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import UTC, datetime

# Bangladesh mobile numbers in any of their written forms (01XXXXXXXXX, 8801..., +880 1...),
# in Latin or Bangla digits, and e-mail addresses.
_DIGIT = "[0-9০-৯]"
_MOBILE = re.compile(rf"(?<!{_DIGIT})(?:\+?(?:88|৮৮))?[0০][1১]{_DIGIT}{{9}}(?!{_DIGIT})")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def mask_personal_data(message: str) -> str:
    """`message` with every mobile number and e-mail address replaced by a masked form that
    keeps only what an operator needs to tell two apart (the last two digits, the domain)."""
    message = _EMAIL.sub(_masked_email, message)
    return _MOBILE.sub(_masked_mobile, message)


def _masked_mobile(match: re.Match[str]) -> str:
    number = match.group(0)
    return "*" * (len(number) - 2) + number[-2:]


def _masked_email(match: re.Match[str]) -> str:
    return "***@" + match.group(0).rsplit("@", 1)[1]


class MaskingFilter(logging.Filter):
    """Masks contacts in a record's final message (arguments included) before any handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_personal_data(record.getMessage())
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "process": record.process,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = mask_personal_data(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: int = logging.INFO, fmt: str | None = None) -> logging.Handler:
    """One handler on the root logger, in the format GRS_LOG_FORMAT names ("text" or "json"),
    with contacts masked; calling it again replaces the handler rather than adding one."""
    fmt = (fmt or os.environ.get("GRS_LOG_FORMAT") or "text").lower()
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "grs_handler", False)]:
        root.removeHandler(old)
    handler.grs_handler = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return handler
