"""`grs sweep`: one escalation sweep, as cron or a service manager starts it many times a day.

A module of its own so that the command imports the sweep and nothing else (lodging, uploads
and the PDF reader stay out of its start-up)."""

from __future__ import annotations

import json

import click

from grs.cli.context import reports_errors, runtime
from grs.cli.errors import parse_date
from grs.services.escalation import sweep


@click.command("sweep")
@click.option("--as-of", default=None, help="Sweep as if today (Dhaka) were this date.")
@click.option("--json", "as_json", is_flag=True)
@reports_errors
def sweep_command(as_of: str | None, as_json: bool) -> None:
    """Escalate every case whose deadline has passed; restart unanswered waits, close unappealed
    decisions."""
    day = parse_date(as_of, "--as-of") if as_of else None
    with runtime() as rt:
        report = sweep(rt, day)
    data = report.to_json()
    if as_json:
        click.echo(json.dumps(data))
    else:
        click.echo(
            f"as of {data['as_of']}: {data['escalated']} escalated "
            f"{data['escalated_by_tier']}, {data['marked_overdue']} overdue at the top tier, "
            f"{data['restarted']} unanswered requests running again, {data['closed']} closed"
        )
