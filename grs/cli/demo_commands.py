"""`grs demo load`: the demo offices, officers and complaints."""

from __future__ import annotations

import click

from grs.cli.context import reports_errors, runtime
from grs.processes.demo import DEMO_PASSWORD, LOGINS, demo_loaded, load_demo


@click.group("demo")
def demo_group() -> None:
    """The demo data."""


@demo_group.command("load")
@reports_errors
def load_command() -> None:
    """Load the demo into an empty database (run `grs db upgrade` first)."""
    with runtime() as rt:
        if demo_loaded(rt):
            click.echo("the database already has offices; demo not loaded")
            return
        load_demo(rt)
    click.echo(f"demo loaded; officer logins (password {DEMO_PASSWORD!r}):")
    for login in LOGINS:
        click.echo(f"  {login.username:<16} {login.role}")
