"""Report pages and exports: who reads which office, drill-down, CSV and XLSX, bad input."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.support import build_ladder, do, lodge_case
from tests.web.officer_support import logged_in


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


@pytest.fixture
def march(rt, clock, ladder):
    clock.set("2026-03-10")
    first = lodge_case(rt)
    lodge_case(rt, office_code="UPZ2", channel="paper")
    do(rt, first.tracking_number, "resolve", ladder.officer("gro_upz"), closure_reason="other",
       decision_cause="ভুল ঠিকানা", decision_prevention="ঠিকানা যাচাই করা হবে")  # fmt: skip
    clock.set("2026-05-05")
    return first


PAGES = [
    "/officer/reports/{code}?period=2026-03",
    "/officer/reports/{code}/export.csv?period=2026-03",
    "/officer/reports/{code}/export.xlsx?period=2026-03",
    "/officer/reports/{code}/decisions.csv?period=2026-03",
    "/officer/reports/{code}/decisions.xlsx?period=2026-03",
]


@pytest.mark.parametrize(
    ("user", "allowed", "refused"),
    [
        ("gro_upz", ["UPZ"], ["UPZ2", "DIST", "DIR", "CELL"]),
        ("alt_upz", ["UPZ"], ["UPZ2", "DIST"]),
        ("ao_dist", ["DIST", "UPZ", "UPZ2"], ["DIR", "CELL"]),
        ("ict_upz", [], ["UPZ", "DIST"]),
        ("cell", ["DIR", "DIST", "UPZ", "CELL"], ["NOPE"]),
        ("admin", ["DIR", "UPZ2"], ["NOPE"]),
    ],
)
def test_who_reads_which_office(app, march, user, allowed, refused):
    client = logged_in(app, user)
    for code in allowed:
        for page in PAGES:
            assert client.get(page.format(code=code)).status_code == 200, (code, page)
    for code in refused:
        for page in PAGES:
            assert client.get(page.format(code=code)).status_code == 404, (code, page)


def test_the_report_page_in_bangla_drills_down_and_defines_its_columns(app, march):
    client = logged_in(app, "ao_dist")
    html = client.get("/officer/reports/DIST?period=2026-03").get_data(as_text=True)
    assert "অভিযোগ নিষ্পত্তি কর্মকর্তা" in html and "আপিল কর্মকর্তা" in html
    assert 'href="/officer/reports/UPZ?period=2026-03"' not in html  # no offices below UPZ
    assert "উপজেলা আইসিটি কার্যালয়" in html and "অন্য উপজেলা কার্যালয়" in html
    assert "নথিজাত" in html and "পূর্ববর্তী জের" in html
    assert "আগের মেয়াদ শেষে এই ধাপে চলমান" in html  # the column's definition is on the page
    assert "২০২৬" in html
    home = client.get("/officer/reports")
    assert home.status_code == 302 and home.headers["Location"].endswith("/officer/reports/DIST")


def test_the_district_of_the_cell_links_to_its_upazilas(app, march):
    html = logged_in(app, "cell").get("/officer/reports/DIR?period=2026-Q1").get_data(as_text=True)
    assert 'href="/officer/reports/DIST?period=2026-Q1"' in html


def test_xlsx_has_bangla_headers_and_the_figures(app, march):
    client = logged_in(app, "ao_dist")
    response = client.get("/officer/reports/DIST/export.xlsx?period=2026-03&digits=ascii")
    assert response.headers["Content-Disposition"].endswith('2026-03.xlsx"')
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:2] == ("ধাপ", "দপ্তর")
    col = {name: i for i, name in enumerate(header)}
    gro_total = next(r for r in rows if r[0] == "অভিযোগ নিষ্পত্তি কর্মকর্তা" and r[1] == "মোট")
    assert gro_total[col["এই মেয়াদে প্রাপ্ত"]] == 2
    assert gro_total[col["নিষ্পত্তি"]] == 1
    assert gro_total[col["প্রাপ্ত: কাগজে"]] == 1
    bn = client.get("/officer/reports/DIST/export.xlsx?period=2026-03&digits=bn")
    rows = list(load_workbook(io.BytesIO(bn.data)).active.iter_rows(values_only=True))
    gro_total = next(r for r in rows if r[0] == "অভিযোগ নিষ্পত্তি কর্মকর্তা" and r[1] == "মোট")
    assert gro_total[col["এই মেয়াদে প্রাপ্ত"]] == "২"


def test_csv_in_english(app, march):
    client = logged_in(app, "gro_upz")
    data = client.get("/officer/reports/UPZ/export.csv?period=2026-03&lang=en").data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Tier", "Office", "Carried over"]
    total = next(r for r in rows if r[:2] == ["Grievance redress officer", "Total"])
    assert total[rows[0].index("Settled")] == "1"


@pytest.mark.parametrize("period", ["2026-13", "march", "2026-Q5", "৯৯৯৯-০১"])
def test_a_bad_period_is_a_400_in_the_page_language(app, march, period):
    client = logged_in(app, "gro_upz")
    response = client.get(f"/officer/reports/UPZ?period={period}")
    assert response.status_code == 400
    assert "মাস" in response.get_data(as_text=True)
    assert client.get(f"/officer/reports/UPZ/export.xlsx?period={period}").status_code == 400


def test_the_decisions_file_lists_each_decision_with_its_record(app, march):
    client = logged_in(app, "ao_dist")
    page = client.get("/officer/reports/DIST?period=2026-03").get_data(as_text=True)
    assert "/officer/reports/DIST/decisions.xlsx?period=2026-03" in page
    assert "কারণ লিপিবদ্ধ" in page  # the decision record's columns and their definitions
    assert "একই অভিযোগ আর না ঘটার জন্য" in page
    response = client.get("/officer/reports/DIST/decisions.xlsx?period=2026-03")
    assert response.headers["Content-Disposition"].endswith('grs-decisions-DIST-2026-03.xlsx"')
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("ট্র্যাকিং নম্বর", "সিদ্ধান্তের তারিখ", "ধাপ")
    assert len(rows) == 2
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["ট্র্যাকিং নম্বর"] == march.tracking_number  # kept as written, not a number
    assert (line["অভিযোগের কারণ"], line["প্রতিকারের পরামর্শ"]) == (
        "ভুল ঠিকানা", "ঠিকানা যাচাই করা হবে")  # fmt: skip
    assert line["দপ্তর"] == "উপজেলা আইসিটি কার্যালয়" and line["ফলাফল"]
    data = client.get("/officer/reports/DIST/decisions.csv?period=2026-03&lang=en").data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "Tracking number" and rows[1][rows[0].index("Cause found")] == "ভুল ঠিকানা"
    assert client.get("/officer/reports/DIST/decisions.csv?period=2026-04").data.count(b"\n") == 1
    assert client.get("/officer/reports/DIST/decisions.pdf?period=2026-03").status_code == 404
    assert client.get("/officer/reports/DIST/decisions.csv?period=2026-13").status_code == 400
