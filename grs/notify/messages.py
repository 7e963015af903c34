"""The message texts of messages.toml: which event tells whom, rendered in the reader's language.

A complainant's SMS must fit two segments; when long values (an office's full name, a long
question) would push it over, the longest value is shortened, never the tracking number or link.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from grs.bangla import bn_digits_in_text
from grs.notify.segments import sms_segments

MESSAGES_FILE = Path(__file__).with_name("messages.toml")
LANGUAGES = ("bn", "en")
CITIZEN_SEGMENTS = 2
_KEEP = ("tracking", "link")  # never shortened


@dataclass(frozen=True)
class Rendered:
    key: str
    language: str
    title: str
    text: str
    segments: int


@dataclass(frozen=True)
class Catalogue:
    events: dict[str, dict[str, str]]
    groups: dict[str, dict[str, str]]
    messages: dict[str, dict[str, Any]]

    def keys_for(self, action: str, group: str | None) -> dict[str, str]:
        """{audience: message key} for a change: the action's own, else its new state group's."""
        if action in self.events:
            return self.events[action]
        return self.groups.get(group or "", {})

    def render(
        self, key: str, language: str, values: dict[str, Any], max_segments: int | None = None
    ) -> Rendered:
        language = language if language in LANGUAGES else LANGUAGES[0]
        message = self.messages[key]
        # A value may come in the reader's language too ("office_en" for "office").
        chosen = {name: values.get(f"{name}_{language}", value) for name, value in values.items()}
        shown = {name: _shown(value, language) for name, value in chosen.items()}
        text = message[language].format(**shown)
        while max_segments and sms_segments(text) > max_segments:
            shown = _shorter(shown)
            text = message[language].format(**shown)
        return Rendered(key, language, message["title"][language], text, sms_segments(text))


@cache
def catalogue(path: Path = MESSAGES_FILE) -> Catalogue:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Catalogue(data["events"], data["groups"], data["messages"])


def _shown(value: Any, language: str) -> str:
    if isinstance(value, date):
        value = value.strftime("%d/%m/%Y")
    text = str(value)
    # Bangla digits, but a link or an address as it must be typed (http://10.0.0.5:5000/...).
    return bn_digits_in_text(text) if language == "bn" else text


def _shorter(shown: dict[str, str]) -> dict[str, str]:
    candidates = [name for name in shown if name not in _KEEP and len(shown[name]) > 1]
    if not candidates:
        raise ValueError("message cannot be made to fit")
    longest = max(candidates, key=lambda name: len(shown[name]))
    value = shown[longest]
    cut = max(1, len(value) - max(4, len(value) // 5))
    return {**shown, longest: value[:cut].rstrip() + "…"}
