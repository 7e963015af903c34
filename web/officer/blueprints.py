"""The two blueprints: the officers' side and, inside it, administration."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("officer", __name__, url_prefix="/officer", template_folder="templates")
admin_bp = Blueprint("admin", __name__, url_prefix="/officer/admin", template_folder="templates")
