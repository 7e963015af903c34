"""The quarterly citizen-charter review: an office enters its items with evidence; the offices
above read the compliance table of the offices below and download it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from grs.bangla import ascii_digits
from grs.errors import InvalidInput, NotFound
from grs.reports.exports import to_csv, to_xlsx
from grs.reports.reading import home_office_code
from grs.reviews.compliance import compliance_table
from grs.reviews.entries import ReviewInput, enter_review_item
from grs.reviews.items import ITEMS, STATUS_LABELS
from grs.reviews.reading import ReviewPage, evidence_file, review_page
from grs.services.attachments import Upload
from web.citizen.forms import read_uploads
from web.context import db_session, runtime
from web.i18n import current_language
from web.officer.access import me, refuse
from web.officer.blueprints import bp
from web.officer.helpers import as_date
from web.officer.report_views import FORMATS


def _messages() -> dict[str, str]:
    return {
        "required": _("Give the date it was done."),
        "bad_date": _("The date must fall in the quarter or after it, and not in the future."),
        "evidence_required": _("Attach the evidence (PDF, JPEG or PNG)."),
    }


def _page(code: str) -> ReviewPage:
    try:
        return review_page(runtime(), db_session(), me(), code, request.args.get("quarter"))
    except NotFound:
        refuse(404, "review_not_visible", target=f"review:{code[:64]}")
    except InvalidInput:
        abort(400)


def _render(page: ReviewPage, status: int = 200, error: str = "") -> tuple[str, int]:
    return render_template(
        "officer/review.html", p=page, items=ITEMS, status_labels=STATUS_LABELS, error=error
    ), status


@bp.get("/reviews")
def reviews_home() -> Response:
    try:
        code = home_office_code(runtime(), db_session(), me())
    except NotFound:
        refuse(404, "no_report_reach")
    return redirect(url_for("officer.review", code=code))


@bp.get("/reviews/<code>")
def review(code: str) -> tuple[str, int]:
    return _render(_page(code))


@bp.post("/reviews/<code>/items/<item>")
def review_enter(code: str, item: str) -> Response | tuple[str, int]:
    rt = runtime()
    page = _page(code)
    upload = _one_upload()
    entry = ReviewInput(code, page.quarter, item, as_date(_typed_date("done_on")),
                        request.form.get("note", ""), upload)  # fmt: skip
    try:
        enter_review_item(rt, me(), entry)
    except NotFound:
        refuse(404, "review_not_enterable", target=f"review:{code[:64]}")
    except InvalidInput as exc:
        message = _messages().get(exc.code, _("The file could not be accepted."))
        return _render(_page(code), 400, message)
    flash(_("Saved."), "success")
    return redirect(url_for("officer.review", code=code, quarter=page.quarter.code))


def _typed_date(name: str) -> str:
    """The date as typed, in Bangla or Latin digits."""
    return ascii_digits(request.form.get(name, "")).strip()


def _one_upload() -> Upload | None:
    rt = runtime()
    limit = rt.settings.max_upload_mb * 1024 * 1024
    uploads = read_uploads(request.files.getlist("evidence"), limit, 1)
    return uploads[0] if uploads else None


@bp.get("/reviews/<code>/export.<fmt>")
def review_export(code: str, fmt: str) -> Response:
    if fmt not in FORMATS:
        abort(404)
    page = _page(code)
    digits_bn = request.args.get("digits") == "bn"
    table = compliance_table(page.rows, current_language(), digits_bn)
    body = to_csv(table) if fmt == "csv" else to_xlsx(table, page.quarter.code, "bn")
    name = f"grs-charter-review-{page.office.code}-{page.quarter.code}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, mimetype=FORMATS[fmt], headers=headers)


@bp.get("/reviews/evidence/<int:entry_id>")
def review_evidence(entry_id: int) -> Response:
    try:
        entry, path = evidence_file(runtime(), db_session(), me(), entry_id)
    except NotFound:
        refuse(404, "evidence_not_visible", target=f"evidence:{entry_id}")
    return send_file(path, mimetype=entry.content_type, as_attachment=True,
                     download_name=entry.original_name)  # fmt: skip
