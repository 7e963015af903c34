"""`grs db`: the schema."""

from __future__ import annotations

import click

from grs.cli.context import reports_errors
from grs.db.migrate import upgrade
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
