"""The office directory and an office's charter page: public, no login, cacheable."""

from __future__ import annotations

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue

from grs.errors import NotFound
from grs.services.office_directory import directory, published_charter
from web.charter.blueprint import bp
from web.context import db_session, runtime

CATEGORIES = ("citizen", "institutional", "internal")


def _arg(name: str) -> str:
    return " ".join((request.args.get(name) or "").split())[:100]


@bp.get("/offices")
def office_directory() -> ResponseReturnValue:
    found = directory(db_session(), _arg("division"), _arg("district"), _arg("upazila"), _arg("q"))
    return render_template("charter/directory.html", found=found)


@bp.get("/offices/<code>")
def office_charter(code: str) -> ResponseReturnValue:
    version = _version()
    try:
        shown = published_charter(db_session(), runtime().workflow, code, version)
    except NotFound:
        abort(404)
    services = shown.charter["services"]
    grouped = {c: [s for s in services if s["category"] == c] for c in CATEGORIES}
    return render_template(
        "charter/office.html",
        shown=shown,
        office=shown.office,
        charter=shown.charter,
        grouped={c: items for c, items in grouped.items() if items},
    )


def _version() -> int | None:
    text = request.args.get("version")
    if text is None or text == "":
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        abort(404)
    return int(text)
