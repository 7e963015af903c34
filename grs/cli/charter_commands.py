"""`grs charter import`: offices, services and ladders from published citizen charters."""

from __future__ import annotations

import json

import click

from grs.charters.parse import read_charter_file
from grs.cli.context import reports_errors, runtime
from grs.services.charter_import import import_charter

# What became of the appeal officer the charter names.
APPEAL_OFFICER_WORDS = {
    "recorded": "recorded for the office",
    "unchanged": "already recorded",
    "default": "the GRO of the office above (the default), nothing recorded",
    "not_found": "not found among the known posts, nothing recorded",
}


@click.group("charter")
def charter_group() -> None:
    """Citizen charters."""


@charter_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--parent", "parent_code", default=None, help="Code of the office above.")
@click.option("--dry-run", is_flag=True, help="Read and report; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what was read as JSON.")
@reports_errors
def import_command(files: tuple[str, ...], parent_code: str | None, dry_run: bool,
                   as_json: bool) -> None:  # fmt: skip
    """Import one or more charters; a second import of the same file changes nothing."""
    results = []
    with runtime() as rt:
        for path in files:
            parsed = read_charter_file(path)
            with rt.db.write(dry_run=dry_run) as session:
                report = import_charter(session, parsed, rt.workflow, parent_code)
            results.append({"file": path, **parsed.to_json(), "import": report.to_json()})
            if not as_json:
                _print_summary(path, report.to_json(), dry_run)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2, default=str))


def _print_summary(path: str, report: dict[str, object], dry_run: bool) -> None:
    verb = "would change" if dry_run else "changed"
    click.echo(f"{path}: office {report['office']}, {report['services']} services, "
               f"{verb} {report['changes']} rows")  # fmt: skip
    for problem in report["problems"]:  # type: ignore[attr-defined]
        click.echo(f"  problem: {problem}")
    named = report.get("appeal_officer")
    if isinstance(named, dict):
        where = f": {named['post']}, {named['office']}" if named["post"] else ""
        click.echo(f"  appeal officer: {APPEAL_OFFICER_WORDS[named['status']]}{where}")
