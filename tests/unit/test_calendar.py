"""The Bangladesh working-day calendar, checked against real 2025 and 2026 windows."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grs.calendar.holiday_sources import (
    AdminHolidayChange,
    build_calendar,
    load_overlay,
    merge_holidays,
    package_holidays,
)
from grs.calendar.working_days import CalendarError, HolidayKind, WorkingCalendar

D = date.fromisoformat

# (start, N, due_on, what the window crosses) — each worked out by hand from the official lists.
REAL_WINDOWS = [
    (
        "2026-03-01",
        30,
        "2026-04-21",
        "GRO 30 days over Shab-e-Qadr, Eid-ul-Fitr, 26 Mar, 13-14 Apr",
    ),
    ("2026-03-18", 10, "2026-04-07", "Eid-ul-Fitr block 19-23 Mar and Independence Day"),
    ("2026-02-09", 3, "2026-02-16", "election days 11-12 Feb"),
    ("2026-05-25", 3, "2026-06-03", "Eid-ul-Azha block 26-31 May"),
    ("2026-10-19", 2, "2026-10-25", "Durga Puja 20-21 Oct"),
    ("2026-12-24", 3, "2026-12-29", "Christmas on a Friday"),
    ("2026-12-28", 5, "2027-01-04", "year end into 2027"),
    ("2025-03-27", 2, "2025-04-07", "Eid-ul-Fitr block 28 Mar - 5 Apr"),
    ("2025-05-08", 1, "2025-05-12", "Buddha Purnima on a Sunday"),
    ("2025-05-15", 1, "2025-05-17", "Saturday reopened for the Eid-ul-Azha extension"),
    ("2025-06-04", 1, "2025-06-15", "Eid-ul-Azha block 5-14 June"),
    ("2025-09-30", 1, "2025-10-05", "Durga Puja 1-2 Oct"),
    ("2025-12-15", 3, "2025-12-21", "Victory Day"),
    ("2025-12-30", 2, "2026-01-01", "year end into 2026"),
    ("2026-03-21", 1, "2026-03-24", "start on Eid itself"),
    ("2026-03-20", 0, "2026-03-20", "N = 0 is the start date"),
]


@pytest.mark.parametrize(("start", "n", "due", "crossing"), REAL_WINDOWS)
def test_real_windows(bd_calendar: WorkingCalendar, start: str, n: int, due: str, crossing: str):
    assert bd_calendar.add_working_days(D(start), n) == D(due), crossing


def test_friday_and_saturday_are_the_weekly_holidays(bd_calendar: WorkingCalendar):
    # 2026-11-26 is a Thursday with no holiday: Thu works, Fri and Sat do not, Sun works.
    days = [D("2026-11-26") + timedelta(days=i) for i in range(4)]
    assert [bd_calendar.is_working_day(d) for d in days] == [True, False, False, True]


def test_overlay_adds_what_the_package_lacks(bd_calendar: WorkingCalendar):
    package_only = WorkingCalendar(package_holidays([2026]), first_year=2026, last_year=2026)
    for missing in ("2026-09-04", "2026-10-20", "2026-10-21", "2026-02-11", "2026-04-13"):
        assert package_only.holidays_on(D(missing)) == ()
        assert bd_calendar.holidays_on(D(missing)) != ()
    assert package_only.add_working_days(D("2026-10-19"), 2) == D("2026-10-21")
    assert bd_calendar.add_working_days(D("2026-10-19"), 2) == D("2026-10-25")


def test_two_holidays_on_one_date_keep_both_names(bd_calendar: WorkingCalendar):
    names = {h.name_en for h in bd_calendar.holidays_on(D("2026-05-01"))}
    assert names == {"May Day", "Buddha Purnima"}


def test_holidays_carry_names_kind_and_source(bd_calendar: WorkingCalendar):
    (navami,) = bd_calendar.holidays_on(D("2026-10-20"))
    assert navami.name_bn == "দুর্গাপূজা (নবমী)"
    assert navami.kind is HolidayKind.EXECUTIVE_ORDER
    assert navami.source == "official list 2026"
    assert navami.verified is False
    (election,) = bd_calendar.holidays_on(D("2026-02-12"))
    assert election.kind is HolidayKind.SPECIAL


def test_17_march_and_15_august_are_not_national_days_any_more(bd_calendar: WorkingCalendar):
    names_2025 = [h.name_en for h in bd_calendar.holidays_on(D("2025-03-17"))]
    assert names_2025 == []
    assert bd_calendar.is_working_day(D("2025-03-17"))
    assert bd_calendar.is_working_day(D("2026-08-15")) is False  # a Saturday, nothing more
    assert bd_calendar.holidays_on(D("2026-08-15")) == ()


def test_year_without_overlay_is_an_estimate(bd_calendar: WorkingCalendar):
    assert load_overlay(2027) is None
    assert bd_calendar.is_official(2026) and not bd_calendar.is_official(2027)
    assert bd_calendar.explain(D("2026-12-28"), 5).estimated_years == (2027,)
    assert bd_calendar.explain(D("2026-03-01"), 30).estimated_years == ()
    # The package still knows the fixed days of 2027.
    assert bd_calendar.holidays_on(D("2027-03-26")) != ()


def test_explanation_lists_every_skipped_day_with_its_reason(bd_calendar: WorkingCalendar):
    explanation = bd_calendar.explain(D("2026-02-09"), 3)
    assert explanation.due_on == D("2026-02-16")
    skipped = {s.on.isoformat(): s for s in explanation.skipped}
    assert list(skipped) == ["2026-02-11", "2026-02-12", "2026-02-13", "2026-02-14"]
    assert skipped["2026-02-11"].holidays[0].name_en == "13th parliamentary election"
    assert skipped["2026-02-11"].weekly is False
    assert skipped["2026-02-13"].weekly and skipped["2026-02-13"].holidays == ()
    # The explanation adds up: N working days plus the skipped days fill the window exactly.
    window = (explanation.due_on - explanation.start).days
    assert window == explanation.n + len(explanation.skipped)


def test_working_days_between(bd_calendar: WorkingCalendar):
    assert bd_calendar.working_days_between(D("2026-03-18"), D("2026-04-07")) == 10
    assert bd_calendar.working_days_between(D("2026-04-07"), D("2026-03-18")) == -10
    assert bd_calendar.working_days_between(D("2026-03-19"), D("2026-03-23")) == 0


def test_negative_n_and_unsupported_years_are_refused(bd_calendar: WorkingCalendar):
    with pytest.raises(CalendarError, match="negative"):
        bd_calendar.add_working_days(D("2026-01-01"), -1)
    with pytest.raises(CalendarError, match="supported years"):
        bd_calendar.add_working_days(D("2019-12-31"), 1)
    with pytest.raises(CalendarError, match="last supported year"):
        bd_calendar.add_working_days(D("2035-12-20"), 30)


def test_administrator_changes_are_one_more_source():
    add = AdminHolidayChange(
        D("2026-11-24"), "add", "শোক দিবস", "Day of mourning",
        HolidayKind.EXECUTIVE_ORDER, "cyclone", "circular 12",
    )  # fmt: skip
    remove = AdminHolidayChange(
        D("2026-10-21"), "remove", "", "", HolidayKind.GENERAL, "moved", "circular 13"
    )
    calendar = build_calendar(2026, 2027, (4, 5), admin_changes=[add, remove])
    assert calendar.add_working_days(D("2026-11-23"), 1) == D("2026-11-25")
    assert calendar.holidays_on(D("2026-11-24"))[0].source == "administrator: circular 12"
    assert calendar.is_working_day(D("2026-10-21"))


def test_overlay_removal_drops_a_package_date():
    baseline = package_holidays([2026])
    overlay = load_overlay(2026)
    assert overlay is not None
    moved = overlay.__class__(2026, "test", (), {D("2026-08-26"): "moon sighting"}, {})
    merged, _ = merge_holidays(baseline, [moved])
    assert D("2026-08-26") not in {h.on for h in merged}


calendar_dates = st.dates(
    min_value=date(2020, 1, 1), max_value=date(2033, 12, 31)
)  # + 400 working days stays in 2035


@given(start=calendar_dates, n=st.integers(min_value=1, max_value=400))
def test_due_date_is_always_a_working_day(bd_calendar: WorkingCalendar, start: date, n: int):
    assert bd_calendar.is_working_day(bd_calendar.add_working_days(start, n))


@given(start=calendar_dates, n=st.integers(min_value=0, max_value=400))
def test_counting_back_gives_n(bd_calendar: WorkingCalendar, start: date, n: int):
    due = bd_calendar.add_working_days(start, n)
    assert bd_calendar.working_days_between(start, due) == n
    # and no earlier date already had N working days after the start
    if n:
        assert bd_calendar.working_days_between(start, due - timedelta(days=1)) == n - 1


@given(a=calendar_dates, b=calendar_dates, n=st.integers(min_value=0, max_value=200))
def test_later_starts_never_give_earlier_deadlines(
    bd_calendar: WorkingCalendar, a: date, b: date, n: int
):
    early, late = sorted((a, b))
    assert bd_calendar.add_working_days(early, n) <= bd_calendar.add_working_days(late, n)


@given(start=calendar_dates, n=st.integers(min_value=0, max_value=60))
def test_matches_a_day_by_day_count(bd_calendar: WorkingCalendar, start: date, n: int):
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        counted += bd_calendar.is_working_day(day)
    assert bd_calendar.add_working_days(start, n) == day


@given(pairs=st.lists(st.tuples(calendar_dates, st.integers(0, 400)), min_size=1, max_size=50))
def test_the_array_api_gives_the_same_deadlines(bd_calendar: WorkingCalendar, pairs):
    starts = np.array([start for start, _ in pairs], dtype="datetime64[D]")
    ns = np.array([n for _, n in pairs])
    expected = [bd_calendar.add_working_days(start, n) for start, n in pairs]
    assert [d.astype(date) for d in bd_calendar.due_dates_array(starts, ns)] == expected


def test_the_array_api_refuses_what_the_single_one_refuses(bd_calendar: WorkingCalendar):
    with pytest.raises(CalendarError, match="outside the supported years"):
        bd_calendar.due_dates_array(np.array(["2019-12-31"], dtype="datetime64[D]"), np.array([3]))
    with pytest.raises(CalendarError, match="negative"):
        bd_calendar.due_dates_array(np.array(["2026-01-01"], dtype="datetime64[D]"), np.array([-1]))
    with pytest.raises(CalendarError, match="after the last supported year"):
        bd_calendar.due_dates_array(np.array(["2035-12-01"], dtype="datetime64[D]"), np.array([90]))


def test_a_holiday_on_a_friday_is_counted_once_under_one_reason(bd_calendar: WorkingCalendar):
    from grs.calendar.explanation import describe_explanation, skipped_by_reason

    explanation = bd_calendar.explain(D("2026-11-23"), 30)  # over Victory Day and Christmas
    christmas = next(s for s in explanation.skipped if s.on == D("2026-12-25"))
    assert christmas.weekly and christmas.holidays  # a Friday, and a public holiday
    by = skipped_by_reason(explanation)
    assert len(by.weekly) + len(by.public) == len(explanation.skipped) == 13
    assert [day.on for day in by.public] == [D("2026-12-16")]
    assert [day.on for day in by.on_weekly] == [D("2026-12-25")]
    summary = describe_explanation(explanation, "bn")[1]
    assert "বাদ গেছে ১৩ দিন (১২টি সাপ্তাহিক ছুটি, ১টি সরকারি ছুটি)" in summary
