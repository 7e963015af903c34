"""The `grs` command: one click group, a module per command family.

Each command's module is imported only when that command runs: `grs sweep`, started by cron or
a service manager many times a day, should not pay for importing the charter reader."""

from __future__ import annotations

import importlib
from typing import Any

import click

# command name -> "module:attribute", in the order `grs --help` lists them
COMMANDS = {
    "calendar": "grs.cli.calendar_commands:calendar_group",
    "db": "grs.cli.db_commands:db_group",
    "office": "grs.cli.org_commands:office_group",
    "officer": "grs.cli.org_commands:officer_group",
    "service": "grs.cli.org_commands:service_group",
    "lodge": "grs.cli.case_commands:lodge_command",
    "case": "grs.cli.case_commands:case_group",
    "sweep": "grs.cli.sweep_commands:sweep_command",
    "worker": "grs.cli.worker_commands:worker_command",
    "charter": "grs.cli.charter_commands:charter_group",
    "demo": "grs.cli.demo_commands:demo_group",
    "api-client": "grs.cli.api_client_commands:api_client_group",
}


class LazyGroup(click.Group):
    """A group whose commands are imported when asked for by name."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command: Any = getattr(importlib.import_module(module), attribute)
        return command if isinstance(command, click.Command) else None


@click.group(cls=LazyGroup)
def main() -> None:
    """GRS: grievance redress case tracking for Bangladesh government offices."""
