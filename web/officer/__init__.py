"""The officers' and administrators' side: login, queue, case work, administration."""

from __future__ import annotations

from flask import Blueprint, Flask

from web.extensions import login_manager

bp = Blueprint("officer", __name__, url_prefix="/officer", template_folder="templates")


def _no_user(_user_id: str) -> None:
    return None


def init_app(app: Flask) -> None:
    login_manager.user_loader(_no_user)
    app.register_blueprint(bp)
