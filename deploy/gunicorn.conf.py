# Gunicorn settings for a production GRS node: `gunicorn -c deploy/gunicorn.conf.py 'web:create_app()'`.
# Every value can be changed from the environment (see grs.env.example).
import multiprocessing
import os

bind = os.environ.get("GRS_BIND", "127.0.0.1:8000")
# Two processes per core serve pages while others wait on PostgreSQL.
workers = int(os.environ.get("GRS_WEB_PROCESSES", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("GRS_WEB_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
# Each process builds its own app after the fork (no database connection is shared across a fork).
preload_app = False
# No access log: it would hold every client's address and every tracking number in a URL.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GRS_LOG_LEVEL", "info")


def post_fork(server, worker):
    from grs.processes.logs import configure_logging

    configure_logging()
