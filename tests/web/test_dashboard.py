"""The dashboard and the public statistics page: today's figures, charts without network, the
same figures as tables, Bangla digits; the public page needs no login and names nobody."""

from __future__ import annotations

import re

import pytest

from grs.services.escalation import sweep
from tests.support import build_ladder, do, lodge_case
from tests.web.officer_support import logged_in

D = "2026-11-23"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


@pytest.fixture
def cases(rt, clock, ladder):
    clock.set("2026-09-01")
    late = [lodge_case(rt, subject=f"পুরোনো {i}") for i in range(3)]
    clock.set("2026-10-05")
    done = lodge_case(rt, name="করিম মিয়া")
    do(rt, done.tracking_number, "resolve", ladder.officer("gro_upz"), closure_reason="other")
    clock.set("2026-11-10")
    asked = lodge_case(rt, office_code="UPZ2")
    do(rt, asked.tracking_number, "request_info", ladder.officer("gro_upz2"), note="কাগজ")
    clock.set(D)
    lodge_case(rt)
    return late


def figure(html: str, words: str) -> str:
    match = re.search(r'<span class="n">([^<]+)</span>\s*' + re.escape(words), html)
    assert match, words
    return match.group(1)


def test_a_gro_sees_their_office_today(app, cases):
    html = logged_in(app, "gro_upz").get("/officer/dashboard").get_data(as_text=True)
    assert figure(html, "সময়সীমা অতিক্রান্ত") == "৩"  # the September cases, never swept
    assert figure(html, "অভিযোগকারীর অপেক্ষায়") == "০"  # UPZ2's pause is not theirs
    assert figure(html, "এ মাসে প্রাপ্ত") == "১"
    assert "<svg" in html and 'role="img"' in html
    assert "নভেম্বর ২০২৬" in html  # month labels in Bangla, digits too
    assert 'src="http' not in html and "<script" not in html.split("<main", 1)[1]
    assert "সবচেয়ে বেশি সময়সীমা অতিক্রান্ত অভিযোগের দপ্তর" in html  # their own office listed
    assert "করিম" not in html


def test_the_appeal_officer_compares_the_offices_below(app, cases):
    html = logged_in(app, "ao_dist").get("/officer/dashboard").get_data(as_text=True)
    assert figure(html, "অভিযোগকারীর অপেক্ষায়") == "১"
    table = html.split("সবচেয়ে বেশি সময়সীমা অতিক্রান্ত অভিযোগের দপ্তর</h2>", 1)[1]
    assert "উপজেলা আইসিটি কার্যালয়" in table and "<td>৩</td>" in table


def test_settlement_by_month_is_in_the_table(app, cases):
    html = (
        logged_in(
            app,
            "cell",
        )
        .get("/officer/dashboard?lang=en")
        .get_data(as_text=True)
    )
    row = re.search(r"<th scope=\"row\">Oct 2026</th>(.*?)</tr>", html).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row) == ["1", "1", "0", "100.0"]


def test_no_dashboard_for_a_service_officer(app, cases):
    assert logged_in(app, "ict_upz").get("/officer/dashboard").status_code == 404


def test_public_statistics_without_login(app, rt, cases):
    sweep(rt)
    client = app.test_client()
    html = client.get("/statistics?period=2026-10").get_data(as_text=True)
    assert "উপজেলা আইসিটি কার্যালয়" in html
    row = html.split("উপজেলা আইসিটি কার্যালয়</th>", 1)[1].split("</tr>", 1)[0]
    assert re.findall(r"<td>([^<]*)</td>", row)[:3] == ["১", "১", "১"]
    assert "করিম" not in html and "অভিযোগ ব্যবস্থাপনা সেল</th>" not in html
    assert client.get("/statistics?period=nope").status_code == 400
    assert client.get("/statistics").status_code == 200
