"""`grs worker`: the escalation sweep as its own process."""

from __future__ import annotations

import json
import logging

import click

from grs.cli.context import reports_errors, runtime
from grs.processes.worker import run_forever, run_once


@click.command("worker")
@click.option("--once", is_flag=True, help="Sweep and send once, then exit.")
@reports_errors
def worker_command(once: bool) -> None:
    """Sweep on a schedule (every few minutes and just after midnight Dhaka time)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with runtime() as rt:
        if once:
            click.echo(json.dumps(run_once(rt)))
            return
        click.echo(f"worker: sweeping every {rt.settings.worker_interval_seconds}s; Ctrl-C stops")
        run_forever(rt)
