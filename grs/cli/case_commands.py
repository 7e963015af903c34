"""`grs lodge`, `grs case`: complaints from a script."""

from __future__ import annotations

import json
from pathlib import Path

import click

from grs.cli.context import reports_errors, runtime
from grs.cli.errors import fail
from grs.errors import InvalidInput
from grs.services.action_effects import ActionInput
from grs.services.actions import act_by_tracking
from grs.services.case_lookup import find_case
from grs.services.case_view import case_json
from grs.services.citizen_access import lodge_complaint
from grs.services.lodge_input import LodgeInput


@click.command("lodge")
@click.option(
    "--json",
    "json_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="A JSON file with the complaint's fields.",
)
@reports_errors
def lodge_command(json_file: str) -> None:
    """Lodge a complaint; prints its tracking number (and an anonymous receipt code)."""
    try:
        data = json.loads(Path(json_file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail(f"cannot read {json_file}: {exc}")
    if not isinstance(data, dict):
        fail(f"{json_file} must hold one JSON object")
    item = LodgeInput.from_mapping(data)
    with runtime() as rt:
        lodged = lodge_complaint(rt, item)
    click.echo(lodged.case.tracking_number)
    if lodged.receipt_code:
        click.echo(f"receipt code (shown once): {lodged.receipt_code}")


@click.group("case")
def case_group() -> None:
    """Look at and act on cases."""


@case_group.command("show")
@click.argument("tracking")
@click.option("--json", "as_json", is_flag=True)
@reports_errors
def case_show(tracking: str, as_json: bool) -> None:
    with runtime() as rt, rt.db.read_session() as session:
        data = case_json(rt, session, find_case(session, tracking))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{data['display_number']}  tier {data['tier']}  {data['state']}  "
        f"post {data['current_office']}/{data['post']['code']}  due {data['due_on']}"
    )
    for event in data["history"]:
        click.echo(
            f"  {event['on']} {event['who']:<20} {event['action']:<20} "
            f"{event['from_state']} -> {event['to_state']}  {event['note']}"
        )


@case_group.command("act")
@click.argument("tracking")
@click.argument("action")
@click.option("--as", "as_officer", default=None, help="Officer username (officer actions).")
@click.option("--citizen", is_flag=True, help="Act as the complainant (citizen actions).")
@click.option("--note", default="")
@click.option("--reason", "closure_reason", default=None, help="Closure reason for resolve.")
@click.option("--to", "target_office", default=None, help="Office code for forward.")
@click.option("--days", "opinion_days", type=int, default=None, help="Opinion deadline.")
@click.option("--rating", default=None)
@reports_errors
def case_act(
    tracking: str,
    action: str,
    as_officer: str | None,
    citizen: bool,
    note: str,
    closure_reason: str | None,
    target_office: str | None,
    opinion_days: int | None,
    rating: str | None,
) -> None:
    """Fire ACTION on a case as an officer (--as) or as the complainant (--citizen)."""
    if bool(as_officer) == citizen:
        raise InvalidInput("give exactly one of --as OFFICER or --citizen")
    args = ActionInput(
        note=note,
        closure_reason=closure_reason,
        target_office=target_office,
        opinion_days=opinion_days,
        rating=rating,
    )
    with runtime() as rt:
        case = act_by_tracking(rt, tracking, action, None if citizen else as_officer, args)
    click.echo(f"{case.tracking_number}: tier {case.tier} {case.state} due {case.due_on}")
