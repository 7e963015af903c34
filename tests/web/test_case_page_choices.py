"""A case page's lists of offices to forward to and posts to ask are kept by the web process
between requests, and follow every change of an office or a post, whoever writes it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from grs.services import organisation as org
from tests.support import build_ladder, counted, do, lodge_case
from tests.web.officer_support import logged_in

ASKED = "উপজেলা আইসিটি অফিসার, উপজেলা আইসিটি কার্যালয় (UPZ/ict_officer)"
LISTS = "ORDER BY offices.name_bn"  # both lists are read in the offices' order


@pytest.fixture
def page(app, rt):
    ladder = build_ladder(rt)
    case = lodge_case(rt)
    do(rt, case.tracking_number, "accept", ladder.officer("gro_upz"))  # opinions can be asked
    client = logged_in(app, "gro_upz")
    return lambda: client.get(f"/officer/cases/{case.tracking_number}").get_data(as_text=True)


def options(html: str, datalist: str) -> str:
    return html.split(f'<datalist id="{datalist}"', 1)[1].split("</datalist>", 1)[0]


def test_the_lists_are_read_once_and_name_every_choice(rt, page):
    with counted(rt) as first:
        html = page()
    with counted(rt) as second:
        again = page()
    assert sum(LISTS in s for s in first) == 2 and not any(LISTS in s for s in second)
    for datalist in ("asked-posts", "forward-offices"):
        assert options(again, datalist) == options(html, datalist)
    assert f'<option value="{ASKED}">' in options(html, "asked-posts")
    forward = options(html, "forward-offices")
    assert '<option value="অন্য উপজেলা কার্যালয় (UPZ2)">' in forward
    assert "(UPZ)" not in forward  # not the case's own office


def test_the_lists_follow_a_renamed_post_and_a_new_office(rt, page):
    page()
    with rt.db.write() as s:
        org.post_by_code(s, "UPZ", "ict_officer").title_bn = "প্রোগ্রামার"
        org.upsert_office(s, org.OfficeInput("UPZ3", "নতুন উপজেলা কার্যালয়", "", "DIST"))
    html = page()
    assert "প্রোগ্রামার, উপজেলা আইসিটি কার্যালয় (UPZ/ict_officer)" in options(html, "asked-posts")
    assert ASKED not in html
    assert "নতুন উপজেলা কার্যালয় (UPZ3)" in options(html, "forward-offices")


def test_the_lists_follow_sql_written_by_hand(rt, page):
    page()
    with rt.db.write() as s:
        s.execute(text("UPDATE offices SET name_bn = 'পাশের উপজেলা' WHERE code = 'UPZ2'"))
    html = page()
    assert "পাশের উপজেলা (UPZ2)" in options(html, "forward-offices")
    assert "অন্য উপজেলা কার্যালয় (UPZ2)" not in html
