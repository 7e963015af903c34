"""The citizen's side: home, lodge, acknowledgement, track."""

from __future__ import annotations

from flask import Flask

from web.citizen import home, lodge, track  # noqa: F401  (their routes join the blueprint)
from web.citizen.blueprint import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
