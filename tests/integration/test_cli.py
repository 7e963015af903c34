"""The scripted `grs` command on SQLite and PostgreSQL: a ladder built from the shell, a case
lodged, shown, acted on and swept, holidays declared; bad input ends as one "error:" line on
stderr, exit status 2, and nothing written.

The commands run on the real clock, so dates are read back from the commands themselves instead
of being written into the test.
"""

from __future__ import annotations

import getpass
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, func, select, text

from grs.calendar.dhaka import dhaka_date, utc_now
from grs.cli import main
from grs.db.models import AuditEntry, Base, Case
from grs.tracking import new_tracking_number

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / "workflows" / "grs_ladder.toml"
PASSWORD = "correct-horse-battery"

COMPLAINT = {
    "office_code": "UPZ",
    "complaint_type": "citizen",
    "subject": "সেবা পাইনি",
    "details": "আবেদন করেও প্রশিক্ষণের তারিখ জানানো হয়নি",
    "name": "রহিম উদ্দিন",
    "mobile": "01711234567",
}


@dataclass
class Cli:
    runner: CliRunner
    url: str
    workdir: Path

    def run(self, *args: str) -> Result:
        return self.runner.invoke(main, list(args))

    def ok(self, *args: str) -> str:
        result = self.run(*args)
        assert result.exit_code == 0, (args, result.stderr, result.exception)
        return result.stdout

    def fails(self, *args: str) -> str:
        """Run a command that must fail cleanly; returns its one error line."""
        result = self.run(*args)
        assert result.exit_code == 2, (args, result.stdout, result.stderr, result.exception)
        assert isinstance(result.exception, SystemExit), result.exception  # no traceback
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
        assert result.stdout == "", (args, result.stdout)
        return lines[0]

    def write_json(self, name: str, data: Any) -> str:
        path = self.workdir / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return str(path)

    def lodge(self, **overrides: Any) -> str:
        out = self.ok("lodge", "--json", self.write_json("case.json", COMPLAINT | overrides))
        return out.splitlines()[0]

    def show(self, tracking: str) -> dict[str, Any]:
        return json.loads(self.ok("case", "show", tracking, "--json"))

    def database_state(self) -> tuple[dict[str, int], list[tuple[Any, ...]]]:
        """Row counts of every table and each case's state and version: what a write changes."""
        engine = create_engine(self.url)
        try:
            with engine.connect() as conn:
                counts = {
                    table.name: conn.scalar(select(func.count()).select_from(table)) or 0
                    for table in Base.metadata.sorted_tables
                }
                cases = conn.execute(
                    select(Case.id, Case.state, Case.tier, Case.version, Case.due_on).order_by(
                        Case.id
                    )
                ).all()
        finally:
            engine.dispose()
        return counts, [tuple(row) for row in cases]


@pytest.fixture
def cli(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Cli, Path | None]:
    """The CLI in a folder of its own; on SQLite a database file that does not exist yet."""
    workdir = tmp_path / "site"
    workdir.mkdir()
    sqlite_file = workdir / "grs.db"
    config = f'[database]\nurl = "sqlite:///{sqlite_file}"\n\n[workflow]\nfile = "{WORKFLOW}"\n'
    (workdir / "config.toml").write_text(config, encoding="utf-8")
    monkeypatch.chdir(workdir)
    monkeypatch.delenv("GRS_CONFIG", raising=False)
    monkeypatch.setenv("GRS_OFFICER_PASSWORD", PASSWORD)
    if database_url.startswith("sqlite"):
        monkeypatch.delenv("GRS_DATABASE_URL", raising=False)
        return Cli(CliRunner(), f"sqlite:///{sqlite_file}", workdir), sqlite_file
    # The environment wins over config.toml: the SQLite file named there must stay unused.
    monkeypatch.setenv("GRS_DATABASE_URL", database_url)
    return Cli(CliRunner(), database_url, workdir), None


