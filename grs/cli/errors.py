"""How every command reports bad input: one clear line on stderr and exit status 2."""

from __future__ import annotations

import re
from datetime import date
from typing import NoReturn

import click

from grs.bangla import ascii_digits

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(2)


def parse_date(text: str, what: str = "date") -> date:
    """A YYYY-MM-DD date, in ASCII or Bangla digits; anything else ends the command."""
    text = ascii_digits(text.strip())
    if not _ISO_DATE.fullmatch(text):
        fail(f"{what} {text!r} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{what} {text!r} is not a real calendar date")


def parse_count(text: str, what: str) -> int:
    text = ascii_digits(text.strip())
    if not re.fullmatch(r"-?\d+", text):
        fail(f"{what} {text!r} is not a whole number")
    value = int(text)
    if value < 0:
        fail(f"{what} cannot be negative (got {value})")
    return value
