"""The public charter pages: the office directory and each office's citizen charter."""

from __future__ import annotations

from flask import Flask

from web.charter.blueprint import bp
from web.discovery import import_modules


def init_app(app: Flask) -> None:
    import_modules(__name__, __path__)  # each view module adds its routes to the blueprint
    app.register_blueprint(bp)
