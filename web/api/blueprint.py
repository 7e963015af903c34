"""The API's blueprint and the generator of its description; errors answer in JSON."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from flask import Blueprint as FlaskBlueprint
from flask import Response, jsonify
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint
from werkzeug.exceptions import HTTPException

log = logging.getLogger("grs.web")


class Api(SmorestApi):  # type: ignore[misc]  # flask-smorest is untyped
    """flask-smorest's Api without its app-wide error handlers: the site's pages keep theirs,
    and this blueprint answers its own errors in JSON."""

    def _register_error_handlers(self) -> None:
        return None


api = Api()
bp = Blueprint("api", __name__, url_prefix="/api", description="Citizens' and officers' API")
pages = FlaskBlueprint("api_pages", __name__, url_prefix="/api", template_folder="templates")


def error_body(code: int, message: str, **extra: Any) -> dict[str, Any]:
    try:
        status = HTTPStatus(code).phrase
    except ValueError:
        status = "Error"
    return {"code": code, "status": status, "message": message, **extra}


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> tuple[Response, int]:
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    extra = {"errors": data["messages"]} if "messages" in data else {}
    response = jsonify(error_body(code, str(error.description or error.name), **extra))
    for name, value in error.get_headers():
        if name.lower() != "content-type":  # e.g. WWW-Authenticate on a 401
            response.headers[name] = value
    return response, code


@bp.errorhandler(Exception)
def _unexpected(_error: Exception) -> tuple[Response, int]:
    log.exception("unhandled error in the API")
    return jsonify(error_body(500, "internal error; nothing was saved")), 500
