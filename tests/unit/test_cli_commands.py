"""The `grs` command finds every command family, and each name is the command's own."""

from __future__ import annotations

from click.testing import CliRunner

from grs.cli import COMMANDS, main


def test_every_listed_command_loads_under_its_own_name():
    for name in COMMANDS:
        command = main.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.name == name


def test_help_lists_every_command_and_an_unknown_one_is_refused():
    runner = CliRunner()
    listed = runner.invoke(main, ["--help"]).output
    assert all(name in listed for name in COMMANDS)
    unknown = runner.invoke(main, ["no-such-command"])
    assert unknown.exit_code == 2 and "No such command" in unknown.output