def build_ladder(cli: Cli, sqlite_file: Path | None) -> int:
    """UPZ and UPZ2 -> DIST -> CELL, their officers, and a 15-working-day service; its id."""
    out = cli.ok("db", "upgrade")
    assert out.startswith("database at newest schema")
    if sqlite_file is not None:
        assert sqlite_file.exists()
    for args in (
        ("CELL", "--name-bn", "অভিযোগ ব্যবস্থাপনা সেল", "--kind", "cell"),
        ("DIST", "--name-bn", "জেলা কার্যালয়", "--parent", "CELL"),
        ("UPZ", "--name-bn", "উপজেলা কার্যালয়", "--parent", "DIST"),
        ("UPZ2", "--name-bn", "অন্য উপজেলা", "--parent", "DIST"),
    ):
        assert cli.ok("office", "add", *args).startswith(f"office {args[0]} ")
    out = cli.ok(
        "service", "add", "UPZ", "--number", "2", "--name", "প্রশিক্ষণ", "--days", "15",
        "--post", "ict_officer", "--post-title", "উপজেলা আইসিটি অফিসার",
    )  # fmt: skip
    match = re.match(r"service (\d+): ", out)
    assert match, out
    for username, office, post in [
        ("gro1", "UPZ", "gro"), ("ao1", "DIST", "gro"), ("cell1", "CELL", "cell"),
        ("ict1", "UPZ", "ict_officer"),
    ]:  # fmt: skip
        assert cli.ok("officer", "add", username, "--name", username).startswith("officer ")
        assert cli.ok("officer", "assign", username, office, post).strip() == (
            f"{username} holds {office}/{post}"
        )
    if sqlite_file is None:  # PostgreSQL through GRS_DATABASE_URL, never config.toml's file
        assert not (cli.workdir / "grs.db").exists()
    return int(match.group(1))


def _day(text: str) -> date:
    return date.fromisoformat(text)


def test_a_case_from_lodging_to_escalation(cli: tuple[Cli, Path | None]) -> None:
    run, sqlite_file = cli
    service = build_ladder(run, sqlite_file)
    today = dhaka_date(utc_now())

    tracking = run.lodge()
    assert re.fullmatch(r"\d{12}", tracking)
    case = run.show(tracking)
    assert (case["tier"], case["state"], case["current_office"], case["post"]["code"]) == (
        1,
        "new",
        "UPZ",
        "gro",
    )
    assert _day(case["tier_started_on"]) == today and _day(case["due_on"]) > today
    assert [(e["action"], e["to_state"]) for e in case["history"]] == [("lodge", "new")]
    due = case["due_on"]
    plain = run.ok("case", "show", tracking)
    assert "tier 1" in plain and "UPZ/gro" in plain and due in plain

    # Lodged while the service's own charter deadline runs: the service officer's case.
    charter = run.lodge(service_id=service, service_applied_on=today.isoformat())
    charter_case = run.show(charter)
    assert (charter_case["tier"], charter_case["post"]["code"]) == (0, "ict_officer")
    assert charter_case["due_on"] < due

    out = run.ok("case", "act", tracking, "accept", "--as", "gro1")
    assert out.strip() == f"{tracking}: tier 1 accepted due {due}"
    refused = run.fails("case", "act", tracking, "accept", "--as", "gro1")
    assert "accept" in refused and "accepted" in refused
    assert "do not act for" in run.fails(
        "case", "act", tracking, "add_note", "--as", "ao1", "--note", "x"
    )
    case = run.show(tracking)
    assert case["state"] == "accepted" and case["version"] == 2
    assert case["history"][-1]["who"] == "officer:gro1"

    # A holiday inside both deadlines' windows moves both by one working day, and back.
    holiday = run.ok("calendar", "due", today.isoformat(), "1").splitlines()[0]
    out = run.ok("calendar", "add", holiday, "--name", "ঘূর্ণিঝড়", "--reason", "cyclone")
    assert re.fullmatch(r"holiday change \d+ recorded; 2 open deadlines moved", out.strip()), out
    moved = run.show(tracking)["due_on"]
    assert moved > due
    assert run.show(tracking)["history"][-1]["action"] == "recompute_deadline"
    out = run.ok("calendar", "remove", holiday, "--reason", "withdrawn")
    assert re.fullmatch(r"holiday change \d+ recorded; 2 open deadlines moved", out.strip()), out
    assert run.show(tracking)["due_on"] == due

    # The deadline day itself is not late; the charter case, due earlier, climbs to the GRO.
    report = json.loads(run.ok("sweep", "--as-of", due, "--json"))
    assert report == {
        "as_of": due,
        "escalated": 1,
        "escalated_by_tier": {"0": 1},
        "marked_overdue": 0,
        "restarted": 0,
        "closed": 0,
        "conflicts": 0,
    }
    after = (_day(due) + timedelta(days=1)).isoformat()
    report = json.loads(run.ok("sweep", "--as-of", after, "--json"))
    assert (report["escalated"], report["escalated_by_tier"]) == (1, {"1": 1})
    assert json.loads(run.ok("sweep", "--as-of", after, "--json"))["escalated"] == 0
    case = run.show(tracking)
    assert (case["tier"], case["state"], case["current_office"], case["tier_started_on"]) == (
        2,
        "new",
        "DIST",
        after,
    )
    assert [e["action"] for e in case["history"]] == [
        "lodge",
        "accept",
        "recompute_deadline",
        "recompute_deadline",
        "escalate",
    ]
    assert run.show(charter)["tier"] == 1
    out = run.ok("case", "act", tracking, "accept", "--as", "ao1")
    assert out.startswith(f"{tracking}: tier 2 accepted")
    text = run.ok("sweep", "--as-of", after)
    assert text.startswith(f"as of {after}: 0 escalated")


