"""Log output: contacts masked in every line, JSON lines for a production node."""

from __future__ import annotations

import json
import logging

import pytest

from grs.processes.logs import configure_logging, mask_personal_data


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("to 01712345678.", "to *********78."),
        ("to +8801712345678", "to ************78"),
        ("to ০১৭১২৩৪৫৬৭৮", "to *********৭৮"),
        ("mail rahim.uddin@example.com now", "mail ***@example.com now"),
        ("case GRS-2026-00012345 sent", "case GRS-2026-00012345 sent"),
        ("an id 1234567890123 stays", "an id 1234567890123 stays"),
    ],
)
def test_contacts_are_masked(written, shown):
    assert mask_personal_data(written) == shown


def test_json_lines_carry_no_contact(capsys):
    handler = configure_logging(logging.INFO, "json")
    try:
        logging.getLogger("grs.notifications").info("notify %s %s", "sms", "01712345678")
        line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    finally:
        logging.getLogger().removeHandler(handler)
    assert line["logger"] == "grs.notifications" and line["level"] == "info"
    assert line["message"] == "notify sms *********78"


def test_configuring_twice_keeps_one_handler():
    first = configure_logging(logging.INFO, "text")
    second = configure_logging(logging.INFO, "text")
    root = logging.getLogger()
    try:
        assert first not in root.handlers and second in root.handlers
    finally:
        root.removeHandler(second)
