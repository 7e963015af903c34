"""`grs db`: the schema."""

from __future__ import annotations

import click

from grs.cli.context import reports_errors, runtime
from grs.db.migrate import upgrade
from grs.db.schema_check import schema_drift
from grs.processes.config import load_settings


@click.group("db")
def db_group() -> None:
    """The database schema."""


@db_group.command("upgrade")
@reports_errors
def upgrade_command() -> None:
    """Create or migrate the database to the newest schema."""
    url = load_settings().database_url
    upgrade(url)
    click.echo(f"database at newest schema: {url.split('@')[-1]}")


@db_group.command("check")
@reports_errors
def check_command() -> None:
    """Compare the database with the models and the workflow: the sweep's index, the check
    constraints, and the stored cases' states, tiers and clock flags. Exit 1 on a difference."""
    with runtime() as rt:
        problems = schema_drift(rt.db.engine, rt.workflow)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"database follows the models and the workflow {rt.workflow.name}")