def _wrong_check_digit(tracking: str) -> str:
    return tracking[:-1] + str((int(tracking[-1]) + 1) % 10)


def test_bad_input_is_one_error_line_and_writes_nothing(cli: tuple[Cli, Path | None]) -> None:
    run, sqlite_file = cli
    build_ladder(run, sqlite_file)
    tracking = run.lodge()
    unknown = new_tracking_number(date.today())
    while unknown == tracking:
        unknown = new_tracking_number(date.today())
    missing = {k: v for k, v in COMPLAINT.items() if k not in ("subject", "details")}
    bad = {
        "malformed JSON": (
            ["lodge", "--json", run.write_json("a.json", '{"office_code": "UPZ",')],
            "cannot read",
        ),
        "JSON not an object": (
            ["lodge", "--json", run.write_json("b.json", [COMPLAINT])],
            "one JSON object",
        ),
        "missing file": (["lodge", "--json", str(run.workdir / "nowhere.json")], "cannot read"),
        "unknown field": (
            ["lodge", "--json", run.write_json("c.json", COMPLAINT | {"colour": "red"})],
            "colour",
        ),
        "missing fields": (["lodge", "--json", run.write_json("d.json", missing)], "required"),
        "invalid mobile": (
            ["lodge", "--json", run.write_json("e.json", COMPLAINT | {"mobile": "0123"})],
            "mobile",
        ),
        "unknown office": (
            ["lodge", "--json", run.write_json("f.json", COMPLAINT | {"office_code": "NOPE"})],
            "NOPE",
        ),
        "unknown tracking number (show)": (["case", "show", unknown], "tracking number"),
        "unknown tracking number (act)": (
            ["case", "act", unknown, "accept", "--as", "gro1"],
            "tracking number",
        ),
        "wrong check digit": (
            ["case", "act", _wrong_check_digit(tracking), "accept", "--as", "gro1"],
            "tracking number",
        ),
        "unknown action": (["case", "act", tracking, "approve", "--as", "gro1"], "approve"),
        "refused by state": (
            ["case", "act", tracking, "record_opinion", "--as", "gro1", "--note", "মতামত"],
            "new",
        ),
        "unknown officer": (["case", "act", tracking, "accept", "--as", "nobody"], "nobody"),
        "officer and citizen at once": (
            ["case", "act", tracking, "accept", "--as", "gro1", "--citizen"],
            "exactly one",
        ),
        "malformed sweep date": (["sweep", "--as-of", "23/11/2026"], "YYYY-MM-DD"),
        "impossible sweep date": (["sweep", "--as-of", "2026-02-30"], "2026-02-30"),
        "malformed holiday date": (
            ["calendar", "add", "2026-1-5", "--name", "x", "--reason", "y"],
            "YYYY-MM-DD",
        ),
    }
    before = run.database_state()
    problems = []
    for what, (args, hint) in bad.items():
        try:
            line = run.fails(*args)
        except AssertionError as exc:
            problems.append(f"{what}: {exc}")
            continue
        if hint not in line:
            problems.append(f"{what}: {hint!r} not in {line!r}")
        if run.database_state() != before:
            problems.append(f"{what}: the database changed")
            before = run.database_state()
    assert not problems, "\n".join(problems)
    # The good form of the same commands still works: the refusals above were about the input.
    assert "accepted" in run.ok("case", "act", tracking, "accept", "--as", "gro1")


