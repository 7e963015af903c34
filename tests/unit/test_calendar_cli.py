from __future__ import annotations

import pytest
from click.testing import CliRunner

from grs.cli import main


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config.toml, no database: the defaults
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args))

    return invoke


def test_due_prints_the_date_first(run):
    result = run("calendar", "due", "2026-03-18", "10")
    assert result.exit_code == 0
    assert result.output.splitlines() == ["2026-04-07"]


def test_explain_lists_skipped_days(run):
    lines = run("calendar", "due", "2026-03-18", "10", "--explain").output.splitlines()
    assert lines[0] == "2026-04-07"
    assert any("2026-03-19" in line and "Eid-ul-Fitr holiday" in line for line in lines)
    assert any("2026-03-27" in line and "Friday" in line for line in lines)
    assert len([line for line in lines if line.startswith("  ")]) == 10


def test_bangla_names_and_digits(run):
    lines = run("calendar", "due", "2026-03-18", "10", "--explain", "--lang", "bn").output
    first, *rest = lines.splitlines()
    assert first == "২০২৬-০৪-০৭"
    assert any("ঈদুল ফিতর" in line and "২০২৬-০৩-২২" in line for line in rest)
    assert "শুক্রবার" in lines


def test_bangla_digits_are_accepted_as_input(run):
    assert run("calendar", "due", "২০২৬-০৩-১৮", "১০").output.splitlines() == ["2026-04-07"]


def test_estimate_is_said_even_without_explain(run):
    lines = run("calendar", "due", "2026-12-28", "5").output.splitlines()
    assert lines[0] == "2027-01-04"
    assert "estimate" in lines[1] and "2027" in lines[1]


def test_holidays_lists_kind_and_source(run):
    result = run("calendar", "holidays", "2026")
    assert result.exit_code == 0
    assert "official list 2026" in result.output.splitlines()[0]
    assert any(
        line.startswith("2026-09-04") and "Janmashtami" in line and "general" in line
        for line in result.output.splitlines()
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("due", "2026-13-01", "5"), "not a real calendar date"),
        (("due", "18/03/2026", "5"), "not a date in the form YYYY-MM-DD"),
        (("due", "2026-03-18", "-3"), "cannot be negative"),
        (("due", "2026-03-18", "ten"), "not a whole number"),
        (("due", "2050-01-01", "3"), "outside the supported years"),
        (("holidays", "1999"), "not supported"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run, args, message):
    result = run("calendar", *args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("error: ")
