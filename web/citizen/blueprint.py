"""The citizen blueprint and the helpers its pages use to name things in the reader's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response

from grs.bangla import weekday_name
from grs.calendar.explanation import skipped_by_reason
from grs.db.models import Office, Post
from grs.tracking import format_tracking_number
from web import labels
from web.citizen.i18n import ngettext, template_gettext
from web.context import runtime
from web.i18n import current_language, localized_digits

bp = Blueprint("citizen", __name__, template_folder="templates")


@bp.context_processor
def helpers() -> dict[str, Any]:
    english = current_language() == "en"

    def post_title(post: Post) -> str:
        return localized_digits(post.title_en if english and post.title_en else post.title_bn)

    def office_name(office: Office) -> str:
        return localized_digits(office.name_en if english and office.name_en else office.name_bn)

    def post_at_office(post: Post) -> str:
        """The post and its office, the office left out when the post's title already names
        it (the cell's post is the cell)."""
        title, office = post_title(post), office_name(post.office)
        return title if office.lower() in title.lower() else f"{title}, {office}"

    def weekday(day: date) -> str:
        return weekday_name(day, current_language())

    def tracking(number: str) -> str:
        return localized_digits(format_tracking_number(number))

    settings = runtime().settings
    return {
        "_": template_gettext,  # the citizen pages' own translations (see web.citizen.i18n)
        "ngettext": ngettext,
        "labels": labels,  # the words for codes, shared with the officers' pages
        "workflow": runtime().workflow,
        "post_title": post_title,
        "office_name": office_name,
        "post_at_office": post_at_office,
        "weekday": weekday,
        "tracking": tracking,
        "skipped_by_reason": skipped_by_reason,
        "max_files": settings.max_files,
        "max_upload_mb": settings.max_upload_mb,
    }


def private(response: Response) -> Response:
    """Pages about one case are never kept by the browser or a proxy (a shared phone)."""
    response.headers["Cache-Control"] = "no-store"
    return response
