"""The `grs` command: one click group, a module per command family."""

from __future__ import annotations

import click

from grs.cli.calendar_commands import calendar_group


@click.group()
def main() -> None:
    """GRS: grievance redress case tracking for Bangladesh government offices."""


main.add_command(calendar_group)
