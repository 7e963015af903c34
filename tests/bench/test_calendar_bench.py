"""Calendar speed: one deadline, a million deadlines, and numpy.busday_offset as the reference.

Run with `make bench`; the figures are read from pytest-benchmark's table.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest

from grs.calendar.holiday_sources import build_calendar
from grs.calendar.working_days import WorkingCalendar

MILLION = 1_000_000


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return build_calendar(2020, 2035, (4, 5))


@pytest.fixture(scope="module")
def workload() -> tuple[list[date], list[int]]:
    rng = random.Random(7)
    base = date(2025, 1, 1)
    starts = [base + timedelta(days=rng.randrange(730)) for _ in range(MILLION)]
    ns = [rng.choice((20, 30, 40, 60)) for _ in range(MILLION)]
    return starts, ns


def test_one_deadline(benchmark, calendar: WorkingCalendar):
    start = date(2026, 3, 18)
    assert benchmark(calendar.add_working_days, start, 30) == date(2026, 5, 7)


def test_million_deadlines(benchmark, calendar: WorkingCalendar, workload):
    starts, ns = workload
    result = benchmark.pedantic(calendar.due_dates, args=(starts, ns), rounds=3, iterations=1)
    assert len(result) == MILLION


def test_million_deadlines_numpy_reference(benchmark, calendar: WorkingCalendar, workload):
    starts, ns = workload
    holidays = [h.on for year in range(2025, 2028) for h in calendar.holidays_in(year)]
    weekmask = "1111001"  # Monday..Sunday: Friday and Saturday off
    np_starts = np.array(starts, dtype="datetime64[D]")
    np_ns = np.array(ns)

    def numpy_due() -> np.ndarray:
        # busday_offset counts the start itself when it is a working day; roll forward from the
        # start and add N to land on the N-th working day after it, as GRS counts.
        return np.busday_offset(
            np_starts, np_ns, roll="backward", weekmask=weekmask, holidays=holidays
        )

    result = benchmark.pedantic(numpy_due, rounds=3, iterations=1)
    # numpy has no reopened weekly-holiday dates (2025's two Saturdays); compare the rest.
    sample = [i for i in range(0, MILLION, 9973) if starts[i] >= date(2025, 7, 1)]
    ours = calendar.due_dates([starts[i] for i in sample], [ns[i] for i in sample])
    assert [result[i].astype(date) for i in sample] == ours


def test_million_deadlines_as_arrays(benchmark, calendar: WorkingCalendar, workload):
    """The batch API on the same inputs as the numpy reference, converted to arrays alike."""
    starts, ns = workload
    np_starts = np.array(starts, dtype="datetime64[D]")
    np_ns = np.array(ns)
    result = benchmark.pedantic(
        calendar.due_dates_array, args=(np_starts, np_ns), rounds=5, iterations=1
    )
    sample = range(0, MILLION, 9973)
    ours = calendar.due_dates([starts[i] for i in sample], [ns[i] for i in sample])
    assert [result[i].astype(date) for i in sample] == ours
