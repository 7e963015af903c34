"""Translations of the citizen pages, kept apart from other pages' by a gettext context.

All parts of the web app share one message catalog, merged from each part's .po file, and the
same English word ("Received") may rightly read differently on another part's pages. The citizen
pages' own messages therefore carry the context "citizen"; a message that has none there (the
shared layout's, the error pages') is looked up as everywhere else.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from flask_babel import get_translations
from jinja2 import pass_context
from jinja2.runtime import Context

from grs.bangla import join_genitives
from web.template_words import template_words

CONTEXT = "citizen"

# What each message reads as, per catalogue: a form page asks for sixty of them, and catalogues
# never change while a process runs (Flask-Babel loads each once).
_memos: WeakKeyDictionary[Any, dict[str, str]] = WeakKeyDictionary()


def _translated(translations: Any, text: str) -> str:
    seen = _memos.get(translations)
    if seen is None:
        seen = _memos[translations] = {}
    try:
        return seen[text]
    except KeyError:
        pass
    translated: str = translations.upgettext(CONTEXT, text)  # Babel's catalogs are untyped
    if translated == text:
        translated = translations.ugettext(text)
    seen[text] = translated
    return translated


def _filled(translated: str, variables: dict[str, Any]) -> str:
    if not variables:
        return translated
    # A name put into "%(who)s-এর" takes the genitive ending its last letter calls for.
    return join_genitives(translated % variables)


def gettext(text: str, **variables: Any) -> str:
    return _filled(_translated(get_translations(), text), variables)


@pass_context
def template_gettext(context: Context, text: str, **variables: Any) -> str:
    """`gettext` for the citizen templates, with the catalogue the page is rendered in."""
    return _filled(_translated(template_words(context).translations, text), variables)


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    """The singular or plural form for `n`, in the citizen pages' context first."""
    translations = get_translations()
    translated: str = translations.unpgettext(CONTEXT, singular, plural, n)
    if translated in (singular, plural):
        translated = translations.ungettext(singular, plural, n)
    return join_genitives(translated % variables)