def test_the_installed_command_reports_bad_input_the_same_way(tmp_path: Path) -> None:
    # The console script, not only click's test runner: exit status 2 and one line on stderr.
    grs = Path(sys.executable).parent / "grs"
    result = subprocess.run(
        [str(grs), "sweep", "--as-of", "tomorrow"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: --as-of 'tomorrow' is not a date in the form YYYY-MM-DD"
    ]
    assert not list(tmp_path.iterdir())  # no database file was created


def test_db_check_says_when_the_stored_cases_no_longer_follow_the_workflow(
    cli: tuple[Cli, Path | None],
) -> None:
    run, sqlite_file = cli
    build_ladder(run, sqlite_file)
    run.lodge()
    assert run.ok("db", "check").startswith("database follows the models and the workflow")
    engine = create_engine(run.url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE cases SET clock_runs = false"))
    engine.dispose()
    result = run.run("db", "check")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "1 cases have a clock flag that disagrees with the running states"
    )


def test_changes_from_the_command_line_are_audited_as_its_user(cli: tuple[Cli, Path | None]):
    run, sqlite_file = cli
    build_ladder(run, sqlite_file)
    engine = create_engine(run.url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                select(AuditEntry.action, AuditEntry.username).order_by(AuditEntry.id)
            ).all()
    finally:
        engine.dispose()
    assert {action for action, _ in rows} == {
        "office_saved", "service_saved", "officer_created", "holder_assigned",
    }  # fmt: skip
    assert {username for _, username in rows} == {f"cli:{getpass.getuser()}"}
    assert len(rows) == 4 + 1 + 4 + 4


def test_an_officer_gets_messages_in_the_language_chosen(cli: tuple[Cli, Path | None]) -> None:
    runner, _ = cli
    assert runner.ok("db", "upgrade")
    runner.ok("officer", "add", "eng", "--name", "Eng", "--language", "en", "--email", "e@x.bd")
    runner.ok("officer", "add", "ban", "--name", "Ban")
    from sqlalchemy import create_engine, select

    from grs.db.models import Officer

    engine = create_engine(runner.url)
    with engine.connect() as conn:
        found = dict(conn.execute(select(Officer.username, Officer.language)).all())
    engine.dispose()
    assert found == {"eng": "en", "ban": "bn"}
    assert "language" in runner.run("officer", "add", "x", "--name", "X", "--language", "fr").stderr


def test_the_appeal_officer_is_set_and_reset_from_the_command_line(cli):
    run, sqlite_file = cli
    build_ladder(run, sqlite_file)
    out = run.ok("office", "appeal-officer", "UPZ", "--post-office", "UPZ2", "--post", "gro")
    assert out.strip() == "UPZ: appeals go to UPZ2/gro"
    run.fails("office", "appeal-officer", "UPZ", "--post", "nope")
    assert run.ok("office", "appeal-officer", "UPZ").strip() == (
        "UPZ: appeals go to the GRO of the office above"
    )


def test_charter_import_says_what_became_of_the_named_appeal_officer(
    cli: tuple[Cli, Path | None],
) -> None:
    run, _ = cli
    run.ok("db", "upgrade")
    run.ok("office", "add", "CELL", "--name-bn", "সেল", "--kind", "cell")
    run.ok("office", "add", "doict.manikganj.gov.bd", "--name-bn", "জেলা আইসিটি", "--parent", "CELL")
    charter = str(ROOT / "grs" / "charters" / "samples" / "manikganj_sadar_upazila_ict.txt")
    default = run.ok("charter", "import", charter, "--parent", "doict.manikganj.gov.bd")
    assert "appeal officer: the GRO of the office above (the default)" in default
    moved = run.ok("charter", "import", charter, "--parent", "CELL", "--json")
    named = json.loads(moved)[0]["import"]["appeal_officer"]
    assert (named["status"], named["office"]) == ("recorded", "doict.manikganj.gov.bd")
    assert "appeal officer: already recorded" in run.ok("charter", "import", charter)
