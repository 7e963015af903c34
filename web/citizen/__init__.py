"""The citizen's side: home, lodge, acknowledgement, track."""

from __future__ import annotations

from flask import Blueprint, Flask, render_template

bp = Blueprint("citizen", __name__, template_folder="templates")


@bp.get("/")
def home() -> str:
    return render_template("citizen/home.html")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
