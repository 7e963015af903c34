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
from grs.notify.segments import is_gsm7, sms_segments, sms_units

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
        shown = _fitted(message[language], _all_shown(values, language), max_segments)
        text = message[language].format(**shown)
        return Rendered(key, language, message["title"][language], text, sms_segments(text))


class SharedRenders:
    """Renders many messages that differ in little but their tracking number, as a sweep's do
    (every case escalating to the same office reads the same but for it): the other values are
    shown and fitted once per distinct set, and each message still gets its own number.

    Fitting depends on the number only through its length in SMS units and its alphabet, so
    those are part of what the fitted values are remembered by."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        # what a set of values is shown as once fitted, and how many SMS its texts take
        self._fitted: dict[tuple[Any, ...], tuple[dict[str, str], int]] = {}

    def render(
        self, key: str, language: str, values: dict[str, Any], max_segments: int | None = None
    ) -> Rendered:
        language = language if language in LANGUAGES else LANGUAGES[0]
        tracking = _shown(values.get(f"tracking_{language}", values.get("tracking", "")), language)
        rest = {name: value for name, value in values.items() if name != "tracking"}
        try:
            memo = (key, language, max_segments, _units(tracking), frozenset(rest.items()))
            hash(memo)
        except TypeError:  # a value that cannot be remembered by: render it whole
            return self.catalogue.render(key, language, values, max_segments)
        message = self.catalogue.messages[key]
        if memo not in self._fitted:
            shown = {**_all_shown(rest, language), "tracking": tracking}
            shown = _fitted(message[language], shown, max_segments)
            self._fitted[memo] = shown, sms_segments(message[language].format(**shown))
        shown, segments = self._fitted[memo]
        text = message[language].format(**{**shown, "tracking": tracking})
        return Rendered(key, language, message["title"][language], text, segments)


@cache
def catalogue(path: Path = MESSAGES_FILE) -> Catalogue:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Catalogue(data["events"], data["groups"], data["messages"])


def _all_shown(values: dict[str, Any], language: str) -> dict[str, str]:
    # A value may come in the reader's language too ("office_en" for "office").
    chosen = {name: values.get(f"{name}_{language}", value) for name, value in values.items()}
    return {name: _shown(value, language) for name, value in chosen.items()}


def _fitted(template: str, shown: dict[str, str], max_segments: int | None) -> dict[str, str]:
    """The values shortened, longest first, until the text fits `max_segments` SMS."""
    while max_segments and sms_segments(template.format(**shown)) > max_segments:
        shown = _shorter(shown)
    return shown


def _units(text: str) -> tuple[bool, int, int]:
    """What a value adds to a text's SMS count: its alphabet and its length in either."""
    return is_gsm7(text), sms_units(text)[0], len(text.encode("utf-16-le")) // 2


def _shown(value: Any, language: str) -> str:
    if isinstance(value, date):
        value = value.strftime("%d/%m/%Y")
    text = str(value)
    # Bangla digits, but a link or an address as it must be typed (http://10.0.0.5:5000/...).
    return bn_digits_in_text(text) if language == "bn" else text


def _shorter(shown: dict[str, str]) -> dict[str, str]:
    # A value of two characters or fewer cannot get shorter (its cut plus the ellipsis is as
    # long), so it is no candidate: a text that still does not fit ends here, not in a loop.
    candidates = [name for name in shown if name not in _KEEP and len(shown[name]) > 2]
    if not candidates:
        raise ValueError("message cannot be made to fit")
    longest = max(candidates, key=lambda name: len(shown[name]))
    value = shown[longest]
    cut = max(1, len(value) - max(4, len(value) // 5))
    return {**shown, longest: value[:cut].rstrip() + "…"}
