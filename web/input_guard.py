"""Refuse any request whose text carries a NUL byte, before a view sees it.

PostgreSQL cannot store a NUL in a text column and many tools cut a string at one, so a NUL in a
query value, form field, path part, file name or JSON string is refused with a 400 in the
page's language rather than failing deep inside a view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

NUL = "\x00"


class NulInInput(BadRequest):
    """A NUL byte somewhere in the request's text."""

    def __init__(self) -> None:
        self.page_message = _("The request contains a character that is not allowed (NUL).")
        super().__init__(self.page_message)


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _request_strings() -> Iterator[str]:
    yield request.path
    for key, value in request.args.items(multi=True):
        yield key
        yield value
    if request.view_args:
        yield from (str(value) for value in request.view_args.values())
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    if request.is_json:
        yield from _json_strings(request.get_json(silent=True))
        return
    for key, value in request.form.items(multi=True):
        yield key
        yield value
    for key, upload in request.files.items(multi=True):
        yield key
        yield upload.filename or ""


def _has_nul(texts: Iterable[str]) -> bool:
    return any(NUL in text for text in texts)


def refuse_nul_bytes() -> None:
    if _has_nul(_request_strings()):
        raise NulInInput()


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_bytes)
