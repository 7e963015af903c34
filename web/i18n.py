"""Language choice (Bangla first, English one click away) and Bangla digits and dates in pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask, current_app, request
from flask_babel import get_locale
from jinja2 import pass_context

from grs.bangla import bn_digits_in_text, format_date
from web import security

LANGUAGES = ("bn", "en")
DEFAULT = "bn"
COOKIE = "grs_lang"


def select_locale() -> str:
    chosen = request.args.get("lang") or request.cookies.get(COOKIE)
    return chosen if chosen in LANGUAGES else DEFAULT


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else DEFAULT


# pass_context keeps Jinja from folding `'literal'|digits` into a constant when a template is
# compiled: the result depends on each request's language.
# The context also saves asking Flask-Babel for the language on every use: the page's words
# (web.template_words) know theirs.
@pass_context
def _digits_filter(context: Any, value: Any) -> str:
    text = "" if value is None else str(value)
    return bn_digits_in_text(text) if _page_language(context) == "bn" else text


@pass_context
def _date_filter(context: Any, value: date | None) -> str:
    return format_date(value, _page_language(context)) if value else ""


def _page_language(context: Any) -> str:
    words = context.get("_grs_words")
    language = getattr(words, "language", None)
    return language if isinstance(language, str) else current_language()


def localized_digits(value: Any) -> str:
    text = "" if value is None else str(value)
    return bn_digits_in_text(text) if current_language() == "bn" else text


def localized_date(value: date | None) -> str:
    return format_date(value, current_language()) if value else ""


def remember_language(response: Any) -> Any:
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        response.set_cookie(
            COOKIE,
            chosen,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=security.cookies_secure(current_app),
        )
    return response


def init_app(app: Flask) -> None:
    app.jinja_env.filters["digits"] = _digits_filter
    app.jinja_env.filters["ddate"] = _date_filter
    app.jinja_env.globals["current_language"] = current_language
    app.after_request(remember_language)
