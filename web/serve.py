"""`python -m web.serve`: migrate the database, start the escalation worker as its own process,
and serve the web app (waitress; it keeps no access log of addresses). With `--demo` (what
`make run` passes) it first loads the demo offices, officers and complaints into an empty
database; without it, an empty database stays empty."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys

from waitress import serve

from grs.db.migrate import upgrade
from grs.processes.config import load_settings
from grs.processes.demo import DEMO_PASSWORD, LOGINS, demo_loaded, load_demo
from grs.processes.runtime import Runtime
from web import create_app


def main(argv: list[str] | None = None) -> None:
    demo = "--demo" in (sys.argv[1:] if argv is None else argv)
    settings = load_settings()
    upgrade(settings.database_url)
    rt = Runtime.from_settings(settings)
    if demo and not demo_loaded(rt):
        print("loading the demo offices, officers and complaints (--demo) ...", flush=True)
        load_demo(rt)
    if not os.environ.get("GRS_SECRET_KEY"):
        # A fresh key per start: fine for a demo (logins do not survive a restart); production
        # sets GRS_SECRET_KEY in the environment.
        os.environ["GRS_SECRET_KEY"] = secrets.token_hex(32)
    worker = subprocess.Popen([sys.executable, "-m", "grs", "worker"])
    # SIGTERM would end this process on the spot, skipping the `finally` that stops the
    # worker; as an interrupt, waitress closes and the worker is stopped with it.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        _print_welcome(settings.web_host, settings.web_port, demo)
        serve(create_app(), host=settings.web_host, port=settings.web_port, threads=8)
    finally:
        _stop(worker)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _stop(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def _print_welcome(host: str, port: int, demo: bool) -> None:
    print(f"\nGRS is running at http://{host}:{port}/", flush=True)
    print(f"  officers sign in at http://{host}:{port}/officer/login", flush=True)
    if not demo:
        print("  no demo data was loaded (start with --demo, as `make run` does)", flush=True)
        return
    print(f"  demo logins (password {DEMO_PASSWORD!r}):", flush=True)
    for login in LOGINS:
        print(f"    {login.username:<16} {login.role}", flush=True)
    print("  the escalation worker runs alongside; Ctrl-C stops both\n", flush=True)


if __name__ == "__main__":
    main()
