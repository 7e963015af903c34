"""The `grs` command: one click group, a module per command family."""

from __future__ import annotations

import click

from grs.cli.api_client_commands import api_client_group
from grs.cli.calendar_commands import calendar_group
from grs.cli.case_commands import case_group, lodge_command, sweep_command
from grs.cli.charter_commands import charter_group
from grs.cli.db_commands import db_group
from grs.cli.demo_commands import demo_group
from grs.cli.org_commands import office_group, officer_group, service_group
from grs.cli.worker_commands import worker_command


@click.group()
def main() -> None:
    """GRS: grievance redress case tracking for Bangladesh government offices."""


for command in (
    calendar_group,
    db_group,
    office_group,
    officer_group,
    service_group,
    lodge_command,
    case_group,
    sweep_command,
    worker_command,
    charter_group,
    demo_group,
    api_client_group,
):
    main.add_command(command)
