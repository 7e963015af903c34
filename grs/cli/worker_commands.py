"""`grs worker`: the escalation sweep as its own process."""

from __future__ import annotations

import json
import logging

import click

from grs.cli.context import reports_errors, runtime
from grs.processes.logs import configure_logging
from grs.processes.worker import JOBS, run_forever, run_once


@click.command("worker")
@click.option("--once", is_flag=True, help="Sweep and send once, then exit.")
@click.option(
    "--only",
    type=click.Choice(JOBS),
    default=None,
    help="Run one job only (a production node runs each as its own process).",
)
@reports_errors
def worker_command(once: bool, only: str | None) -> None:
    """Sweep on a schedule (every few minutes and just after midnight Dhaka time)."""
    configure_logging(logging.INFO)
    jobs = (only,) if only else JOBS
    with runtime() as rt:
        if once:
            click.echo(json.dumps(run_once(rt, jobs)))
            return
        every = rt.settings.worker_interval_seconds
        click.echo(f"worker ({', '.join(jobs)}): every {every}s; Ctrl-C stops", err=True)
        run_forever(rt, jobs=jobs)
