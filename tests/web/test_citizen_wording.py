"""The words a citizen reads in Bangla: grammar joined to names, each thing named once, Bangla
digits, and nothing from the office's own English records."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from grs.db.models import Case, Event, Post
from tests.support import build_ladder, do, lodge_case
from tests.web.test_citizen_support import open_case, text


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _case_page(client, rt, ladder, *steps: str) -> str:
    case = lodge_case(rt)
    for step in steps:
        do(rt, case.tracking_number, step, ladder.officer("gro_upz"), closure_reason="other")
    assert open_case(client, case.tracking_number).status_code == 303
    return text(client.get("/track/case?lang=bn"))


def test_a_name_takes_the_genitive_ending_it_calls_for(client, rt, ladder):
    page = _case_page(client, rt, ladder, "resolve")
    assert "আপিল কর্মকর্তার কাছে" in page
    assert "-এর কাছে" not in page


def test_the_appeal_window_is_said_in_months_without_brackets(client):
    english = text(client.get("/?lang=en"))
    assert "month(s)" not in english
    assert " month to appeal" in english or " months to appeal" in english


def test_a_contact_number_is_in_bangla_digits_on_bangla_pages(client, rt, ladder):
    with rt.db.write() as s:
        for post in s.scalars(select(Post)):
            post.contact = "01711000000"
    page = _case_page(client, rt, ladder)
    assert "০১৭১১০০০০০০" in page and "01711000000" not in page


def test_the_system_notes_in_the_history_are_not_shown_to_the_citizen(client, rt, ladder):
    case = lodge_case(rt)
    with rt.db.write() as s:
        event = s.scalars(select(Event).where(Event.case_id == case.id)).first()
        event.actor_kind, event.note = "system", "holiday added on 2026-12-01: internal memo"
    open_case(client, case.tracking_number)
    assert "internal memo" not in text(client.get("/track/case?lang=bn"))


def test_the_cell_is_named_once(client, rt, ladder):
    case = lodge_case(rt)
    with rt.db.write() as s:
        row = s.get(Case, case.id)
        cell = s.scalar(select(Post).where(Post.code == "cell"))
        row.current_post_id, row.current_post = cell.id, cell
        name = cell.office.name_bn
    open_case(client, case.tracking_number)
    page = text(client.get("/track/case?lang=bn"))
    assert page.count(name) == 1, page


def test_the_date_box_takes_the_hints_format(client, ladder):
    page = client.get("/lodge/UPZ").get_data(as_text=True)
    assert 'type="date"' not in page
    assert "২০২৬-১১-২০" in text(client.get("/lodge/UPZ"))
