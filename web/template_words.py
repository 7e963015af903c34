"""Translations in templates, looked up once per language and process.

A page says the same words many times (a queue page's column headings repeat on each of its 25
rows): each `_()` through Flask-Babel finds the request's locale, domain and catalogue again.
Here a template's `_()` and `pgettext()` read a memo of the catalogue in use, handed to every
template as it is rendered. Catalogues never change while a process runs (Flask-Babel loads
each once), so neither does what the memo holds.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from flask import Flask
from flask_babel import get_translations
from jinja2 import pass_context
from jinja2.runtime import Context

from web.i18n import current_language

WORDS = "_grs_words"


class Words:
    """The translated words of one catalogue, as templates asked for them."""

    __slots__ = ("translations", "language", "seen")

    def __init__(self, translations: Any, language: str) -> None:
        self.translations = translations
        self.language = language
        self.seen: dict[object, str] = {}

    def gettext(self, message: str) -> str:
        try:
            return self.seen[message]
        except KeyError:
            text: str = self.translations.ugettext(message)
            self.seen[message] = text
            return text

    def pgettext(self, context: str, message: str) -> str:
        key = (context, message)
        try:
            return self.seen[key]
        except KeyError:
            text: str = self.translations.upgettext(context, message)
            self.seen[key] = text
            return text


_memos: WeakKeyDictionary[Any, Words] = WeakKeyDictionary()


def request_words() -> Words:
    """The memo of the request's catalogue."""
    translations = get_translations()
    words = _memos.get(translations)
    if words is None:
        words = _memos[translations] = Words(translations, current_language())
    return words


def template_words(context: Context) -> Words:
    """The memo handed to the template being rendered (any other: the request's)."""
    words = context.get(WORDS)
    return words if isinstance(words, Words) else request_words()


@pass_context
def _gettext(context: Context, message: str) -> str:
    return template_words(context).gettext(message)


@pass_context
def _pgettext(context: Context, msgctxt: str, message: str) -> str:
    return template_words(context).pgettext(msgctxt, message)


def init_app(app: Flask) -> None:
    """After Flask-Babel's own set-up: its plural forms stay, the other two read the memo."""
    env: Any = app.jinja_env
    env.install_gettext_callables(
        gettext=_gettext,
        ngettext=_ngettext,
        newstyle=True,
        pgettext=_pgettext,
        npgettext=_npgettext,
    )
    app.context_processor(lambda: {WORDS: request_words()})


def _ngettext(singular: str, plural: str, n: int) -> str:
    text: str = get_translations().ungettext(singular, plural, n)
    return text


def _npgettext(context: str, singular: str, plural: str, n: int) -> str:
    text: str = get_translations().unpgettext(context, singular, plural, n)
    return text
