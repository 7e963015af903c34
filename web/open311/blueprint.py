"""The Open311 blueprint; its errors answer in the specification's error format."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, request
from werkzeug.exceptions import HTTPException

from web.open311.formats import error_response

log = logging.getLogger("grs.web")
bp = Blueprint("open311", __name__, url_prefix="/open311/v2")


def requested_format() -> str:
    """The format the path asks for; XML when it names none we know (the specification's
    default)."""
    view_args = request.view_args or {}
    return "json" if view_args.get("fmt") == "json" else "xml"


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> Response:
    code = error.code or 500
    return error_response(requested_format(), code, error.description or error.name)


@bp.errorhandler(Exception)
def _unexpected(_error: Exception) -> Response:
    log.exception("unhandled error in Open311")
    return error_response(requested_format(), 500, "internal error; nothing was saved")
