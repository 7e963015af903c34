"""`grs api-client`: Open311 clients' keys, issued, listed and revoked from the command line."""

from __future__ import annotations

import json

import click

from grs.cli.context import author, reports_errors, runtime
from grs.services import api_keys


@click.group("api-client")
def api_client_group() -> None:
    """Keys for systems that lodge complaints through Open311 (a helpline, an app)."""


@api_client_group.command("add")
@click.argument("name")
@click.option("--rate", type=int, default=None, help="Requests per minute (default: config).")
@reports_errors
def add_client(name: str, rate: int | None) -> None:
    """Issue a key; it is printed once and stored only as a hash."""
    with runtime() as rt:
        issued = api_keys.create_client(rt, author(), name, rate)
    click.echo(issued.secret)


@api_client_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@reports_errors
def list_clients(as_json: bool) -> None:
    with runtime() as rt, rt.db.read_session() as session:
        rows = [
            {
                "name": c.name,
                "rate_per_minute": c.rate_per_minute,
                "created_at": c.created_at.isoformat(),
                "created_by": c.created_by,
                "revoked": c.revoked_at is not None,
            }
            for c in api_keys.list_clients(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        state = "revoked" if row["revoked"] else "active"
        click.echo(f"{row['name']}\t{row['rate_per_minute']}/min\t{state}")


@api_client_group.command("revoke")
@click.argument("name")
@reports_errors
def revoke_client(name: str) -> None:
    with runtime() as rt:
        api_keys.revoke_client(rt, author(), name)
    click.echo(f"revoked {name}")
