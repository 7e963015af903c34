"""Open311 GeoReport v2 at /open311/v2/: other systems lodge and follow complaints, JSON or XML."""

from __future__ import annotations

from flask import Flask

from web.discovery import import_modules
from web.extensions import csrf
from web.open311.blueprint import bp


def init_app(app: Flask) -> None:
    import_modules(__name__, __path__)
    csrf.exempt(bp)  # clients prove themselves with an api_key, not a browser session
    app.register_blueprint(bp)
