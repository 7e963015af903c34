"""The home page: what GRS is, the ladder in plain words, lodge and track."""

from __future__ import annotations

from flask import render_template

from web.citizen.blueprint import bp
from web.context import runtime


@bp.get("/")
def home() -> str:
    workflow = runtime().workflow
    return render_template(
        "citizen/home.html",
        tiers=[workflow.tiers[tier] for tier in sorted(workflow.tiers)],
        appeal_months=workflow.appeal_window_months,
    )
