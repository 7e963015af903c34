"""The citizen's side: home, lodge, acknowledgement, track."""

from __future__ import annotations

from flask import Flask

from web.citizen.blueprint import bp
from web.discovery import import_modules


def init_app(app: Flask) -> None:
    import_modules(__name__, __path__)  # each view module adds its routes to the blueprint
    app.register_blueprint(bp)
