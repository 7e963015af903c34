"""The charter pages' blueprint, and their own translations (gettext context "charter")."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask_babel import get_translations

from grs.places import division_english
from web import labels
from web.i18n import current_language, localized_digits

bp = Blueprint("charter", __name__, template_folder="templates")
CONTEXT = "charter"


def gettext(text: str, **variables: Any) -> str:
    translations = get_translations()
    translated: str = translations.upgettext(CONTEXT, text)  # Babel's catalogs are untyped
    if translated == text:
        translated = translations.ugettext(text)
    return translated % variables if variables else translated


@bp.context_processor
def helpers() -> dict[str, Any]:
    english = current_language() == "en"

    def localized(view: dict[str, str] | None, name: str) -> str:
        """A post's or office's name in the page language, Bangla when there is no English."""
        if view is None:
            return ""
        text = (view.get(f"{name}_en") if english else "") or view.get(f"{name}_bn", "")
        return localized_digits(text)

    def division_name(division: str) -> str:
        return division_english(division) if english else division

    return {
        "_": gettext,
        "labels": labels,
        "localized": localized,
        "division_name": division_name,
    }
