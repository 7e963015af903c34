"""What the database commands share: the runtime, and turning service errors into exit 2."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from sqlalchemy.exc import OperationalError, ProgrammingError

from grs.calendar.working_days import CalendarError
from grs.cli.errors import fail
from grs.errors import GrsError
from grs.processes.config import ConfigError
from grs.processes.runtime import Runtime

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def runtime() -> Iterator[Runtime]:
    rt = Runtime.from_settings()
    try:
        yield rt
    finally:
        rt.db.dispose()


def author() -> str:
    """Who a change from the command line is recorded as: nobody is logged in, so the user."""
    return f"cli:{getpass.getuser()}"


def reports_errors(command: F) -> F:
    """Every expected failure ends as one line on stderr and exit status 2; nothing is written,
    because each command's transaction is rolled back when the error leaves it."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (GrsError, CalendarError, ConfigError) as exc:
            fail(str(exc))
        except (OperationalError, ProgrammingError) as exc:
            fail(f"database problem ({exc.orig.__class__.__name__}); did you run 'grs db upgrade'?")

    return wrapper  # type: ignore[return-value]
