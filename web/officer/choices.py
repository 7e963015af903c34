"""What a case page offers to pick from: every office to forward a case to, every post to ask
for an opinion or an investigation. A big network has a thousand of them, and reading and
wording them on each request cost a third of the page; so each process words them once per
language and keeps them until the organisation's revision moves (the database moves it on any
write to offices or posts)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup
from sqlalchemy.orm import Session

from grs.services.case_requests import PostName, askable_posts
from grs.services.organisation import forward_targets, organisation_revision
from web.i18n import current_language

_KEPT = "grs.officer_choices"


@dataclass(frozen=True)
class _Worded:
    revision: int
    offices: Markup  # every office's <option>
    office_option: dict[str, Markup]  # each office's <option> by the office's code
    posts: Markup  # every post's <option>


def office_options(session: Session, exclude_code: str) -> Markup:
    """The <option>s of every office a case may be forwarded to, but its own."""
    worded = _worded(session)
    own = worded.office_option.get(exclude_code)
    return worded.offices.replace(own, "", 1) if own else worded.offices


def post_options(session: Session) -> Markup:
    """The <option>s of every post a request may name: "title, office (office/post)"."""
    return _worded(session).posts


def _worded(session: Session) -> _Worded:
    revision = organisation_revision(session)
    kept: dict[str, _Worded] = current_app.extensions.setdefault(_KEPT, {})
    language = current_language()
    worded = kept.get(language)
    if worded is None or worded.revision != revision:
        # Two requests may both word them after a change; either's result is the same.
        worded = _word(session, revision, language == "en")
        kept[language] = worded
    return worded


def _word(session: Session, revision: int, english: bool) -> _Worded:
    office_option = {
        o.code: _option(f"{o.name_en if english and o.name_en else o.name_bn} ({o.code})")
        for o in forward_targets(session)
    }
    posts = Markup("").join(_option(_post_choice(p, english)) for p in askable_posts(session))
    return _Worded(revision, Markup("").join(office_option.values()), office_option, posts)


def _post_choice(p: PostName, english: bool) -> str:
    title = p.title_en if english and p.title_en else p.title_bn
    office = p.office_name_en if english and p.office_name_en else p.office_name_bn
    return f"{title}, {office} ({p.office_code}/{p.code})"


def _option(value: str) -> Markup:
    return Markup('<option value="{}"></option>').format(value)
