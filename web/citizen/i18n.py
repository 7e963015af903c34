"""Translations of the citizen pages, kept apart from other pages' by a gettext context.

All parts of the web app share one message catalog, merged from each part's .po file, and the
same English word ("Received") may rightly read differently on another part's pages. The citizen
pages' own messages therefore carry the context "citizen"; a message that has none there (the
shared layout's, the error pages') is looked up as everywhere else.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_translations

from grs.bangla import join_genitives

CONTEXT = "citizen"


def gettext(text: str, **variables: Any) -> str:
    translations = get_translations()
    translated: str = translations.upgettext(CONTEXT, text)  # Babel's catalogs are untyped
    if translated == text:
        translated = translations.ugettext(text)
    if not variables:
        return translated
    # A name put into "%(who)s-এর" takes the genitive ending its last letter calls for.
    return join_genitives(translated % variables)


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    """The singular or plural form for `n`, in the citizen pages' context first."""
    translations = get_translations()
    translated: str = translations.unpgettext(CONTEXT, singular, plural, n)
    if translated in (singular, plural):
        translated = translations.ungettext(singular, plural, n)
    return join_genitives(translated % variables)
